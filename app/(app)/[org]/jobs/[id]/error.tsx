'use client';

import { RecordError } from '@/app/_components/record-error';

export default function JobError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <RecordError {...props} noun="job" listPath="jobs" listLabel="Back to jobs" />;
}
