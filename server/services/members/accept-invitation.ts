import { sql } from 'drizzle-orm';
import { execute, queryRows, ts, uuidArray } from '@/db/client';
import type { Role } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { recordAudit } from '@/server/services/audit/record-audit';
import {
  unsafeHitRateLimit,
  unsafePeekRateLimit,
  unsafePruneRateLimits,
  type RateLimitRule,
} from '@/server/services/rate-limits/unsafe-hit-rate-limit';
import { hashInvitationToken, isInvitationTokenShape, roleWithArticle } from './invitation-token';
import { unsafeFindInvitationByTokenHash, type FoundInvitation } from './unsafe-find-invitation';

/** Failed invitation links allowed per user in a window: plenty for mistakes, far too few to guess 256 bits. */
export const INVITATION_FAILURES_PER_WINDOW = 10;
export const INVITATION_FAILURE_WINDOW_SECONDS = 15 * 60;

export interface InvitationUser {
  id: string;
  email: string;
}

export type InvitationOutcome =
  /** Joined now, with the invitation's role and teams. */
  | { kind: 'accepted'; orgSlug: string; agencyName: string; role: Role }
  /** Was a member already: the invitation is used up, the role stays as it was (teams are added). */
  | { kind: 'already_member'; orgSlug: string; agencyName: string; role: Role; invitedRole: Role }
  /** This user accepted it before: the link just leads to the agency. */
  | { kind: 'already_accepted'; orgSlug: string; agencyName: string }
  /** Unknown, revoked, or used by someone else: one outcome, so nothing can be learnt about tokens. */
  | { kind: 'invalid' }
  | { kind: 'expired'; agencyName: string; inviterName: string | null }
  | { kind: 'wrong_account'; invitedEmail: string; signedInEmail: string }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

export type InvitationProblem = Extract<InvitationOutcome, { kind: 'invalid' | 'expired' | 'wrong_account' | 'rate_limited' }>;

/** Before acceptance: what a link would do for this user, or that it can be accepted. */
export type InvitationCheck = InvitationProblem | Extract<InvitationOutcome, { kind: 'already_accepted' }> | { kind: 'acceptable'; agencyName: string; role: Role; email: string; inviterName: string | null };

export function invitationFailureRule(userId: string): RateLimitRule {
  return { key: `invitation-token:user:${userId}`, limit: INVITATION_FAILURES_PER_WINDOW, windowSeconds: INVITATION_FAILURE_WINDOW_SECONDS };
}

