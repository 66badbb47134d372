'use client';

import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CheckboxField } from '@/app/_components/checkbox';
import { ConfirmDialog } from '@/app/_components/dialog';
import { fieldErrorsOf, FormError, formErrorOf, InputField, SelectField, useFocusFirstError } from '@/app/_components/form';
import { Pill } from '@/app/_components/status';
import { DateTime } from '@/app/_components/time';
import { Button, Card, cx } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import type { Role } from '@/db/schema';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import { AdminOnly } from '../_shared/admin-only';
import { AgencyPage, type AgencyPageHeading } from '../_shared/agency-page-header';
import { CardList } from '../_shared/card-list';
import { useConfirmRow } from '../_shared/dialog-focus';
import { CardPairSkeleton, HeaderSkeleton, PageSkeleton } from '../_shared/page-skeleton';
import { SaveRow } from '../_shared/save-row';
import { AlertLine, SuccessStatus } from '../_shared/status-lines';

type InvitationItem = inferRouterOutputs<AppRouter>['invitation']['list'][number];

/** What each role may do, in the words the invitation email uses. */
export const ROLE_OPTIONS: { value: Role; label: string; description: string }[] = [
  { value: 'recruiter', label: 'Recruiter', description: 'Works with candidates and jobs: sees who followed up and answers the questions waiting on them.' },
  { value: 'viewer', label: 'Viewer', description: 'Sees candidates, jobs and the dashboard, but changes nothing.' },
  { value: 'admin', label: 'Admin', description: 'Manages the agency’s settings, teams and members, and works with candidates and jobs.' },
  { value: 'owner', label: 'Owner', description: 'Runs the agency: its settings, teams and members, as well as every candidate and job. Only owners can invite owners.' },
];

const ROLE_LABEL = Object.fromEntries(ROLE_OPTIONS.map((r) => [r.value, r.label])) as Record<Role, string>;

const FORM_FIELDS = ['email', 'role', 'teamIds'] as const;

const HEADING: AgencyPageHeading = {
  crumb: 'Members',
  title: 'Invite members',
  intro: 'People you invite get an email with a link. They join with the role and teams you choose here when they accept it, within 7 days.',
};

export function MembersAdminSkeleton() {
  return (
    <PageSkeleton label="Loading members">
      <HeaderSkeleton />
      <CardPairSkeleton height="h-80" />
    </PageSkeleton>
  );
}

export function MembersForbidden({ orgSlug }: { orgSlug: string }) {
  return (
    <AdminOnly orgSlug={orgSlug} heading={HEADING} testId="members-forbidden">
      Only owners and admins can invite members.
    </AdminOnly>
  );
}

export function MembersAdmin({ orgSlug }: { orgSlug: string }) {
  const [overview] = trpc.org.overview.useSuspenseQuery({ orgSlug });
  const teams = overview.teams.filter((t) => !t.archivedAt).map((t) => ({ id: t.id, name: t.name }));
  return (
    <AgencyPage orgSlug={orgSlug} heading={HEADING}>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <InviteCard orgSlug={orgSlug} viewerRole={overview.viewerRole} teams={teams} />
        <PendingInvitationsCard orgSlug={orgSlug} viewerRole={overview.viewerRole} />
      </div>
    </AgencyPage>
  );
}

function InviteCard({ orgSlug, viewerRole, teams }: { orgSlug: string; viewerRole: Role; teams: { id: string; name: string }[] }) {
  const utils = trpc.useUtils();
  const headingId = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('recruiter');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [sent, setSent] = useState<string>();
  const invite = trpc.invitation.create.useMutation({
    onSuccess: async (result) => {
      setSent(result.message);
      setEmail('');
      setTeamIds([]);
      await utils.invitation.list.invalidate({ orgSlug });
    },
  });
  const errors = fieldErrorsOf(invite.error);
  const formRef = useFocusFirstError(invite.error);
  const roles = ROLE_OPTIONS.filter((r) => r.value !== 'owner' || viewerRole === 'owner');
  const chosen = ROLE_OPTIONS.find((r) => r.value === role);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (invite.isPending) return;
    setSent(undefined);
    invite.mutate({ orgSlug, email, role, teamIds });
  }

  function toggleTeam(id: string, checked: boolean) {
    setTeamIds((current) => (checked ? [...current, id] : current.filter((t) => t !== id)));
  }

  return (
    <Card>
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        Invite a member
      </h2>
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby={headingId} className="mt-4 space-y-5" data-testid="invite-form">
        <FormError message={formErrorOf(invite.error, FORM_FIELDS)} />
        <InputField
          id="invite-email"
          label="Email"
          type="email"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          maxLength={254}
          placeholder="name@agency.com"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
          required
        />
        <SelectField id="invite-role" label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)} error={errors.role} hint={chosen?.description}>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <fieldset aria-describedby="invite-teams-hint" aria-invalid={errors.teamIds ? true : undefined}>
          <legend className="text-sm font-medium text-slate-800">Teams (optional)</legend>
          <p id="invite-teams-hint" className="mt-1 text-sm text-slate-600">
            {teams.length === 0
              ? 'This agency has no teams yet. The person joins without a team; add teams on the Agency page.'
              : 'They join these teams when they accept. Recruiters and viewers see the candidates and jobs of their teams.'}
          </p>
          {teams.length > 0 ? (
            <div className="mt-2 grid gap-x-4 sm:grid-cols-2">
              {teams.map((team) => (
                <CheckboxField
                  key={team.id}
                  id={`invite-team-${team.id}`}
                  label={team.name}
                  checked={teamIds.includes(team.id)}
                  onChange={(e) => toggleTeam(team.id, e.target.checked)}
                />
              ))}
            </div>
          ) : null}
          <AlertLine className="mt-1" message={errors.teamIds} />
        </fieldset>
        <SaveRow
          label="Send invitation"
          pendingLabel="Sending…"
          pending={invite.isPending}
          status={sent}
          statusTestId="invite-status"
          statusClassName={cx(sent && 'font-medium text-emerald-800')}
        />
      </form>
    </Card>
  );
}

