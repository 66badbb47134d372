'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState, useSyncExternalStore, type FormEvent } from 'react';
import { fieldErrorsOf, FormError, formErrorOf, InputField, SelectField, useFocusFirstError, withLabel } from '@/app/_components/form';
import { Card } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import { SaveRow } from './_shared/save-row';
import { Setting, SettingsList } from './_shared/settings-list';

interface GeneralSettings {
  name: string;
  slug: string;
  followUpWindowDays: number;
  replyTargetHours: number;
  timeZone: string;
  replyToAddress: string | null;
}

const FIELDS = ['name', 'slug', 'followUpWindowDays', 'replyTargetHours', 'timeZone', 'replyToAddress'] as const;

const REPLY_TO_HINT = 'Used for replies when there is no inbound domain; empty means each recruiter’s own address.';

const noop = () => () => {};

/** The page's origin in the browser; empty while the server renders and during hydration. */
function useOrigin(): string {
  return useSyncExternalStore(
    noop,
    () => window.location.origin,
    () => '',
  );
}

let zoneCache: string[] | undefined;
function supportedTimeZones(): string[] {
  zoneCache ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zoneCache;
}
const noZones: string[] = [];

/**
 * The browser's list of time zones. The server's list may differ from the browser's, so the server
 * (and hydration) render only the current zone and the browser fills in the rest.
 */
function useTimeZones(current: string): string[] {
  const all = useSyncExternalStore(noop, supportedTimeZones, () => noZones);
  return useMemo(() => (all.includes(current) ? all : [current, ...all]), [all, current]);
}

function zoneLabel(zone: string) {
  return zone.replaceAll('_', ' ');
}

/** The agency's name, web address, follow-up window, reply target, time zone and reply-to fallback. */
export function GeneralSettingsCard({ orgSlug, settings, canManage }: { orgSlug: string; settings: GeneralSettings; canManage: boolean }) {
  const origin = useOrigin();
  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">General settings</h2>
      <p className="mt-1 text-sm text-slate-600">The agency’s name and address, how long candidates have to follow up, and how fast the agency aims to reply.</p>
      {canManage ? (
        <GeneralSettingsForm orgSlug={orgSlug} settings={settings} origin={origin} />
      ) : (
        <SettingsList testId="general-settings-readonly">
          <Setting label="Agency name" valueClassName="break-words">
            {settings.name}
          </Setting>
          <Setting label="Web address" valueClassName="break-all">
            {origin}/{settings.slug}
          </Setting>
          <Setting label="Follow-up window">
            {settings.followUpWindowDays} {settings.followUpWindowDays === 1 ? 'day' : 'days'}
          </Setting>
          <Setting label="Reply target">
            {settings.replyTargetHours} {settings.replyTargetHours === 1 ? 'hour' : 'hours'}
          </Setting>
          <Setting label="Time zone" valueClassName="break-words">
            {zoneLabel(settings.timeZone)}
          </Setting>
          <Setting label="Reply-to address" valueClassName="break-all">
            {settings.replyToAddress ?? 'None: each recruiter’s own address'}
          </Setting>
        </SettingsList>
      )}
    </Card>
  );
}

function GeneralSettingsForm({ orgSlug, settings, origin }: { orgSlug: string; settings: GeneralSettings; origin: string }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const [name, setName] = useState(settings.name);
  const [slug, setSlug] = useState(settings.slug);
  const [days, setDays] = useState(String(settings.followUpWindowDays));
  const [hours, setHours] = useState(String(settings.replyTargetHours));
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [replyTo, setReplyTo] = useState(settings.replyToAddress ?? '');
  const [saved, setSaved] = useState<string>();
  const [moving, setMoving] = useState(false);
  const zones = useTimeZones(timeZone);

  const save = trpc.org.updateSettings.useMutation({
    onSuccess: async (result) => {
      // The server trims and lower-cases; the form shows what was stored.
      setName(result.name);
      setSlug(result.slug);
      setReplyTo(result.replyToAddress ?? '');
      if (result.slug !== orgSlug) {
        // The workspace moved: the old address no longer exists, so its queries must not refetch.
        setMoving(true);
        setSaved(`Settings saved. Moving to the new address /${result.slug}…`);
        router.replace(`/${result.slug}/agency`);
        return;
      }
      setSaved('Settings saved.');
      await utils.org.overview.invalidate({ orgSlug });
      // The header shows the agency's name; it is rendered on the server.
      if (result.name !== settings.name) router.refresh();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const formRef = useFocusFirstError(save.error);
  const cleanSlug = slug.trim().toLowerCase();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending || moving) return;
    setSaved(undefined);
    save.mutate({
      orgSlug,
      name,
      slug,
      followUpWindowDays: days.trim() === '' ? Number.NaN : Number(days),
      replyTargetHours: hours.trim() === '' ? Number.NaN : Number(hours),
      timeZone,
      replyToAddress: replyTo,
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-4 space-y-4" data-testid="general-settings-form">
      <FormError message={formErrorOf(save.error, FIELDS)} />
      <InputField
        id="general-name"
        label="Agency name"
        maxLength={80}
        autoComplete="organization"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={withLabel('Agency name', errors.name)}
      />
      <InputField
        id="general-slug"
        label="Web address"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={40}
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        error={withLabel('Web address', errors.slug)}
        hint={
          <>
            The workspace will be at <span className="break-all font-medium text-slate-800">{`${origin}/${cleanSlug || '…'}`}</span>.
            {cleanSlug !== orgSlug ? ' Changing it changes every link to the workspace; old links stop working.' : null}
          </>
        }
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          id="general-follow-up-days"
          label="Follow-up window (days)"
          type="number"
          inputMode="numeric"
          min={1}
          max={60}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={errors.followUpWindowDays}
          hint="Between 1 and 60."
        />
        <InputField
          id="general-reply-target-hours"
          label="Reply target (hours)"
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          value={hours}
          onChange={(e) => setHours(e.target.value)}
          error={errors.replyTargetHours}
          hint="Between 1 and 720."
        />
      </div>
      <SelectField id="general-time-zone" label="Time zone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} error={errors.timeZone}>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zoneLabel(zone)}
          </option>
        ))}
      </SelectField>
      <InputField
        id="general-reply-to"
        label="Reply-to address (optional)"
        type="email"
        inputMode="email"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={320}
        value={replyTo}
        onChange={(e) => setReplyTo(e.target.value)}
        error={errors.replyToAddress}
        hint={REPLY_TO_HINT}
      />
      <SaveRow label="Save settings" pending={save.isPending} disabled={save.isPending || moving} status={saved} statusTestId="general-settings-status" />
    </form>
  );
}
