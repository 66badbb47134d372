import type { ReactNode } from 'react';
import { cx } from '@/app/_components/ui';

/** Settings as members who may not change them read them: label and value side by side. */
export function SettingsList({ testId, columns = 'grid-cols-[auto_minmax(0,1fr)]', children }: { testId?: string; columns?: string; children: ReactNode }) {
  return (
    <dl className={`mt-4 grid ${columns} gap-x-6 gap-y-2 text-sm`} data-testid={testId}>
      {children}
    </dl>
  );
}

/** One setting in a SettingsList; `valueClassName` says how a long value wraps. */
export function Setting({ label, valueClassName, children }: { label: string; valueClassName?: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className={cx(valueClassName, 'text-slate-900')}>{children}</dd>
    </>
  );
}
