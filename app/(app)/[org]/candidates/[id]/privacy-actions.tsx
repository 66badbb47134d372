'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Dialog, DialogActions } from '@/app/_components/dialog';
import { fieldErrorsOf, FormError, formErrorOf, InputField, useFocusFirstError } from '@/app/_components/form';
import { DateTime } from '@/app/_components/time';
import { Card, cx } from '@/app/_components/ui';
import type { OrgView } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import { can } from '@/server/auth/permissions';
import type { CandidateData } from './candidate-view';

type Props = { org: OrgView; orgSlug: string; data: CandidateData; onDone?: (message: string) => void };

const eraseButton =
  'inline-flex min-h-10 items-center justify-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-red-700 ring-1 ring-red-300 ring-inset hover:bg-red-50';
const exportButton =
  'inline-flex min-h-10 items-center justify-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50';

/**
 * "Data protection" on the candidate page, for owners and admins: download everything the agency
 * holds about the candidate as JSON, or erase their personal data. Nothing for other roles.
 */
export function PrivacyActionsCard(props: Props) {
  if (!can(props.org.role, 'candidate.export') && !can(props.org.role, 'candidate.erase')) return null;
  return <PrivacyActions {...props} />;
}

function PrivacyActions({ org, orgSlug, data, onDone }: Props) {
  const { candidate } = data;
  const status = trpc.privacy.status.useQuery({ orgSlug, candidateId: candidate.id });
  const [erasing, setErasing] = useState(false);
  const erasedAt = status.data?.erasedAt ?? null;

  return (
    <Card padded={false} className="p-4 sm:p-5">
      <div data-testid="privacy-actions">
        <h2 className="text-base font-semibold text-slate-900">
          Data protection
        </h2>
        {status.isPending ? (
          <p className="mt-2 text-sm text-slate-600" role="status">
            Loading…
          </p>
        ) : status.error ? (
          <p className="mt-2 text-sm text-red-700" role="alert">
            {status.error.message}
          </p>
        ) : erasedAt ? (
          <p className="mt-2 text-sm text-slate-800" data-testid="candidate-erased">
            Erased on <DateTime value={erasedAt} style="date" />. Their personal data is gone; the timing of their touches still counts in the agency&apos;s
            figures.
          </p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">Give {candidate.name} a copy of their data, or erase it when they ask or when you no longer need it.</p>
            <div className="mt-3 flex flex-col gap-2 min-[420px]:flex-row min-[420px]:flex-wrap">
              {can(org.role, 'candidate.export') ? (
                // A POST, not a link: the export is audited, and no other site may start one.
                <form method="post" action={`/api/orgs/${encodeURIComponent(orgSlug)}/candidates/${candidate.id}/export`}>
                  <button type="submit" className={cx(exportButton, 'w-full')} data-testid="privacy-export">
                    Export data (JSON)
                  </button>
                </form>
              ) : null}
              {can(org.role, 'candidate.erase') ? (
                <button type="button" className={eraseButton} data-testid="privacy-erase" onClick={() => setErasing(true)}>
                  Erase candidate…
                </button>
              ) : null}
            </div>
          </>
        )}
      </div>
      <Dialog
        open={erasing}
        onClose={() => setErasing(false)}
        title="Erase this candidate?"
        description={`${candidate.name}'s personal data will be removed for good. This cannot be undone.`}
        testId="erase-candidate-dialog"
      >
        <EraseForm
          orgSlug={orgSlug}
          candidate={candidate}
          onCancel={() => setErasing(false)}
          onErased={(message) => {
            setErasing(false);
            onDone?.(message);
          }}
        />
      </Dialog>
    </Card>
  );
}

function EraseForm({
  orgSlug,
  candidate,
  onCancel,
  onErased,
}: {
  orgSlug: string;
  candidate: CandidateData['candidate'];
  onCancel: () => void;
  onErased: (message: string) => void;
}) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const [confirmName, setConfirmName] = useState('');
  const erase = trpc.privacy.erase.useMutation({
    onSuccess: async () => {
      // Name, email, timeline, links, lists: everything on the page changed.
      await utils.invalidate();
      router.refresh();
      onErased('The candidate was erased. Their personal data is gone.');
    },
  });
  const errors = fieldErrorsOf(erase.error);
  const formRef = useFocusFirstError(erase.error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (erase.isPending) return;
    erase.mutate({ orgSlug, candidateId: candidate.id, confirmName });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4 text-sm text-slate-700">
      <div>
        <p className="font-medium text-slate-900">Removed</p>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          <li>Name, email address, phone, tags and source.</li>
          <li>What was said: questions, thank-you notes, notes, replies and the text of every touch.</li>
          <li>Emails sent to and received from them: addresses, subjects and contents. Emails not sent yet are cancelled.</li>
          <li>Portal links: they stop working at once.</li>
        </ul>
      </div>
      <div>
        <p className="font-medium text-slate-900">Kept, without personal data</p>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          <li>When each touch happened and how strong it was, so follow-up figures and engagement stay right.</li>
          <li>Applications, interviews and interviewers. The candidate is archived and shows as “Erased candidate”.</li>
          <li>The audit log, which records who erased them and when.</li>
        </ul>
      </div>
      <p>If they asked for a copy of their data, export it first.</p>
      <FormError message={formErrorOf(erase.error, ['confirmName'])} />
      <InputField
        id="erase-confirm-name"
        label={`Type ${candidate.name} to confirm`}
        autoComplete="off"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        maxLength={500}
        value={confirmName}
        onChange={(e) => setConfirmName(e.target.value)}
        error={errors.confirmName}
      />
      <DialogActions onCancel={onCancel}>
        <button
          type="submit"
          disabled={erase.isPending}
          data-testid="erase-confirm"
          className={cx(
            'inline-flex min-h-10 items-center justify-center gap-2 rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white transition-colors hover:bg-red-800',
            'disabled:cursor-not-allowed disabled:bg-red-700/60',
          )}
        >
          {erase.isPending ? 'Erasing…' : 'Erase permanently'}
        </button>
      </DialogActions>
    </form>
  );
}
