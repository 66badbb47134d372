'use client';

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ConfirmDialog, Dialog } from '@/app/_components/dialog';
import { FormError, fieldErrorsOf, formErrorOf, InputField, LiveStatus, useFocusFirstError, withLabel } from '@/app/_components/form';
import type { OrgMember, OrgTeam } from '@/app/_components/use-org';
import { Button, Card, Field } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import { useFocusAfterClose } from './_shared/dialog-focus';
import { useSerialChanges } from './_shared/serial-changes';
import { focusSoon } from './focus-soon';

type Membership = 'none' | 'member' | 'lead';

const MEMBERSHIP_OPTIONS: { value: Membership; label: string }[] = [
  { value: 'none', label: 'Not in team' },
  { value: 'member', label: 'Member' },
  { value: 'lead', label: 'Lead' },
];

const smallButton = 'min-h-9 px-3 py-1.5';

function personName(m: { name: string | null; email: string }) {
  return m.name ?? m.email;
}

function membershipOf(team: OrgTeam, userId: string): Membership {
  const link = team.members.find((m) => m.userId === userId);
  return link ? (link.isLead ? 'lead' : 'member') : 'none';
}

function teamSummary(team: OrgTeam) {
  return team.members.length === 0 ? 'No members yet' : team.members.map((m) => `${personName(m)}${m.isLead ? ' (lead)' : ''}`).join(', ');
}

/**
 * The agency's teams. Owners and admins rename, archive and restore them and choose their members
 * and lead; everyone else reads the list.
 */
