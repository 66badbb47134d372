'use client';

import { useState, type FormEvent } from 'react';
import { fieldErrorsOf, FormError, formErrorOf, InputField, useFocusFirstError } from '@/app/_components/form';
import { Card } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import { SaveRow } from './_shared/save-row';
import { Setting, SettingsList } from './_shared/settings-list';

interface PortalSettings {
  portalLinkDays: number;
  brandColor: string;
  logoUrl: string | null;
}

const FIELDS = ['portalLinkDays', 'brandColor', 'logoUrl'] as const;

/** How the candidate portal looks and how long its links last; admins edit, everyone else reads. */
export function PortalSettingsCard({ orgSlug, settings, canManage }: { orgSlug: string; settings: PortalSettings; canManage: boolean }) {
  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">Candidate portal</h2>
      <p className="mt-1 text-sm text-slate-600">Candidates see your colour and logo on their portal page. New links last this many days.</p>
      {canManage ? (
        <PortalSettingsForm orgSlug={orgSlug} settings={settings} />
      ) : (
        <SettingsList columns="grid-cols-[auto_1fr]">
          <Setting label="Link lifetime">{settings.portalLinkDays} days</Setting>
          <Setting label="Brand colour" valueClassName="flex items-center gap-2">
            <Swatch color={settings.brandColor} />
            {settings.brandColor}
          </Setting>
          <Setting label="Logo" valueClassName="truncate">
            {settings.logoUrl ?? 'None'}
          </Setting>
        </SettingsList>
      )}
    </Card>
  );
}

function Swatch({ color }: { color: string }) {
  return (
    <svg aria-hidden="true" width="16" height="16" className="shrink-0 rounded-sm ring-1 ring-slate-300">
      <rect width="16" height="16" fill={color} />
    </svg>
  );
}

function PortalSettingsForm({ orgSlug, settings }: { orgSlug: string; settings: PortalSettings }) {
  const utils = trpc.useUtils();
  const [days, setDays] = useState(String(settings.portalLinkDays));
  const [color, setColor] = useState(settings.brandColor);
  const [logo, setLogo] = useState(settings.logoUrl ?? '');
  const [saved, setSaved] = useState<string>();
  const save = trpc.org.updatePortalSettings.useMutation({
    onSuccess: async () => {
      setSaved('Portal settings saved.');
      await utils.org.overview.invalidate({ orgSlug });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const formRef = useFocusFirstError(save.error);
  const validColor = /^#[0-9a-fA-F]{6}$/.test(color);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(undefined);
    save.mutate({ orgSlug, portalLinkDays: Number(days), brandColor: color, logoUrl: logo });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
      <FormError message={formErrorOf(save.error, FIELDS)} />
      <InputField
        id="portal-link-days"
        label="Link lifetime (days)"
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={errors.portalLinkDays}
        hint="Between 1 and 365. Links already sent keep their expiry."
      />
      <div className="flex items-end gap-3">
        <InputField
          id="portal-brand-color"
          label="Brand colour"
          value={color}
          maxLength={7}
          onChange={(e) => setColor(e.target.value)}
          error={errors.brandColor}
          hint="A hex colour such as #4338ca."
          wrapperClassName="flex-1"
        />
        <label className="mb-7 flex min-h-10 items-center gap-2 text-sm text-slate-700">
          <span className="sr-only">Pick the brand colour</span>
          <input
            type="color"
            value={validColor ? color.toLowerCase() : '#4338ca'}
            onChange={(e) => setColor(e.target.value)}
            className="h-10 w-12 cursor-pointer rounded border border-slate-500 bg-white"
          />
        </label>
      </div>
      <InputField
        id="portal-logo-url"
        label="Logo address (optional)"
        type="url"
        inputMode="url"
        placeholder="https://…"
        maxLength={500}
        value={logo}
        onChange={(e) => setLogo(e.target.value)}
        error={errors.logoUrl}
        hint="An https:// image, shown at the top of the portal."
      />
      <SaveRow label="Save portal settings" pending={save.isPending} status={saved} className="flex items-center gap-3" />
    </form>
  );
}
