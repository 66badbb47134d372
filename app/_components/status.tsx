import type { ReactNode } from 'react';
import { tierOf, type StrengthTier } from '@/server/services/touches/touch-kinds';
import { DateTime } from './time';
import { cx } from './ui';

export type PillTone = 'slate' | 'brand' | 'amber' | 'green' | 'red';

const PILL_TONES: Record<PillTone, string> = {
  slate: 'bg-slate-100 text-slate-700 ring-slate-200',
  brand: 'bg-brand-50 text-brand-800 ring-brand-100',
  amber: 'bg-amber-50 text-amber-900 ring-amber-200',
  green: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  red: 'bg-red-50 text-red-800 ring-red-200',
};

/** A small status label; always words (and optionally an icon), never colour alone. */
export function Pill({ children, tone = 'slate', className, testId, title }: { children: ReactNode; tone?: PillTone; className?: string; testId?: string; title?: string }) {
  return (
    <span
      data-testid={testId}
      title={title}
      className={cx('inline-flex max-w-full items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset', PILL_TONES[tone], className)}
    >
      {children}
    </span>
  );
}

export const TIER_LABELS: Record<StrengthTier, string> = {
  strong: 'Strong signal',
  medium: 'Medium signal',
  weak: 'Weak signal',
  none: 'No signal',
};

const TIER_TONES: Record<StrengthTier, PillTone> = { strong: 'green', medium: 'brand', weak: 'slate', none: 'slate' };

export function StrengthPill({ strength }: { strength: number }) {
  const tier = tierOf(strength);
  return <Pill tone={TIER_TONES[tier]}>{TIER_LABELS[tier]}</Pill>;
}

/**
 * A candidate's follow-up status: followed up, awaiting the agency's reply (since when), or no
 * (strong enough) signal.
 */
export function FollowUpStatus({ followedUpAt, awaitingReplySince, maxStrength }: { followedUpAt: Date | null; awaitingReplySince: Date | null; maxStrength: number }) {
  return (
    <span className="flex flex-wrap gap-1" data-testid="follow-up-status">
      {awaitingReplySince ? (
        <Pill tone="amber">
          <span aria-hidden="true">●</span> Awaiting reply since <DateTime value={awaitingReplySince} style="short" />
        </Pill>
      ) : null}
      {followedUpAt ? (
        <Pill tone="green">
          <span aria-hidden="true">✓</span> Followed up
        </Pill>
      ) : null}
      {!awaitingReplySince && !followedUpAt ? <Pill tone="slate">{maxStrength > 0 ? TIER_LABELS[tierOf(maxStrength)] : 'No signal'}</Pill> : null}
    </span>
  );
}

export function ArchivedPill() {
  return <Pill tone="slate">Archived</Pill>;
}
