'use client';

import { trpc } from '@/app/_trpc/react';
import { CardPairSkeleton, PageSkeleton } from './_shared/page-skeleton';
import { EmailSettingsCard } from './email-settings';
import { GeneralSettingsCard } from './general-settings';
import { MembersCard } from './member-admin';
import { PortalSettingsCard } from './portal-settings';
import { StatusUpdateSettingsCard } from './status-update-settings';
import { TeamsCard } from './team-admin';

export function OrgOverviewSkeleton() {
  return (
    <PageSkeleton label="Loading agency">
      <div className="h-8 w-64 rounded bg-slate-200" />
      <CardPairSkeleton height="h-64" />
    </PageSkeleton>
  );
}

export function OrgOverview({ orgSlug, viewerUserId }: { orgSlug: string; viewerUserId: string }) {
  const [data] = trpc.org.overview.useSuspenseQuery({ orgSlug });
  const canManage = data.viewerRole === 'owner' || data.viewerRole === 'admin';
  const activeTeams = data.teams.filter((t) => !t.archivedAt);

  return (
    <div className="space-y-8">
      <div>
        <h1 className="break-words text-2xl font-bold tracking-tight text-slate-900">{data.org.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {data.members.length} {data.members.length === 1 ? 'member' : 'members'} · {activeTeams.length}{' '}
          {activeTeams.length === 1 ? 'team' : 'teams'} · you are {/^[aeiou]/.test(data.viewerRole) ? 'an' : 'a'} {data.viewerRole}
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <TeamsCard orgSlug={orgSlug} teams={data.teams} members={data.members} canManage={canManage} />
        <MembersCard orgSlug={orgSlug} orgName={data.org.name} members={data.members} viewerRole={data.viewerRole} viewerUserId={viewerUserId} />
        <GeneralSettingsCard
          key={data.org.slug}
          orgSlug={orgSlug}
          settings={{ name: data.org.name, slug: data.org.slug, ...data.settings }}
          canManage={canManage}
        />
        <PortalSettingsCard orgSlug={orgSlug} settings={data.portal} canManage={canManage} />
        <EmailSettingsCard orgSlug={orgSlug} agencyName={data.org.name} settings={data.email} canManage={canManage} />
        <StatusUpdateSettingsCard orgSlug={orgSlug} settings={data.statusUpdates} canManage={canManage} />
      </div>
    </div>
  );
}