export function TeamsCard({ orgSlug, teams, members, canManage }: { orgSlug: string; teams: OrgTeam[]; members: OrgMember[]; canManage: boolean }) {
  const utils = trpc.useUtils();
  const activeTeams = teams.filter((t) => !t.archivedAt);
  const archivedTeams = teams.filter((t) => t.archivedAt);
  const [status, setStatus] = useState<string>();
  const statusId = 'teams-status';
  const [archivingId, setArchivingId] = useState<string | null>(null);
  const [membersOfId, setMembersOfId] = useState<string | null>(null);
  const archiving = teams.find((t) => t.id === archivingId) ?? null;
  const membersOf = activeTeams.find((t) => t.id === membersOfId) ?? null;

  const focusStatus = () => focusSoon(() => document.getElementById(statusId));
  const refocus = useFocusAfterClose(focusStatus);

  const archive = trpc.team.archive.useMutation({
    onSuccess: async (_result, input) => {
      const name = teams.find((t) => t.id === input.teamId)?.name ?? 'The team';
      await utils.org.overview.invalidate({ orgSlug });
      setStatus(`${name} was archived.`);
      refocus.arm();
      setArchivingId(null);
    },
  });
  const restore = trpc.team.archive.useMutation({
    onSuccess: async (_result, input) => {
      const name = teams.find((t) => t.id === input.teamId)?.name ?? 'The team';
      await utils.org.overview.invalidate({ orgSlug });
      setStatus(`${name} was restored.`);
      // The Restore button has gone with the row: the status line takes the focus.
      focusStatus();
    },
  });

  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">Teams</h2>
      {activeTeams.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No teams yet. {canManage ? 'Create the first one below.' : 'An admin can create one.'}</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100" data-testid="team-list">
          {activeTeams.map((team) =>
            canManage ? (
              <ManagedTeamRow
                key={team.id}
                orgSlug={orgSlug}
                team={team}
                onRenamed={(name) => setStatus(`Team renamed to ${name}.`)}
                onMembers={() => setMembersOfId(team.id)}
                onArchive={() => {
                  archive.reset();
                  setArchivingId(team.id);
                }}
              />
            ) : (
              <li key={team.id} className="py-3" data-testid="team-row">
                <p className="font-medium text-slate-900">{team.name}</p>
                <p className="mt-1 text-sm text-slate-600">{teamSummary(team)}</p>
              </li>
            ),
          )}
        </ul>
      )}
      {canManage ? (
        <>
          <LiveStatus id={statusId} testId="teams-status" message={status} className="mt-3 focus:outline-none" />
          {restore.error ? (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
              {restore.error.message}
            </p>
          ) : null}
          {archivedTeams.length > 0 ? (
            <details className="mt-4 rounded-md border border-slate-200" data-testid="archived-teams">
              <summary className="flex min-h-10 cursor-pointer items-center px-3 text-sm font-medium text-slate-800 hover:bg-slate-50">
                Archived teams ({archivedTeams.length})
              </summary>
              <ul className="divide-y divide-slate-100 border-t border-slate-200 px-3">
                {archivedTeams.map((team) => (
                  <li key={team.id} className="flex flex-wrap items-center justify-between gap-3 py-2" data-testid="archived-team-row">
                    <span className="min-w-0 break-words text-sm text-slate-800">{team.name}</span>
                    <Button
                      type="button"
                      variant="secondary"
                      className={smallButton}
                      disabled={restore.isPending && restore.variables?.teamId === team.id}
                      onClick={() => restore.mutate({ orgSlug, teamId: team.id, archived: false })}
                    >
                      {restore.isPending && restore.variables?.teamId === team.id ? 'Restoring…' : 'Restore'}
                      <span className="sr-only"> {team.name}</span>
                    </Button>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <CreateTeamForm orgSlug={orgSlug} />
          <ConfirmDialog
            open={archiving !== null}
            onClose={() => {
              setArchivingId(null);
              refocus.closed();
            }}
            title={`Archive ${archiving?.name ?? 'team'}?`}
            confirmLabel="Archive team"
            pendingLabel="Archiving…"
            tone="danger"
            pending={archive.isPending}
            error={archive.error?.message}
            onConfirm={() => {
              if (archiving && !archive.isPending) archive.mutate({ orgSlug, teamId: archiving.id, archived: true });
            }}
          >
            <p>Its jobs and candidates stay readable to owners and admins, but it takes no new jobs or candidates.</p>
            <p>Its people stay in the agency. You can restore the team from “Archived teams”.</p>
          </ConfirmDialog>
          <TeamMembersDialog orgSlug={orgSlug} team={membersOf} members={members} onClose={() => setMembersOfId(null)} />
        </>
      ) : null}
    </Card>
  );
}

function ManagedTeamRow({
  orgSlug,
  team,
  onRenamed,
  onMembers,
  onArchive,
}: {
  orgSlug: string;
  team: OrgTeam;
  onRenamed: (name: string) => void;
  onMembers: () => void;
  onArchive: () => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const renameButtonId = `team-rename-${team.id}`;
  const returnFocus = useRef(false);

  useEffect(() => {
    if (!renaming && returnFocus.current) {
      returnFocus.current = false;
      document.getElementById(renameButtonId)?.focus();
    }
  }, [renaming, renameButtonId]);

  function close() {
    returnFocus.current = true;
    setRenaming(false);
  }

  return (
    <li className="py-3" data-testid="team-row">
      {renaming ? (
        <RenameTeamForm
          orgSlug={orgSlug}
          team={team}
          onCancel={close}
          onDone={(name) => {
            onRenamed(name);
            close();
          }}
        />
      ) : (
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
          <div className="min-w-0 flex-1 basis-48">
            <p className="break-words font-medium text-slate-900">{team.name}</p>
            <p className="mt-1 text-sm text-slate-600">{teamSummary(team)}</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button id={renameButtonId} type="button" variant="secondary" className={smallButton} onClick={() => setRenaming(true)} data-testid="team-rename">
              Rename<span className="sr-only"> {team.name}</span>
            </Button>
            <Button type="button" variant="secondary" className={smallButton} onClick={onMembers} data-testid="team-members">
              Members<span className="sr-only"> of {team.name}</span>
            </Button>
            <Button type="button" variant="secondary" className={smallButton} onClick={onArchive} data-testid="team-archive">
              Archive<span className="sr-only"> {team.name}</span>
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}

function RenameTeamForm({ orgSlug, team, onCancel, onDone }: { orgSlug: string; team: OrgTeam; onCancel: () => void; onDone: (name: string) => void }) {
  const utils = trpc.useUtils();
  const [name, setName] = useState(team.name);
  const rename = trpc.team.rename.useMutation({
    onSuccess: async (result) => {
      await utils.org.overview.invalidate({ orgSlug });
      onDone(result.name);
    },
  });
  const formRef = useFocusFirstError(rename.error);
  const errors = fieldErrorsOf(rename.error);
  const id = `team-name-${team.id}`;

  useEffect(() => {
    const input = document.getElementById(id);
    if (input instanceof HTMLInputElement) {
      input.focus();
      input.select();
    }
  }, [id]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (rename.isPending) return;
    if (name.trim() === team.name) return onCancel();
    rename.mutate({ orgSlug, teamId: team.id, name });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate className="space-y-3" data-testid="team-rename-form">
      <FormError message={formErrorOf(rename.error, ['name'])} />
      <InputField
        id={id}
        label="Team name"
        maxLength={60}
        autoComplete="off"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={withLabel('Team name', errors.name)}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" className={smallButton} disabled={rename.isPending}>
          {rename.isPending ? 'Saving…' : 'Save name'}
        </Button>
        <Button type="button" variant="secondary" className={smallButton} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

const MEMBERSHIP_STATUS: Record<Membership, (name: string, team: string) => string> = {
  lead: (name, team) => `${name} now leads ${team}.`,
  member: (name, team) => `${name} is now a member of ${team}.`,
  none: (name, team) => `${name} is no longer in ${team}.`,
};

/** Every member of the agency with their place in one team: not in it, member or lead. */
function TeamMembersDialog({ orgSlug, team, members, onClose }: { orgSlug: string; team: OrgTeam | null; members: OrgMember[]; onClose: () => void }) {
  return (
    <Dialog
      open={team !== null}
      onClose={onClose}
      title={`Members of ${team?.name ?? 'the team'}`}
      description="Choose who is in the team and who leads it. A team has one lead: making someone the lead makes the current lead a member."
      testId="team-members-dialog"
    >
      {team ? <TeamMembersForm orgSlug={orgSlug} team={team} members={members} onDone={onClose} /> : null}
    </Dialog>
  );
}

function TeamMembersForm({ orgSlug, team, members, onDone }: { orgSlug: string; team: OrgTeam; members: OrgMember[]; onDone: () => void }) {
  const utils = trpc.useUtils();
  const setMembership = trpc.team.setMembership.useMutation();
  // The choice being saved, per person, shown until the agency's data says so.
  const { pending, enqueue } = useSerialChanges<Membership>();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  function change(member: OrgMember, membership: Membership) {
    const name = personName(member);
    setStatus(undefined);
    setError(undefined);
    enqueue(member.userId, membership, async () => {
      try {
        await setMembership.mutateAsync({ orgSlug, teamId: team.id, userId: member.userId, membership });
        await utils.org.overview.invalidate({ orgSlug });
        setStatus(MEMBERSHIP_STATUS[membership](name, team.name));
      } catch (e) {
        setError(`${name}: ${e instanceof Error ? e.message : 'the change was not saved.'}`);
      }
    });
  }

  return (
    <div>
      <FormError message={error} />
      <ul className="divide-y divide-slate-100" data-testid="team-members-list">
        {members.map((m) => {
          const id = `team-${team.id}-member-${m.userId}`;
          const value = pending[m.userId] ?? membershipOf(team, m.userId);
          return (
            <li key={m.userId} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2.5">
              <div className="min-w-0 flex-1 basis-40">
                <label htmlFor={id} className="block break-words text-sm font-medium text-slate-900">
                  {personName(m)}
                </label>
                {m.name ? (
                  <p id={`${id}-email`} className="break-all text-sm text-slate-600">
                    {m.email}
                  </p>
                ) : null}
              </div>
              <select
                id={id}
                value={value}
                aria-describedby={m.name ? `${id}-email` : undefined}
                aria-busy={pending[m.userId] ? true : undefined}
                onChange={(e) => change(m, e.target.value as Membership)}
                className="block h-10 w-full rounded-md border border-slate-500 bg-white px-3 pr-8 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 sm:w-40 sm:text-sm"
                data-testid="team-membership-select"
              >
                {MEMBERSHIP_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
      <div className="mt-4 flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-between">
        <LiveStatus testId="team-members-status" message={status} />
        <Button type="button" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

/** A new team: its name, nothing else (members join from the team's Members dialog). */
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
      <div className="min-w-0 flex-1">
        <Field label="New team" name="name" value={name} maxLength={60} placeholder="e.g. Engineering" error={fieldError} onChange={(e) => setName(e.target.value)} />
      </div>
      <Button type="submit" variant="secondary" disabled={create.isPending}>
        {create.isPending ? 'Adding…' : 'Add team'}
      </Button>
    </form>
  );
}
