import type { ReactNode } from 'react';
import { Button, Card } from '@/app/_components/ui';

/** A page's whole content when there is nothing to list yet, with a way back to the default view if `action` is given. */
export function EmptyStateCard({ title, testId, children, action }: { title: string; testId: string; children: ReactNode; action?: { label: string; onClick: () => void } }) {
  return (
    <Card className="text-center">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600" data-testid={testId}>
        {children}
      </p>
      {action ? (
        <Button type="button" variant="secondary" className="mt-4" onClick={action.onClick}>
          {action.label}
        </Button>
      ) : null}
    </Card>
  );
}
