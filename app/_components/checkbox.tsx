'use client';

import type { InputHTMLAttributes, ReactNode } from 'react';
import { cx } from './ui';

type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { id: string; label: ReactNode; hint?: ReactNode; error?: string; wrapperClassName?: string };

/**
 * A checkbox with its label beside it and an optional hint and error under it. The whole label is
 * the click target, and the box keeps a 40 px row so it is easy to hit on a phone.
 */
export function CheckboxField({ id, label, hint, error, className, wrapperClassName, ...props }: CheckboxProps) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('space-y-1', wrapperClassName)}>
      <div className="flex min-h-10 items-center gap-2.5">
        <input
          {...props}
          type="checkbox"
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={cx('size-4 shrink-0 accent-brand-700', className)}
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="pl-6.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="pl-6.5 text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
