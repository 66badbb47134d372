'use client';

import type { inferRouterOutputs } from '@trpc/server';
import { useMemo } from 'react';
import { trpc } from '@/app/_trpc/react';
import type { AppRouter } from '@/server/trpc/root';
import { canLogTouches, canWriteJobs, canWriteRecords } from './records';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type OrgOverview = RouterOutputs['org']['overview'];
export type OrgTeam = OrgOverview['teams'][number];
export type OrgMember = OrgOverview['members'][number];

/**
 * The agency as the signed-in member sees it: its teams and members, what they may change, and the
 * teams they may file records under (owners and admins: every active team; others: their own).
 */
export function useOrg(orgSlug: string, viewerUserId: string) {
  const [overview] = trpc.org.overview.useSuspenseQuery({ orgSlug });
  return useMemo(() => {
    const role = overview.viewerRole;
    const activeTeams = overview.teams.filter((t) => !t.archivedAt);
    const seesAll = role === 'owner' || role === 'admin';
    const ownTeams = seesAll ? activeTeams : activeTeams.filter((t) => t.members.some((m) => m.userId === viewerUserId));
    return {
      overview,
      role,
      viewerUserId,
      canWrite: canWriteRecords(role),
      canWriteJobs: canWriteJobs(role),
      canLogTouches: canLogTouches(role),
      activeTeams,
      /** Teams the viewer may file candidates and jobs under, and filter by. */
      ownTeams,
      members: overview.members,
      teamName: (id: string | null | undefined) => (id ? (overview.teams.find((t) => t.id === id)?.name ?? null) : null),
      memberName: (id: string | null | undefined) => {
        const m = id ? overview.members.find((x) => x.userId === id) : undefined;
        return m ? (m.name ?? m.email) : null;
      },
    };
  }, [overview, viewerUserId]);
}

export type OrgView = ReturnType<typeof useOrg>;
