'use client';

import { useActionState } from 'react';
import { Button, Field } from '@/app/_components/ui';
import { requestSignIn, type SignInState } from './actions';

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(requestSignIn, {});
  return (
    <form action={action} noValidate className="space-y-4">
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Field
        label="Work email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        placeholder="you@agency.com"
        defaultValue={state.email}
        error={state.error}
        required
        autoFocus
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Sending link…' : 'Email me a sign-in link'}
      </Button>
    </form>
  );
}
