'use client';

import { useSyncExternalStore } from 'react';
import { cx } from './ui';
import { formatDate, formatRange, formatRelative, type DateStyle } from './format';

/*
 * The server renders in UTC and does not know the user's time zone or the current minute in the
 * browser. Until hydration the text is rendered (in UTC) but invisible, so it takes its space and
 * nothing moves when the local text replaces it; after hydration, and on client navigations, it is
 * the local time straight away.
 */

const noop = () => () => {};

/** False during server rendering and hydration, true afterwards. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

let nowMs = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribeNow(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    nowMs = Date.now();
    timer = setInterval(() => {
      nowMs = Date.now();
      listeners.forEach((l) => l());
    }, 30_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, refreshed every 30 s; null during server rendering and hydration. */
export function useNow(): Date | null {
  const ms = useSyncExternalStore(
    subscribeNow,
    () => nowMs,
    () => null,
  );
  return ms === null ? null : new Date(ms);
}

/** Marks the current time as stale, e.g. right after the user recorded something "now". */
export function refreshNow() {
  nowMs = Date.now();
  listeners.forEach((l) => l());
}

/** An absolute date in the user's time zone, with the full date and zone as its tooltip. */
export function DateTime({ value, style = 'datetime', className }: { value: Date; style?: DateStyle; className?: string }) {
  const hydrated = useHydrated();
  const tz = hydrated ? undefined : 'UTC';
  return (
    <time dateTime={value.toISOString()} title={hydrated ? formatDate(value, 'full') : undefined} className={cx(!hydrated && 'invisible', className)}>
      {formatDate(value, style, tz)}
    </time>
  );
}

/** "3 hours ago" with the absolute date as its tooltip (and for assistive technology in the title). */
export function RelativeTime({ value, className }: { value: Date; className?: string }) {
  const now = useNow();
  return (
    <time dateTime={value.toISOString()} title={now ? formatDate(value, 'full') : undefined} className={cx(!now && 'invisible', className)}>
      {now ? formatRelative(value, now) : formatDate(value, 'date', 'UTC')}
    </time>
  );
}

/**
 * formatDate for text that is not a <DateTime> (option labels, titles): UTC while hydrating, so the
 * server's and the browser's first render agree, then the user's time zone.
 */
export function useFormatDate(): (value: Date, style?: DateStyle) => string {
  const hydrated = useHydrated();
  return (value, style = 'datetime') => formatDate(value, style, hydrated ? undefined : 'UTC');
}

/** "26 Nov 2025, 14:00 – 15:00" in the user's time zone. */
export function DateRange({ start, end, className }: { start: Date; end: Date; className?: string }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={start.toISOString()} title={hydrated ? `${formatDate(start, 'full')} to ${formatDate(end, 'full')}` : undefined} className={cx(!hydrated && 'invisible', className)}>
      {formatRange(start, end, hydrated ? undefined : 'UTC')}
    </time>
  );
}
