'use client';

import { useState, type FormEvent } from 'react';
import { DialogActions } from '@/app/_components/dialog';
import { fieldErrorsOf, formErrorOf, FormError, InputField, SelectField, useFocusFirstError, withLabel, type MutationErrorLike } from '@/app/_components/form';
import { Button } from '@/app/_components/ui';
import type { OrgView } from '@/app/_components/use-org';

export interface CandidateFormValues {
  name: string;
  email: string;
  phone: string;
  teamId: string;
  ownerUserId: string;
  tags: string;
  source: string;
}

export const EMPTY_CANDIDATE: CandidateFormValues = { name: '', email: '', phone: '', teamId: '', ownerUserId: '', tags: '', source: '' };

const FIELDS = ['name', 'email', 'phone', 'teamId', 'ownerUserId', 'tags', 'source'] as const;

export function splitTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The candidate fields as the create and update procedures take them. */
export function candidateInputOf(values: CandidateFormValues) {
  return {
    name: values.name,
    email: values.email,
    phone: values.phone.trim() || undefined,
    teamId: values.teamId || null,
    ownerUserId: values.ownerUserId || null,
    tags: splitTags(values.tags),
    source: values.source.trim() || undefined,
  };
}

/**
 * Name, email, phone, team, owner, tags and source, with the server's field errors under each field.
 * Used by "New candidate" and "Edit details".
 */
export function CandidateForm({
  idPrefix,
  org,
  initial,
  error,
  pending,
  submitLabel,
  pendingLabel,
  onSubmit,
  onCancel,
  extraTeam,
  allowNoOwner = false,
}: {
  idPrefix: string;
  org: OrgView;
  initial: CandidateFormValues;
  error: MutationErrorLike | null;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  onSubmit: (values: CandidateFormValues) => void;
  onCancel: () => void;
  /** The candidate's current team when the viewer could not choose it themselves. */
  extraTeam?: { id: string; name: string } | null;
  /** A new candidate without an owner goes to whoever adds them, so only editing offers "No owner". */
  allowNoOwner?: boolean;
}) {
  const [values, setValues] = useState(initial);
  const errors = fieldErrorsOf(error);
  const formError = formErrorOf(error, FIELDS);
  const formRef = useFocusFirstError(error);
  const set = (key: keyof CandidateFormValues) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));

  const teams = extraTeam && !org.ownTeams.some((t) => t.id === extraTeam.id) ? [...org.ownTeams, extraTeam] : org.ownTeams;

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-describedby={formError ? `${idPrefix}-form-error` : undefined}>
      <div className="space-y-4">
        <FormError id={`${idPrefix}-form-error`} message={formError} />
        <InputField id={`${idPrefix}-name`} label="Name" name="name" autoComplete="off" required maxLength={120} value={values.name} onChange={set('name')} error={withLabel('Name', errors.name)} />
        <InputField
          id={`${idPrefix}-email`}
          label="Email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="off"
          required
          maxLength={254}
          value={values.email}
          onChange={set('email')}
          error={withLabel('Email', errors.email)}
        />
        <InputField
          id={`${idPrefix}-phone`}
          label="Phone (optional)"
          name="phone"
          type="tel"
          autoComplete="off"
          maxLength={40}
          value={values.phone}
          onChange={set('phone')}
          error={withLabel('Phone', errors.phone)}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField id={`${idPrefix}-team`} label="Team" name="teamId" value={values.teamId} onChange={set('teamId')} error={withLabel('Team', errors.teamId)}>
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <SelectField id={`${idPrefix}-owner`} label="Owner" name="ownerUserId" value={values.ownerUserId} onChange={set('ownerUserId')} error={withLabel('Owner', errors.ownerUserId)}>
            {allowNoOwner ? <option value="">No owner</option> : null}
            {org.members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name ?? m.email}
                {m.userId === org.viewerUserId ? ' (you)' : ''}
              </option>
            ))}
          </SelectField>
        </div>
        <InputField
          id={`${idPrefix}-tags`}
          label="Tags (optional)"
          name="tags"
          autoComplete="off"
          value={values.tags}
          onChange={set('tags')}
          hint="Separate tags with commas, e.g. react, senior, remote"
          error={withLabel('Tags', errors.tags)}
        />
        <InputField
          id={`${idPrefix}-source`}
          label="Source (optional)"
          name="source"
          autoComplete="off"
          maxLength={80}
          placeholder="e.g. LinkedIn, referral"
          value={values.source}
          onChange={set('source')}
          error={withLabel('Source', errors.source)}
        />
      </div>
      <DialogActions onCancel={onCancel}>
        <Button type="submit" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </DialogActions>
    </form>
  );
}
