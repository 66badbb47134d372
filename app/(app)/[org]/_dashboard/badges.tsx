import type { ReactNode } from 'react';
import { cx } from '@/app/_components/ui';
import type { InterviewStatus } from '@/server/services/dashboard/dashboard-query';
import type { StrengthTier } from '@/server/services/touches/touch-kinds';

const TONES = {
  green: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  amber: 'bg-amber-50 text-amber-800 ring-amber-200',
  red: 'bg-red-50 text-red-800 ring-red-200',
  brand: 'bg-brand-50 text-brand-800 ring-brand-100',
  slate: 'bg-slate-100 text-slate-700 ring-slate-200',
} as const;

export function Pill({ tone, children, className }: { tone: keyof typeof TONES; children: ReactNode; className?: string }) {
  return (
    <span className={cx('inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', TONES[tone], className)}>
      {children}
    </span>
  );
}

// Every state is spelled out; colour only repeats what the words say.
const STATUS: Record<InterviewStatus, { label: string; tone: keyof typeof TONES; mark: string }> = {
  followed_up: { label: 'Followed up', tone: 'green', mark: '✓' },
  waiting: { label: 'Waiting', tone: 'amber', mark: '…' },
  silent: { label: 'Silent', tone: 'red', mark: '–' },
};

export function StatusPill({ status, upcoming = false }: { status: InterviewStatus; upcoming?: boolean }) {
  if (upcoming && status === 'waiting') return <Pill tone="slate">Upcoming</Pill>;
  const s = STATUS[status];
  return (
    <Pill tone={s.tone}>
      <span aria-hidden="true">{s.mark}</span>
      {s.label}
    </Pill>
  );
}

const TIERS: Record<Exclude<StrengthTier, 'none'>, { label: string; tone: keyof typeof TONES }> = {
  strong: { label: 'Strong', tone: 'brand' },
  medium: { label: 'Medium', tone: 'slate' },
  weak: { label: 'Weak', tone: 'slate' },
};

export function StrengthPill({ tier, kindLabel }: { tier: StrengthTier; kindLabel: string | null }) {
  if (tier === 'none') return <span className="text-sm text-slate-500">No signal</span>;
  const t = TIERS[tier];
  return (
    <span className="flex flex-col items-start gap-0.5">
      <Pill tone={t.tone}>{t.label}</Pill>
      {kindLabel ? <span className="text-xs text-slate-600">{kindLabel}</span> : null}
    </span>
  );
}
