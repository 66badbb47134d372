'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import { Button, Card } from '@/app/_components/ui';

/** A candidate that does not exist, or belongs to a team the viewer cannot see, looks the same. */
export default function CandidateError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { org } = useParams<{ org: string }>();
  const notFound = /does not exist|NOT_FOUND/i.test(error.message) || (error as { data?: { code?: string } }).data?.code === 'NOT_FOUND';
  return (
    <Card className="mx-auto max-w-lg text-center">
      <h1 className="text-xl font-semibold text-slate-900">{notFound ? 'Candidate not found' : 'This candidate could not be loaded'}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {notFound ? 'This candidate does not exist, or belongs to a team you are not in.' : 'Something went wrong on our side. Please try again.'}
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        {notFound ? null : (
          <Button type="button" onClick={reset}>
            Try again
          </Button>
        )}
        <Link href={`/${org}/candidates`} className="inline-flex min-h-10 items-center justify-center rounded-md px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50">
          Back to candidates
        </Link>
      </div>
    </Card>
  );
}
