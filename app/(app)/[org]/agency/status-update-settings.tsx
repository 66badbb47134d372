'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { CheckboxField } from '@/app/_components/checkbox';
import { fieldErrorsOf, FormError, formErrorOf, InputField, useFocusFirstError } from '@/app/_components/form';
import { Card } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import { SaveRow } from './_shared/save-row';
import { Setting, SettingsList } from './_shared/settings-list';

interface StatusUpdateSettings {
  statusUpdatesEnabled: boolean;
  statusUpdateDays: number;
  /** The email's preview page, when this instance has one (mail going to the dev mailbox). */
  previewUrl: string | null;
}

const FIELDS = ['statusUpdatesEnabled', 'statusUpdateDays'] as const;

function everyLabel(days: number): string {
  return days === 1 ? 'every day' : `every ${days} days`;
}

/** "No decision yet" emails to candidates waiting after an interview; admins edit, everyone else reads. */
export function StatusUpdateSettingsCard({ orgSlug, settings, canManage }: { orgSlug: string; settings: StatusUpdateSettings; canManage: boolean }) {
  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">&ldquo;No decision yet&rdquo; updates</h2>
      <p className="mt-1 text-sm text-slate-600">
        Candidates waiting on a decision after an interview get a short, warm email: no decision yet, we haven&rsquo;t forgotten you. It
        goes out once they have heard nothing from you for the set number of days since the interview, and again after as many days of
        silence.
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-600">
        <li>Only for applications still applied, screening or interview, with the interview over.</li>
        <li>They stop for good with a decision (offer, hired, rejected, withdrawn), a reply from the candidate, or a message you write yourself.</li>
        <li>None is sent while the candidate is waiting on your reply.</li>
        <li>Each one is on the candidate&rsquo;s timeline, in their email conversation, with its delivery status.</li>
      </ul>
      {settings.previewUrl ? (
        <p className="mt-3 text-sm">
          <Link href={settings.previewUrl} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800" data-testid="status-update-preview">
            Preview the email
          </Link>
        </p>
      ) : null}
      {canManage ? (
        <StatusUpdateSettingsForm orgSlug={orgSlug} settings={settings} />
      ) : (
        <SettingsList testId="status-update-settings-readonly">
          <Setting label="Status updates">{settings.statusUpdatesEnabled ? `On, ${everyLabel(settings.statusUpdateDays)}` : 'Off'}</Setting>
        </SettingsList>
      )}
    </Card>
  );
}

function StatusUpdateSettingsForm({ orgSlug, settings }: { orgSlug: string; settings: StatusUpdateSettings }) {
  const utils = trpc.useUtils();
  const [enabled, setEnabled] = useState(settings.statusUpdatesEnabled);
  const [days, setDays] = useState(String(settings.statusUpdateDays));
  const [saved, setSaved] = useState<string>();
  const save = trpc.org.updateStatusUpdates.useMutation({
    onSuccess: async (result) => {
      setSaved(result.statusUpdatesEnabled ? `Status updates on, ${everyLabel(result.statusUpdateDays)}.` : 'Status updates off.');
      await utils.org.overview.invalidate({ orgSlug });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const formRef = useFocusFirstError(save.error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(undefined);
    save.mutate({ orgSlug, statusUpdatesEnabled: enabled, statusUpdateDays: days.trim() === '' ? Number.NaN : Number(days) });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-4 space-y-4" data-testid="status-update-settings-form">
      <FormError message={formErrorOf(save.error, FIELDS)} />
      <CheckboxField
        id="status-updates-enabled"
        label="Send “no decision yet” updates"
        checked={enabled}
        onChange={(e) => setEnabled(e.target.checked)}
        error={errors.statusUpdatesEnabled}
        hint="Off by default. Turning it on also writes to candidates already waiting longer than the interval."
      />
      <InputField
        id="status-update-days"
        label="Every (days)"
        type="number"
        inputMode="numeric"
        min={1}
        max={60}
        step={1}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={errors.statusUpdateDays}
        hint="Between 1 and 60. Counted from the interview, then from the last time the candidate heard from you."
      />
      <SaveRow label="Save status updates" pending={save.isPending} status={saved} statusTestId="status-update-settings-status" />
    </form>
  );
}
