'use client';

import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { cx } from './ui';

/** The tRPC error shape the server's error formatter produces (server/trpc/init.ts). */
export interface MutationErrorLike {
  message: string;
  data?: unknown;
}

/**
 * Field errors of a failed mutation, keyed by the first segment of the field path ("tags.0" ->
 * "tags"), first message wins.
 */
export function fieldErrorsOf(error: MutationErrorLike | null | undefined): Record<string, string> {
  const raw = (error?.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors;
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const [path, message] of Object.entries(raw)) {
    const key = path.split('.')[0] ?? path;
    out[key] ??= message;
  }
  return out;
}

/**
 * Zod messages for a field are written to follow its name ("is required"); shown under the field
 * they read better with the label in front ("Name is required").
 */
export function withLabel(label: string, message: string | undefined): string | undefined {
  if (!message) return undefined;
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

/**
 * The message to show above a form when the error is not about one of its fields (or when the
 * server did not say which field).
 */
export function formErrorOf(error: MutationErrorLike | null | undefined, fields: readonly string[]): string | undefined {
  if (!error) return undefined;
  const errors = fieldErrorsOf(error);
  const keys = Object.keys(errors);
  if (keys.length > 0 && keys.every((k) => fields.includes(k))) return undefined;
  return error.message;
}

/**
 * After a failed submit, moves focus to the first field the server refused (or to the form's error
 * message), so keyboard and screen-reader users land on what needs fixing. Returns the form ref.
 */
export function useFocusFirstError(error: MutationErrorLike | null | undefined) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!error || !ref.current) return;
    const target = ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ref.current.querySelector<HTMLElement>('[data-form-error]');
    if (target) {
      if (!target.hasAttribute('tabindex') && target.matches('[data-form-error]')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
  }, [error]);
  return ref;
}

const controlClass = (error?: string) =>
  cx(
    'block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm placeholder:text-slate-500 focus:outline-none focus:ring-2 disabled:bg-slate-50 disabled:text-slate-500 sm:text-sm',
    error ? 'border-red-600 focus:ring-red-600' : 'border-slate-500 focus:border-brand-600 focus:ring-brand-600',
  );

function describedBy(id: string, error?: string, hint?: ReactNode) {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
}

function FieldFrame({ id, label, error, hint, children, className }: { id: string; label: ReactNode; error?: string; hint?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={cx('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & { id: string; label: ReactNode; error?: string; hint?: ReactNode; wrapperClassName?: string };

/** A labelled input whose id is given (so two forms on one page never share ids). */
export function InputField({ id, label, error, hint, className, wrapperClassName, ...props }: InputProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={wrapperClassName}>
      <input {...props} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} className={cx(controlClass(error), 'h-10', className)} />
    </FieldFrame>
  );
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { id: string; label: ReactNode; error?: string; hint?: ReactNode; wrapperClassName?: string };

export function SelectField({ id, label, error, hint, className, wrapperClassName, children, ...props }: SelectProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={wrapperClassName}>
      <select {...props} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} className={cx(controlClass(error), 'h-10 pr-8', className)}>
        {children}
      </select>
    </FieldFrame>
  );
}

type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; label: ReactNode; error?: string; hint?: ReactNode; wrapperClassName?: string };

export function TextAreaField({ id, label, error, hint, className, wrapperClassName, ...props }: TextAreaProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={wrapperClassName}>
      <textarea {...props} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} className={cx(controlClass(error), className)} />
    </FieldFrame>
  );
}

/** A form-level error (not tied to one field), announced when it appears. */
export function FormError({ message, id }: { message?: string; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" data-form-error="" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
      {message}
    </p>
  );
}

/**
 * A polite live region that exists before its message does, so screen readers announce changes
 * ("Candidate added.", "Touch logged.").
 */
export function LiveStatus({ message, className, id, testId }: { message?: string; className?: string; id?: string; testId?: string }) {
  return (
    <p id={id} data-testid={testId} role="status" aria-live="polite" className={cx('text-sm text-slate-700', !message && 'sr-only', className)}>
      {message ?? ''}
    </p>
  );
}
