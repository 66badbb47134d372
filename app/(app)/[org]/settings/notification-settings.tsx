'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { CheckboxField } from '@/app/_components/checkbox';
import { fieldErrorsOf, FormError, formErrorOf, useFocusFirstError } from '@/app/_components/form';
import { Card } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import { SaveRow } from '../agency/_shared/save-row';

const FIELDS = ['digestEnabled', 'reminderEmails'] as const;

/** The signed-in member's own email choices for this agency; in-app reminders always show. */
export function NotificationSettings({ orgSlug, agencyName }: { orgSlug: string; agencyName: string }) {
  const utils = trpc.useUtils();
  const [preferences] = trpc.notification.preferences.useSuspenseQuery({ orgSlug });
  const [digestEnabled, setDigestEnabled] = useState(preferences.digestEnabled);
  const [reminderEmails, setReminderEmails] = useState(preferences.reminderEmails);
  const [saved, setSaved] = useState<string>();
  const save = trpc.notification.updatePreferences.useMutation({
    onSuccess: (result) => {
      utils.notification.preferences.setData({ orgSlug }, result);
      setDigestEnabled(result.digestEnabled);
      setReminderEmails(result.reminderEmails);
      const emails = [result.digestEnabled ? 'the daily digest' : null, result.reminderEmails ? 'reminder emails' : null].filter(Boolean);
      setSaved(`Saved. You will get ${emails.length === 0 ? 'no emails from Afterview for this agency, only in-app reminders' : emails.join(' and ')}.`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const formRef = useFocusFirstError(save.error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(undefined);
    save.mutate({ orgSlug, digestEnabled, reminderEmails });
  }

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Your notification settings</h1>
        <p className="mt-1 text-sm text-slate-600">
          For {agencyName}. These choices are yours alone, and each agency you belong to keeps its own.
        </p>
      </div>
      <Card>
        <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5" data-testid="notification-settings-form">
          <FormError message={formErrorOf(save.error, FIELDS)} />
          <fieldset className="space-y-3">
            <legend className="text-base font-semibold text-slate-900">Emails</legend>
            <p className="text-sm text-slate-600">
              Sent to <span className="break-all font-medium text-slate-800">{preferences.email}</span>, the address you sign in with.
            </p>
            <CheckboxField
              id="notify-digest"
              label="Daily digest"
              checked={digestEnabled}
              onChange={(e) => setDigestEnabled(e.target.checked)}
              error={errors.digestEnabled}
              hint="Once a day: who followed up, and the replies you owe."
            />
            <CheckboxField
              id="notify-reminders"
              label="Reminder emails"
              checked={reminderEmails}
              onChange={(e) => setReminderEmails(e.target.checked)}
              error={errors.reminderEmails}
              hint="When a question of a candidate you own waits past the agency’s reply target, and, if you lead their team, past twice the target."
            />
          </fieldset>
          <div className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
            In-app reminders always show under the bell in the header and on the{' '}
            <Link href={`/${orgSlug}/notifications`} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
              notifications page
            </Link>
            , whatever you choose here.
          </div>
          <SaveRow label="Save notification settings" pending={save.isPending} status={saved} statusTestId="notification-settings-status" statusClassName={saved ? 'font-medium text-emerald-800' : undefined} />
        </form>
      </Card>
    </div>
  );
}
