import { sql } from 'drizzle-orm';
import { renderTemplate } from '@/emails';
import { queryRows, uuidArray } from '@/db/client';
import type { Role } from '@/db/schema';
import { EmailSecrets } from '@/server/email/email-secrets';
import { AppError } from '@/server/errors';
import { assertNotSuppressed, loadMailSettings, queueOutboundEmail } from '@/server/services/email/queue-outbound-email';
import { loadSender } from '@/server/services/email/send-candidate-email';
import type { ServiceContext } from '@/server/services/types';
import { invitationUrl } from './invitation-token';

export interface InvitationEmail {
  email: string;
  role: Role;
  teamIds: string[];
  token: string;
  expiresAt: Date;
}

/**
 * Refuses an address that bounced or complained before, as the form's `email` field (the outbox's
 * own check names the `to` field of the candidate forms).
 */
export async function assertInviteeReachable(ctx: ServiceContext, email: string): Promise<void> {
  try {
    await assertNotSuppressed(ctx, email);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, error.message, { field: 'email', cause: error });
    throw error;
  }
}

/** "Tuesday 10 November 2026", in the agency's time zone. */
function formatExpiry(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date).replace(',', '');
}

/**
 * Writes the invitation email to the agency outbox in the caller's transaction: it is sent by the
 * queue after the commit, and not at all if the invitation rolls back. Replies go to the inviter.
 */
export async function sendInvitationEmail(ctx: ServiceContext, invitation: InvitationEmail): Promise<{ emailId: string }> {
  const org = await loadMailSettings(ctx);
  const sender = await loadSender(ctx);
  const [zone] = await queryRows<{ time_zone: string }>(ctx.tx, sql`select time_zone from organizations where id = ${ctx.actor.orgId}`);
  const teams = invitation.teamIds.length
    ? await queryRows<{ name: string }>(
        ctx.tx,
        sql`select name from teams where org_id = ${ctx.actor.orgId} and id = any(${uuidArray(invitation.teamIds)}) and archived_at is null order by name`,
      )
    : [];
  // The link is live: the stored email holds a placeholder, the link itself is sealed beside it.
  const secrets = new EmailSecrets();
  const rendered = await renderTemplate('team-invitation', {
    agencyName: org.name,
    inviterName: sender.name,
    role: invitation.role,
    teamNames: teams.map((t) => t.name),
    acceptUrl: secrets.link('invite', invitationUrl(invitation.token)),
    expiresOn: formatExpiry(invitation.expiresAt, zone?.time_zone ?? 'UTC'),
  });
  const email = await queueOutboundEmail(ctx, {
    kind: 'team_invitation',
    candidateId: null,
    to: invitation.email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    org,
    fallbackReplyTo: sender.email,
    secrets,
  });
  return { emailId: email.id };
}
