'use client';

import { trpc } from '@/app/_trpc/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf, FormError, formErrorOf, InputField, useFocusFirstError } from '@/app/_components/form';
import { Card } from '@/app/_components/ui';
import { AgencyPage, type AgencyPageHeading } from '../_shared/agency-page-header';
import { HeaderSkeleton, PageSkeleton } from '../_shared/page-skeleton';
import { SaveRow } from '../_shared/save-row';
import { Setting, SettingsList } from '../_shared/settings-list';

/** The server's limit (server/services/privacy/update-retention.ts), kept out of the client bundle. */
const RETENTION_MONTHS_MAX = 120;
const FIELDS = ['retentionMonths'] as const;

function months(n: number) {
  return `${n} ${n === 1 ? 'month' : 'months'}`;
}

const HEADING: AgencyPageHeading = {
  crumb: 'Data protection',
  title: 'Data protection',
  intro: "How long Afterview keeps candidates who have gone quiet, and how to export or erase one candidate's data.",
};

export function PrivacySettingsSkeleton() {
  return (
    <PageSkeleton label="Loading data protection">
      <HeaderSkeleton />
      <div className="h-56 rounded-lg bg-slate-200" />
      <div className="h-32 rounded-lg bg-slate-200" />
    </PageSkeleton>
  );
}

/** Agency → Data protection: how long inactive candidates are kept, and where export and erasure live. */
export function PrivacySettings({ orgSlug, retentionMonths, canManage, canErase }: { orgSlug: string; retentionMonths: number | null; canManage: boolean; canErase: boolean }) {
  return (
    <AgencyPage orgSlug={orgSlug} heading={HEADING}>
      <Card>
        <h2 className="text-base font-semibold text-slate-900">Retention</h2>
        <p className="mt-1 text-sm text-slate-600">
          Every day at 03:00 UTC, candidates with no activity for this long (no change to their record, applications or interviews, and no touch) are
          erased: their personal data is removed for good, while the follow-up figures stay right.
        </p>
        {canManage ? (
          <RetentionForm orgSlug={orgSlug} retentionMonths={retentionMonths} />
        ) : (
          <SettingsList testId="retention-readonly">
            <Setting label="Erase candidates inactive for">{retentionMonths === null ? 'Never: candidates are kept until an admin erases them' : months(retentionMonths)}</Setting>
          </SettingsList>
        )}
      </Card>
      <Card>
        <h2 className="text-base font-semibold text-slate-900">Export or erase one candidate</h2>
        <p className="mt-1 text-sm text-slate-600">
          {canErase
            ? 'Open the candidate’s page: under Data protection, Export data (JSON) downloads everything the agency holds about them, and Erase candidate… removes their personal data.'
            : 'Owners and admins can export a candidate’s data or erase it from the candidate’s page.'}
        </p>
        <p className="mt-3 text-sm">
          <Link href={`/${orgSlug}/candidates`} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            Go to candidates
          </Link>
        </p>
      </Card>
    </AgencyPage>
  );
}

function RetentionForm({ orgSlug, retentionMonths }: { orgSlug: string; retentionMonths: number | null }) {
  const router = useRouter();
  const [value, setValue] = useState(retentionMonths === null ? '' : String(retentionMonths));
  const [saved, setSaved] = useState<string>();
  const save = trpc.privacy.updateRetention.useMutation({
    onSuccess: (result) => {
      setValue(result.retentionMonths === null ? '' : String(result.retentionMonths));
      setSaved(result.retentionMonths === null ? 'Saved: candidates are kept until an admin erases them.' : `Saved: candidates inactive for ${months(result.retentionMonths)} will be erased.`);
      router.refresh();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const formRef = useFocusFirstError(save.error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(undefined);
    const trimmed = value.trim();
    save.mutate({ orgSlug, retentionMonths: trimmed === '' ? null : Number(trimmed) });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-4 space-y-4" data-testid="retention-form">
      <FormError message={formErrorOf(save.error, FIELDS)} />
      <InputField
        id="retention-months"
        label="Erase candidates inactive for (months)"
        type="number"
        inputMode="numeric"
        min={1}
        max={RETENTION_MONTHS_MAX}
        step={1}
        placeholder="Keep"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={errors.retentionMonths}
        hint={`Between 1 and ${RETENTION_MONTHS_MAX}. Leave empty to keep candidates until an admin erases them. Erasure cannot be undone.`}
        wrapperClassName="max-w-sm"
      />
      <SaveRow label="Save retention" pending={save.isPending} status={saved} statusTestId="retention-status" />
    </form>
  );
}
