'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button, Field } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';

function suggestSlug(name: string) {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 40);
}

export function CreateOrgForm() {
  const router = useRouter();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const create = trpc.org.create.useMutation({ onSuccess: (org) => router.push(`/${org.slug}`) });
  const fieldErrors = (create.error?.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors ?? {};
  const general = create.error && !fieldErrors.name && !fieldErrors.slug ? create.error.message : undefined;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name, slug });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field
        label="Agency name"
        name="name"
        value={name}
        maxLength={80}
        autoFocus
        required
        error={fieldErrors.name}
        onChange={(e) => {
          setName(e.target.value);
          if (!slugTouched) setSlug(suggestSlug(e.target.value));
        }}
      />
      <Field
        label="Web address"
        name="slug"
        value={slug}
        maxLength={40}
        required
        hint={`Your workspace will live at /${slug || 'your-agency'}. Lowercase letters, digits and hyphens.`}
        error={fieldErrors.slug}
        onChange={(e) => {
          setSlugTouched(true);
          setSlug(e.target.value);
        }}
      />
      {general ? (
        <p role="alert" className="text-sm text-red-700">
          {general}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={create.isPending || create.isSuccess}>
        {create.isPending || create.isSuccess ? 'Creating…' : 'Create agency'}
      </Button>
    </form>
  );
}
