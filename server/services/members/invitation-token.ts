import { env } from '@/server/env';
import { generatePortalToken, hashPortalToken, isPortalTokenShape } from '@/server/services/portal/portal-token';

/** How long an invitation link works after it was (last) sent. */
export const INVITATION_LIFETIME_DAYS = 7;

/**
 * Invitation tokens are made like portal tokens: 256 random bits, base64url (43 characters), of
 * which the database keeps only the SHA-256. The link is opened before anyone knows the agency,
 * so the hash is unique across agencies and looked up by `unsafeFindInvitationByTokenHash`.
 */
export const generateInvitationToken = generatePortalToken;
export const hashInvitationToken = hashPortalToken;
export const isInvitationTokenShape = isPortalTokenShape;

/** The path of the invitation page; joining posts to `<path>/accept`, which leaves the token behind (303 to the agency). */
export function invitationPath(token: string): string {
  return `/invite/${encodeURIComponent(token)}`;
}

export function invitationUrl(token: string): string {
  return new URL(invitationPath(token), env().APP_URL).toString();
}

export function invitationExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITATION_LIFETIME_DAYS * 86_400_000);
}

const ROLE_ARTICLE = { owner: 'an owner', admin: 'an admin', recruiter: 'a recruiter', viewer: 'a viewer' } as const;

/** "an admin", "a recruiter": how messages name a role. */
export function roleWithArticle(role: keyof typeof ROLE_ARTICLE): string {
  return ROLE_ARTICLE[role];
}
