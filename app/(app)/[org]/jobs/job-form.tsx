'use client';

import { useState, type FormEvent } from 'react';
import { DialogActions } from '@/app/_components/dialog';
import { fieldErrorsOf, formErrorOf, FormError, InputField, SelectField, useFocusFirstError, withLabel, type MutationErrorLike } from '@/app/_components/form';
import { JOB_STATUS_LABELS, JOB_STATUS_OPTIONS, type JobStatus } from '@/app/_components/records';
import { Button } from '@/app/_components/ui';
import type { OrgView } from '@/app/_components/use-org';

export interface JobFormValues {
  teamId: string;
  clientCompany: string;
  title: string;
  status: JobStatus;
}

const FIELDS = ['teamId', 'clientCompany', 'title', 'status'] as const;

/**
 * Title, client company and status, and (for a new job) its team; the server's field errors under
 * each field.
 */
export function JobForm({
  idPrefix,
  org,
  initial,
  withTeam,
  error,
  pending,
  submitLabel,
  pendingLabel,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  org: OrgView;
  initial: JobFormValues;
  withTeam: boolean;
  error: MutationErrorLike | null;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  onSubmit: (values: JobFormValues) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  const errors = fieldErrorsOf(error);
  const formError = formErrorOf(error, withTeam ? FIELDS : FIELDS.filter((f) => f !== 'teamId'));
  const formRef = useFocusFirstError(error);
  const set = (key: keyof JobFormValues) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <div className="space-y-4">
        <FormError message={formError} />
        <InputField id={`${idPrefix}-title`} label="Job title" name="title" autoComplete="off" required maxLength={120} value={values.title} onChange={set('title')} error={withLabel('The title', errors.title)} />
        <InputField
          id={`${idPrefix}-company`}
          label="Client company"
          name="clientCompany"
          autoComplete="off"
          required
          maxLength={120}
          value={values.clientCompany}
          onChange={set('clientCompany')}
          error={withLabel('The client company', errors.clientCompany)}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          {withTeam ? (
            <SelectField id={`${idPrefix}-team`} label="Team" name="teamId" required value={values.teamId} onChange={set('teamId')} error={withLabel('Team', errors.teamId)}>
              <option value="">Choose a team…</option>
              {org.ownTeams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <SelectField id={`${idPrefix}-status`} label="Status" name="status" value={values.status} onChange={set('status')} error={withLabel('Status', errors.status)}>
            {JOB_STATUS_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {JOB_STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <DialogActions onCancel={onCancel}>
        <Button type="submit" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </DialogActions>
    </form>
  );
}
