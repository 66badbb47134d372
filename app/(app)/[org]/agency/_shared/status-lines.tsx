import { LiveStatus } from '@/app/_components/form';
import { cx } from '@/app/_components/ui';

/** An error under a field or row, announced at once; nothing while there is none. */
export function AlertLine({ message, id, className, testId }: { message: string | null | undefined; id?: string; className?: string; testId?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className={cx(className, 'text-sm text-red-700')} data-testid={testId}>
      {message}
    </p>
  );
}

/**
 * The polite line that says an action worked. It is always in the page (a live region must exist
 * before its message), and takes its spacing and colour only while it has something to say.
 */
export function SuccessStatus({ message, testId, className }: { message: string | undefined; testId: string; className?: string }) {
  return <LiveStatus testId={testId} message={message} className={cx(message && cx(className, 'font-medium text-emerald-800'))} />;
}
