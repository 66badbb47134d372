'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import { Button, Card } from '@/app/_components/ui';

/**
 * The error page of one record (a candidate, a job). A record that does not exist and one of a
 * team the viewer is not in look the same, so ids reveal nothing.
 */
export function RecordError({ error, reset, noun, listPath, listLabel }: {
  error: Error & { digest?: string };
  reset: () => void;
  noun: string;
  listPath: string;
  listLabel: string;
}) {
  const { org } = useParams<{ org: string }>();
  const notFound = /does not exist|NOT_FOUND/i.test(error.message) || (error as { data?: { code?: string } }).data?.code === 'NOT_FOUND';
  const Noun = `${noun[0]!.toUpperCase()}${noun.slice(1)}`;
  return (
    <Card className="mx-auto max-w-lg text-center">
      <h1 className="text-xl font-semibold text-slate-900">{notFound ? `${Noun} not found` : `This ${noun} could not be loaded`}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {notFound ? `This ${noun} does not exist, or belongs to a team you are not in.` : 'Something went wrong on our side. Please try again.'}
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        {notFound ? null : (
          <Button type="button" onClick={reset}>
            Try again
          </Button>
        )}
        <Link
          href={`/${org}/${listPath}`}
          className="inline-flex min-h-10 items-center justify-center rounded-md px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
        >
          {listLabel}
        </Link>
      </div>
    </Card>
  );
}
