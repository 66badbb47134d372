import { LiveStatus } from '@/app/_components/form';
import { Button } from '@/app/_components/ui';

/** A settings form's submit button, with the live line beside it that says what was saved. */
export function SaveRow({
  label,
  pendingLabel = 'Saving…',
  pending,
  disabled = pending,
  status,
  statusTestId,
  statusClassName,
  className = 'flex flex-wrap items-center gap-3',
}: {
  label: string;
  pendingLabel?: string;
  pending: boolean;
  disabled?: boolean;
  status: string | undefined;
  statusTestId?: string;
  statusClassName?: string;
  className?: string;
}) {
  return (
    <div className={className}>
      <Button type="submit" disabled={disabled}>
        {pending ? pendingLabel : label}
      </Button>
      <LiveStatus testId={statusTestId} message={status} className={statusClassName} />
    </div>
  );
}