function PendingInvitationsCard({ orgSlug, viewerRole }: { orgSlug: string; viewerRole: Role }) {
  const utils = trpc.useUtils();
  const [rows] = trpc.invitation.list.useSuspenseQuery({ orgSlug });
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<string>();
  const [rowError, setRowError] = useState<{ id: string; message: string }>();
  const confirm = useConfirmRow<InvitationItem>(() => heading.current?.focus());

  const resend = trpc.invitation.resend.useMutation({
    onSuccess: async (result) => {
      await utils.invitation.list.invalidate({ orgSlug });
      setStatus(result.message);
    },
    onError: (error, input) => setRowError({ id: input.invitationId, message: error.message }),
  });
  const revoke = trpc.invitation.revoke.useMutation({
    onSuccess: async (result) => {
      await utils.invitation.list.invalidate({ orgSlug });
      setStatus(result.message);
      confirm.done();
    },
  });

  return (
    <Card>
      <h2 ref={heading} id={headingId} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
        Pending invitations
      </h2>
      <p className="mt-1 text-sm text-slate-600">Invitations not yet accepted. An expired one can be sent again with a new link.</p>
      <SuccessStatus testId="invitations-status" message={status} className="mt-3" />
      <CardList
        items={rows}
        labelledBy={headingId}
        testId="invitations"
        empty="No pending invitations. Invitations you send appear here until they are accepted or revoked."
        emptyTestId="invitations-empty"
      >
        {(row) => (
          <InvitationRow
            key={row.id}
            row={row}
            mayAct={row.role !== 'owner' || viewerRole === 'owner'}
            resending={resend.isPending && resend.variables?.invitationId === row.id}
            error={rowError?.id === row.id ? rowError.message : undefined}
            onResend={() => {
              if (resend.isPending) return;
              setStatus(undefined);
              setRowError(undefined);
              resend.mutate({ orgSlug, invitationId: row.id });
            }}
            onRevoke={() => {
              revoke.reset();
              setStatus(undefined);
              setRowError(undefined);
              confirm.ask(row);
            }}
          />
        )}
      </CardList>
      <ConfirmDialog
        open={confirm.open}
        onClose={confirm.close}
        title="Revoke this invitation?"
        confirmLabel="Revoke invitation"
        pendingLabel="Revoking…"
        tone="danger"
        pending={revoke.isPending}
        error={revoke.error?.message}
        onConfirm={() => {
          if (confirm.target && !revoke.isPending) revoke.mutate({ orgSlug, invitationId: confirm.target.id });
        }}
      >
        <p>
          The link sent to <span className="font-medium break-all text-slate-900">{confirm.target?.email}</span> stops working at once. You can invite them again later.
        </p>
      </ConfirmDialog>
    </Card>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 text-slate-800">{children}</dd>
    </>
  );
}

function InvitationRow({
  row,
  mayAct,
  resending,
  error,
  onResend,
  onRevoke,
}: {
  row: InvitationItem;
  mayAct: boolean;
  resending: boolean;
  error?: string;
  onResend: () => void;
  onRevoke: () => void;
}) {
  const id = useId();
  const expired = row.status === 'expired';
  return (
    <li className="space-y-2 py-3" data-testid="invitation">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <p id={`${id}-email`} className="min-w-0 text-sm font-medium break-all text-slate-900">
          {row.email}
        </p>
        <Pill tone={expired ? 'amber' : 'brand'} testId="invitation-status">
          {expired ? 'Expired' : 'Pending'}
        </Pill>
      </div>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
        <Detail label="Role">{ROLE_LABEL[row.role]}</Detail>
        <Detail label="Teams">{row.teams.length ? row.teams.map((t) => (t.archived ? `${t.name} (archived)` : t.name)).join(', ') : 'None'}</Detail>
        <Detail label="Invited by">{row.invitedByName ?? 'A former member'}</Detail>
        <Detail label="Sent">
          {row.sendCount === 1 ? 'once' : `${row.sendCount} times`}, last on <DateTime value={row.lastSentAt} style="date" />
        </Detail>
        <Detail label={expired ? 'Expired' : 'Expires'}>
          <DateTime value={row.expiresAt} />
        </Detail>
      </dl>
      <div className="flex flex-wrap gap-2">
        {mayAct ? (
          <Button type="button" variant="secondary" className="min-h-9 px-3" aria-describedby={`${id}-email`} data-testid="invitation-resend" disabled={resending} onClick={onResend}>
            {resending ? 'Sending…' : 'Resend'}
          </Button>
        ) : null}
        <Button type="button" variant="secondary" className="min-h-9 px-3" aria-describedby={`${id}-email`} data-testid="invitation-revoke" onClick={onRevoke}>
          Revoke
        </Button>
      </div>
      {mayAct ? null : <p className="text-xs text-slate-600">Only an owner can send an owner invitation again.</p>}
      <AlertLine message={error} />
    </li>
  );
}
