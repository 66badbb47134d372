'use client';

import { RecordError } from '@/app/_components/record-error';

export default function CandidateError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <RecordError {...props} noun="candidate" listPath="candidates" listLabel="Back to candidates" />;
}