/** The sentence the user reads for each outcome (the acceptance page shows it under its title). */
export function invitationMessage(outcome: InvitationOutcome | InvitationCheck): string {
  switch (outcome.kind) {
    case 'accepted':
      return `You joined ${outcome.agencyName} as ${roleWithArticle(outcome.role)}.`;
    case 'already_member':
      return `You are already a member of ${outcome.agencyName}, as ${roleWithArticle(outcome.role)}. Your role stays the same; ask an owner or admin if it should change.`;
    case 'already_accepted':
      return `You already accepted this invitation to ${outcome.agencyName}.`;
    case 'acceptable':
      return `${outcome.inviterName ?? 'An owner or admin'} invited you to join ${outcome.agencyName} as ${roleWithArticle(outcome.role)}.`;
    case 'invalid':
      return 'This invitation is not valid. It may have been revoked or replaced by a newer one: ask the person who invited you to send a new one.';
    case 'expired':
      return `This invitation has expired. Ask ${outcome.inviterName ?? `an owner or admin of ${outcome.agencyName}`} to send a new one.`;
    case 'wrong_account':
      return `This invitation is for ${outcome.invitedEmail}. You are signed in as ${outcome.signedInEmail}. Sign out and open the link again, or ask for an invitation to ${outcome.signedInEmail}.`;
    case 'rate_limited': {
      const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
      return `Too many invitation links that did not work. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    }
  }
}

function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The rules, in order: a link that does not exist for this user, then who it is for, then its age. */
function evaluate(found: FoundInvitation | null, user: InvitationUser, now: Date): InvitationCheck {
  if (!found || found.revokedAt) return { kind: 'invalid' };
  if (found.acceptedAt) {
    return found.acceptedBy === user.id && found.isMember ? { kind: 'already_accepted', orgSlug: found.agency.slug, agencyName: found.agency.name } : { kind: 'invalid' };
  }
  if (!sameAddress(found.email, user.email)) return { kind: 'wrong_account', invitedEmail: found.email, signedInEmail: user.email };
  if (found.expiresAt.getTime() <= now.getTime()) return { kind: 'expired', agencyName: found.agency.name, inviterName: found.inviterName };
  return { kind: 'acceptable', agencyName: found.agency.name, role: found.role, email: found.email, inviterName: found.inviterName };
}

async function lookup(user: InvitationUser, token: string, now: Date): Promise<{ found: FoundInvitation | null; check: InvitationCheck }> {
  const rule = invitationFailureRule(user.id);
  const limit = await unsafePeekRateLimit(rule, now);
  if (!limit.allowed) return { found: null, check: { kind: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds } };
  const found = isInvitationTokenShape(token) ? await unsafeFindInvitationByTokenHash(hashInvitationToken(token), user.id) : null;
  const check = evaluate(found, user, now);
  if (check.kind === 'invalid') {
    await unsafeHitRateLimit(rule, now);
    if (Math.random() < 0.02) await unsafePruneRateLimits(new Date(now.getTime() - 24 * 3600_000));
  }
  return { found, check };
}

/**
 * What accepting this link would do for the signed-in user, changing nothing: the invitation page
 * shows it before the user confirms. A link that does not work counts against the user's rate limit.
 */
export async function checkInvitation({ user, token, now = new Date() }: { user: InvitationUser; token: string; now?: Date }): Promise<InvitationCheck> {
  return (await lookup(user, token, now)).check;
}

/**
 * The signed-in user confirms an invitation (a POST from the invitation page). In the agency's tenant, in one transaction: the
 * membership with the invitation's role (or the existing one, kept), its teams, the invitation
 * marked accepted, and the audit entry.
 */
export async function acceptInvitation({ user, token, now = new Date() }: { user: InvitationUser; token: string; now?: Date }): Promise<InvitationOutcome> {
  const { found, check } = await lookup(user, token, now);
  if (check.kind !== 'acceptable' || !found) return check.kind === 'acceptable' ? { kind: 'invalid' } : check;

  const orgId = found.orgId;
  return withTenant(orgId, async (tx): Promise<InvitationOutcome> => {
    // Checked again under a lock: it may have been revoked, resent or accepted since the lookup.
    const [invitation] = await queryRows<{ id: string; email: string; role: Role; team_ids: string[]; expires_at: Date; accepted_at: Date | null; accepted_by: string | null; revoked_at: Date | null }>(
      tx,
      sql`select id, email, role, team_ids, expires_at, accepted_at, accepted_by, revoked_at from invitations
          where org_id = ${orgId} and id = ${found.invitationId} and token_hash = ${hashInvitationToken(token)} for update`,
    );
    const again = evaluate(
      invitation
        ? { ...found, email: invitation.email, role: invitation.role, expiresAt: invitation.expires_at, acceptedAt: invitation.accepted_at, acceptedBy: invitation.accepted_by, revokedAt: invitation.revoked_at }
        : null,
      user,
      now,
    );
    if (again.kind !== 'acceptable' || !invitation) return again.kind === 'acceptable' ? { kind: 'invalid' } : again;

    const [created] = await queryRows<{ role: Role }>(
      tx,
      sql`insert into memberships (org_id, user_id, role) values (${orgId}, ${user.id}, ${invitation.role})
          on conflict (org_id, user_id) do nothing returning role`,
    );
    const [member] = created ? [created] : await queryRows<{ role: Role }>(tx, sql`select role from memberships where org_id = ${orgId} and user_id = ${user.id}`);
    const teams = await queryRows<{ team_id: string }>(
      tx,
      sql`insert into team_members (org_id, team_id, user_id)
          select t.org_id, t.id, ${user.id} from teams t
          where t.org_id = ${orgId} and t.id = any(${uuidArray(invitation.team_ids)}) and t.archived_at is null
          on conflict (org_id, team_id, user_id) do nothing
          returning team_id`,
    );
    await execute(tx, sql`update invitations set accepted_at = ${ts(now)}, accepted_by = ${user.id} where org_id = ${orgId} and id = ${invitation.id}`);
    await recordAudit(
      { tx, actor: { orgId, userId: user.id } },
      {
        action: 'invitation.accept',
        targetType: 'invitation',
        targetId: invitation.id,
        after: { email: invitation.email, invitedRole: invitation.role, role: member!.role, alreadyMember: !created, teamsJoined: teams.map((t) => t.team_id) },
      },
    );
    const agency = { orgSlug: found.agency.slug, agencyName: found.agency.name };
    return created ? { kind: 'accepted', ...agency, role: created.role } : { kind: 'already_member', ...agency, role: member!.role, invitedRole: invitation.role };
  });
}
