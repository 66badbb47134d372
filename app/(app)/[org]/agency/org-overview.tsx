'use client';

import { useState, type FormEvent } from 'react';
import { Badge, Button, Card, Field } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import { EmailSettingsCard } from './email-settings';
import { PortalSettingsCard } from './portal-settings';

export function OrgOverviewSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading agency" className="animate-pulse space-y-6">
      <div className="h-8 w-64 rounded bg-slate-200" />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="h-64 rounded-lg bg-slate-200" />
        <div className="h-64 rounded-lg bg-slate-200" />
      </div>
    </div>
  );
}

export function OrgOverview({ orgSlug }: { orgSlug: string }) {
  const [data] = trpc.org.overview.useSuspenseQuery({ orgSlug });
  const canManage = data.viewerRole === 'owner' || data.viewerRole === 'admin';
  const activeTeams = data.teams.filter((t) => !t.archivedAt);

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{data.org.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {data.members.length} {data.members.length === 1 ? 'member' : 'members'} · {activeTeams.length}{' '}
          {activeTeams.length === 1 ? 'team' : 'teams'} · you are {/^[aeiou]/.test(data.viewerRole) ? 'an' : 'a'} {data.viewerRole}
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="text-base font-semibold text-slate-900">Teams</h2>
          {activeTeams.length === 0 ? (
            <p className="mt-4 text-sm text-slate-600">No teams yet. {canManage ? 'Create the first one below.' : 'An admin can create one.'}</p>
          ) : (
            <ul className="mt-4 divide-y divide-slate-100">
              {activeTeams.map((team) => (
                <li key={team.id} className="py-3">
                  <p className="font-medium text-slate-900">{team.name}</p>
                  <p className="mt-1 text-sm text-slate-600">
                    {team.members.length === 0
                      ? 'No members yet'
                      : team.members.map((m) => `${m.name ?? m.email}${m.isLead ? ' (lead)' : ''}`).join(', ')}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {canManage ? <CreateTeamForm orgSlug={orgSlug} /> : null}
        </Card>
        <Card>
          <h2 className="text-base font-semibold text-slate-900">Members</h2>
          <ul className="mt-4 divide-y divide-slate-100">
            {data.members.map((m) => (
              <li key={m.userId} className="flex items-center justify-between gap-4 py-3">
                <div className="min-w-0">
                  <p className="truncate font-medium text-slate-900">{m.name ?? m.email}</p>
                  {m.name ? <p className="truncate text-sm text-slate-600">{m.email}</p> : null}
                </div>
                <Badge tone={m.role === 'owner' || m.role === 'admin' ? 'brand' : 'slate'}>{m.role}</Badge>
              </li>
            ))}
          </ul>
        </Card>
        <PortalSettingsCard orgSlug={orgSlug} settings={data.portal} canManage={canManage} />
        <EmailSettingsCard orgSlug={orgSlug} agencyName={data.org.name} settings={data.email} canManage={canManage} />
      </div>
    </div>
  );
}

function CreateTeamForm({ orgSlug }: { orgSlug: string }) {
  const utils = trpc.useUtils();
  const [name, setName] = useState('');
  const create = trpc.team.create.useMutation({
    onSuccess: async () => {
      setName('');
      await utils.org.overview.invalidate({ orgSlug });
    },
  });
  const fieldError = (create.error?.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors?.name ?? create.error?.message;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ orgSlug, name });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 flex items-end gap-3 border-t border-slate-100 pt-4">
      <div className="flex-1">
        <Field label="New team" name="name" value={name} maxLength={60} placeholder="e.g. Engineering" error={fieldError} onChange={(e) => setName(e.target.value)} />
      </div>
      <Button type="submit" variant="secondary" disabled={create.isPending}>
        {create.isPending ? 'Adding…' : 'Add team'}
      </Button>
    </form>
  );
}
