'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { CheckboxField } from '@/app/_components/checkbox';
import { fieldErrorsOf, FormError, formErrorOf, InputField, useFocusFirstError } from '@/app/_components/form';
import { Card } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import { SaveRow } from './_shared/save-row';
import { Setting, SettingsList } from './_shared/settings-list';

interface EmailSettings {
  senderName: string | null;
  inboundDomain: string | null;
  trackEngagement: boolean;
}

const FIELDS = ['senderName', 'inboundDomain', 'trackEngagement'] as const;

const SENDER_HINT = 'Candidates see this as the sender. Defaults to the agency name.';
const DOMAIN_HINT =
  "Replies to conversation addresses (reply+…@domain) arrive here. Point the domain's MX records at Resend inbound. Leave empty to send replies to the recruiter's own address.";
const TRACKING_HINT = 'Off by default: candidates have not consented to tracking.';

/** How the agency's email to candidates looks and where replies go; admins edit, everyone else reads. */
export function EmailSettingsCard({ orgSlug, agencyName, settings, canManage }: { orgSlug: string; agencyName: string; settings: EmailSettings; canManage: boolean }) {
  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">Email</h2>
      <p className="mt-1 text-sm text-slate-600">How email to candidates is signed, where their replies arrive, and whether opens and clicks count.</p>
      {canManage ? (
        <>
          <EmailSettingsForm orgSlug={orgSlug} settings={settings} />
          <p className="mt-6 border-t border-slate-100 pt-4 text-sm">
            <Link href={`/${orgSlug}/agency/email`} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800" data-testid="email-admin-link">
              Unrouted email and suppressed addresses
            </Link>
          </p>
        </>
      ) : (
        <SettingsList testId="email-settings-readonly">
          <Setting label="Sender name" valueClassName="break-words">
            {settings.senderName ?? `${agencyName} (the agency name)`}
          </Setting>
          <Setting label="Inbound domain" valueClassName="break-all">
            {settings.inboundDomain ?? "None: replies go to the recruiter's own address"}
          </Setting>
          <Setting label="Opens and clicks">{settings.trackEngagement ? 'Tracked' : 'Not tracked'}</Setting>
        </SettingsList>
      )}
    </Card>
  );
}

function EmailSettingsForm({ orgSlug, settings }: { orgSlug: string; settings: EmailSettings }) {
  const utils = trpc.useUtils();
  const [senderName, setSenderName] = useState(settings.senderName ?? '');
  const [inboundDomain, setInboundDomain] = useState(settings.inboundDomain ?? '');
  const [track, setTrack] = useState(settings.trackEngagement);
  const [saved, setSaved] = useState<string>();
  const save = trpc.org.updateEmailSettings.useMutation({
    onSuccess: async (result) => {
      // The server trims and lower-cases; the form shows what was stored.
      setSenderName(result.senderName ?? '');
      setInboundDomain(result.inboundDomain ?? '');
      setSaved('Email settings saved.');
      await utils.org.overview.invalidate({ orgSlug });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const formRef = useFocusFirstError(save.error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(undefined);
    save.mutate({ orgSlug, senderName, inboundDomain, trackEngagement: track });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-4 space-y-4" data-testid="email-settings-form">
      <FormError message={formErrorOf(save.error, FIELDS)} />
      <InputField
        id="email-sender-name"
        label="Sender name"
        maxLength={100}
        autoComplete="organization"
        value={senderName}
        onChange={(e) => setSenderName(e.target.value)}
        error={errors.senderName}
        hint={SENDER_HINT}
      />
      <InputField
        id="email-inbound-domain"
        label="Inbound domain"
        inputMode="url"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        placeholder="replies.youragency.com"
        maxLength={253}
        value={inboundDomain}
        onChange={(e) => setInboundDomain(e.target.value)}
        error={errors.inboundDomain}
        hint={DOMAIN_HINT}
      />
      <CheckboxField id="email-track" label="Track opens and clicks" checked={track} onChange={(e) => setTrack(e.target.checked)} error={errors.trackEngagement} hint={TRACKING_HINT} />
      <SaveRow label="Save email settings" pending={save.isPending} status={saved} statusTestId="email-settings-status" />
    </form>
  );
}
