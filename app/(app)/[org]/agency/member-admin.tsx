'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Dialog, DialogActions } from '@/app/_components/dialog';
import { fieldErrorsOf, FormError, formErrorOf, LiveStatus, SelectField, useFocusFirstError } from '@/app/_components/form';
import type { OrgMember } from '@/app/_components/use-org';
import { Badge, Card, cx } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import type { Role } from '@/db/schema';
import { useFocusAfterClose } from './_shared/dialog-focus';
import { useSerialChanges } from './_shared/serial-changes';
import { AlertLine } from './_shared/status-lines';
import { focusSoon } from './focus-soon';

/** The roles in the words the page uses elsewhere ("you are an owner"). */
const ROLES: Role[] = ['owner', 'admin', 'recruiter', 'viewer'];

const STATUS_ID = 'members-status';

function personName(m: { name: string | null; email: string }) {
  return m.name ?? m.email;
}

function withArticle(role: Role) {
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
}

/**
 * The agency's members. Owners and admins change roles and remove members (their candidates pass to
 * someone else); only owners touch owners. Everyone else reads the list.
 */
export function MembersCard({
  orgSlug,
  orgName,
  members,
  viewerRole,
  viewerUserId,
}: {
  orgSlug: string;
  orgName: string;
  members: OrgMember[];
  viewerRole: Role;
  viewerUserId: string;
}) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const canManage = viewerRole === 'owner' || viewerRole === 'admin';
  const isOwner = viewerRole === 'owner';
  const ownerCount = members.filter((m) => m.role === 'owner').length;

  const changeRole = trpc.member.changeRole.useMutation();
  const { pending: pendingRoles, enqueue } = useSerialChanges<Role>();
  const [roleErrors, setRoleErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string>();

  const [removingId, setRemovingId] = useState<string | null>(null);
  const removing = members.find((m) => m.userId === removingId) ?? null;
  const refocus = useFocusAfterClose(() => focusSoon(() => document.getElementById(STATUS_ID)));

  function setRoleError(userId: string, message: string | undefined) {
    setRoleErrors((errors) => {
      const next = { ...errors };
      if (message) next[userId] = message;
      else delete next[userId];
      return next;
    });
  }

  function onRoleChange(member: OrgMember, role: Role) {
    const name = personName(member);
    setRoleError(member.userId, undefined);
    setStatus(undefined);
    enqueue(member.userId, role, async () => {
      try {
        await changeRole.mutateAsync({ orgSlug, userId: member.userId, role });
        await utils.org.overview.invalidate({ orgSlug });
        setStatus(`${name} is now ${withArticle(role)}.`);
      } catch (e) {
        setRoleError(member.userId, e instanceof Error ? e.message : 'The role was not changed.');
      }
    });
  }

  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">Members</h2>
      <ul className="mt-4 divide-y divide-slate-100" data-testid="member-list">
        {members.map((m) => {
          const name = personName(m);
          const isSelf = m.userId === viewerUserId;
          // Admins neither change an owner's role nor remove an owner; the last owner cannot leave.
          const ownerLocked = m.role === 'owner' && !isOwner;
          const canRemove = canManage && !ownerLocked && !(isSelf && m.role === 'owner' && ownerCount === 1);
          const selectId = `member-role-${m.userId}`;
          const error = roleErrors[m.userId];
          return (
            <li key={m.userId} className="py-3" data-testid="member-row">
              <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
                <div className="min-w-0 flex-1 basis-48">
                  <p className="break-words font-medium text-slate-900">
                    {name}
                    {isSelf ? <span className="font-normal text-slate-600"> (you)</span> : null}
                  </p>
                  {m.name ? <p className="break-all text-sm text-slate-600">{m.email}</p> : null}
                </div>
                {canManage ? (
                  <div className="flex flex-wrap items-center gap-2">
                    <label htmlFor={selectId} className="sr-only">
                      Role for {name}
                    </label>
                    <select
                      id={selectId}
                      value={pendingRoles[m.userId] ?? m.role}
                      disabled={ownerLocked}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={cx(error && `${selectId}-error`, ownerLocked && 'members-owner-note') || undefined}
                      aria-busy={pendingRoles[m.userId] ? true : undefined}
                      onChange={(e) => onRoleChange(m, e.target.value as Role)}
                      className={cx(
                        'block h-10 w-36 rounded-md border bg-white px-3 pr-8 text-base shadow-sm focus:outline-none focus:ring-2 disabled:bg-slate-50 disabled:text-slate-600 sm:text-sm',
                        error ? 'border-red-600 focus:ring-red-600' : 'border-slate-500 focus:border-brand-600 focus:ring-brand-600',
                      )}
                      data-testid="member-role-select"
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role} disabled={role === 'owner' && !isOwner && m.role !== 'owner'}>
                          {role}
                        </option>
                      ))}
                    </select>
                    {canRemove ? (
                      <button
                        type="button"
                        onClick={() => setRemovingId(m.userId)}
                        className="inline-flex min-h-10 items-center justify-center rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-red-800 ring-1 ring-inset ring-slate-300 hover:bg-red-50"
                        data-testid="member-remove"
                      >
                        Remove<span className="sr-only"> {name}</span>
                      </button>
                    ) : null}
                  </div>
                ) : (
                  <Badge tone={m.role === 'owner' || m.role === 'admin' ? 'brand' : 'slate'}>{m.role}</Badge>
                )}
              </div>
              <AlertLine id={`${selectId}-error`} className="mt-2" message={error} testId="member-role-error" />
            </li>
          );
        })}
      </ul>
      {canManage ? (
        <>
          <LiveStatus id={STATUS_ID} testId="members-status" message={status} className="mt-3 focus:outline-none" />
          {!isOwner ? (
            <p id="members-owner-note" className="mt-3 text-sm text-slate-600">
              Only an owner can change an owner’s role or remove an owner.
            </p>
          ) : null}
          <p className="mt-6 border-t border-slate-100 pt-4 text-sm">
            <Link
              href={`/${orgSlug}/agency/members`}
              className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
              data-testid="invite-members-link"
            >
              Invite members
            </Link>
          </p>
          <Dialog
            open={removing !== null}
            onClose={() => {
              setRemovingId(null);
              refocus.closed();
            }}
            title={`Remove ${removing ? personName(removing) : 'member'}?`}
            description={`They lose access to ${orgName} at once. The candidates they own, with every open conversation and reply owed, pass to the person you choose.`}
            size="sm"
            testId="remove-member-dialog"
          >
            {removing ? (
              <RemoveMemberForm
                orgSlug={orgSlug}
                member={removing}
                members={members}
                viewerUserId={viewerUserId}
                onCancel={() => setRemovingId(null)}
                onRemoved={(message, self) => {
                  if (self) {
                    // The viewer left the agency: its pages are no longer theirs.
                    router.replace('/');
                    return;
                  }
                  setStatus(message);
                  refocus.arm();
                  setRemovingId(null);
                }}
              />
            ) : null}
          </Dialog>
        </>
      ) : null}
    </Card>
  );
}

