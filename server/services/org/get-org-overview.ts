import { asc, eq, sql } from 'drizzle-orm';
import { memberships, organizations, teamMembers, teams, users } from '@/db/schema';
import { devToolsEnabled } from '@/server/env';
import { AppError } from '@/server/errors';
import type { ServiceContext } from '@/server/services/types';

/** The agency page: its teams with their people, and every member with their role. */
export async function getOrgOverview({ tx, actor }: ServiceContext) {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, actor.orgId));
  if (!org) throw new AppError('NOT_FOUND', 'This agency does not exist.');

  const members = await tx
    .select({ userId: memberships.userId, role: memberships.role, joinedAt: memberships.createdAt, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .orderBy(asc(sql`coalesce(${users.name}, ${users.email})`));

  const teamRows = await tx
    .select({ id: teams.id, name: teams.name, archivedAt: teams.archivedAt, createdAt: teams.createdAt })
    .from(teams)
    .orderBy(asc(teams.name));

  const links = await tx.select({ teamId: teamMembers.teamId, userId: teamMembers.userId, isLead: teamMembers.isLead }).from(teamMembers);

  const byUser = new Map(members.map((m) => [m.userId, m]));
  return {
    org: { id: org.id, name: org.name, slug: org.slug, createdAt: org.createdAt },
    settings: {
      followUpWindowDays: org.followUpWindowDays,
      replyTargetHours: org.replyTargetHours,
      timeZone: org.timeZone,
      replyToAddress: org.replyToAddress,
      retentionMonths: org.retentionMonths,
    },
    portal: { portalLinkDays: org.portalLinkDays, brandColor: org.brandColor, logoUrl: org.logoUrl },
    email: { senderName: org.senderName, inboundDomain: org.inboundDomain, trackEngagement: org.trackEngagement },
    statusUpdates: {
      statusUpdatesEnabled: org.statusUpdatesEnabled,
      statusUpdateDays: org.statusUpdateDays,
      // The template preview exists only while mail goes to the dev mailbox.
      previewUrl: devToolsEnabled() ? '/dev/emails/status-update' : null,
    },
    viewerRole: actor.role,
    members: members.map((m) => ({ ...m, teamIds: links.filter((l) => l.userId === m.userId).map((l) => l.teamId) })),
    teams: teamRows.map((team) => ({
      ...team,
      members: links
        .filter((l) => l.teamId === team.id)
        .flatMap((l) => {
          const m = byUser.get(l.userId);
          return m ? [{ userId: m.userId, name: m.name, email: m.email, role: m.role, isLead: l.isLead }] : [];
        }),
    })),
  };
}