const REMOVE_FIELDS = ['transferToUserId'] as const;

function RemoveMemberForm({
  orgSlug,
  member,
  members,
  viewerUserId,
  onCancel,
  onRemoved,
}: {
  orgSlug: string;
  member: OrgMember;
  members: OrgMember[];
  viewerUserId: string;
  onCancel: () => void;
  onRemoved: (message: string, self: boolean) => void;
}) {
  const utils = trpc.useUtils();
  const heirs = members.filter((m) => m.userId !== member.userId && m.role !== 'viewer');
  const [heirId, setHeirId] = useState(() => (heirs.find((m) => m.userId === viewerUserId) ?? heirs[0])?.userId ?? '');
  const name = personName(member);
  const self = member.userId === viewerUserId;

  const remove = trpc.member.remove.useMutation({
    onSuccess: async (result) => {
      const heir = heirs.find((m) => m.userId === heirId);
      const n = result.transferred;
      const message =
        n > 0 && heir
          ? `${name} was removed; ${n} ${n === 1 ? 'candidate' : 'candidates'} moved to ${personName(heir)}.`
          : `${name} was removed; they owned no candidates.`;
      if (!self) await utils.org.overview.invalidate({ orgSlug });
      onRemoved(message, self);
    },
  });
  const errors = fieldErrorsOf(remove.error);
  const formRef = useFocusFirstError(remove.error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (remove.isPending) return;
    remove.mutate({ orgSlug, userId: member.userId, transferToUserId: heirId || null });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" data-testid="remove-member-form">
      <FormError message={formErrorOf(remove.error, heirs.length > 0 ? REMOVE_FIELDS : [])} />
      {heirs.length > 0 ? (
        <SelectField
          id="remove-member-heir"
          label="Who takes over their candidates?"
          value={heirId}
          onChange={(e) => setHeirId(e.target.value)}
          error={errors.transferToUserId}
          hint="Owners, admins and recruiters can own candidates; viewers cannot."
        >
          {heirs.map((m) => (
            <option key={m.userId} value={m.userId}>
              {personName(m)}
              {m.userId === viewerUserId ? ' (you)' : ''} · {m.role}
            </option>
          ))}
        </SelectField>
      ) : (
        <p className="text-sm text-slate-700">
          No one else can own candidates (viewers cannot). If {name} owns any, make someone a recruiter first.
        </p>
      )}
      {self ? <p className="text-sm text-slate-700">You are removing yourself: you will leave this agency.</p> : null}
      <DialogActions onCancel={onCancel}>
        <button
          type="submit"
          disabled={remove.isPending}
          className="inline-flex min-h-10 items-center justify-center gap-2 rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white transition-colors hover:bg-red-800 disabled:cursor-not-allowed disabled:bg-red-700/60"
        >
          {remove.isPending ? 'Removing…' : 'Remove member'}
        </button>
      </DialogActions>
    </form>
  );
}
