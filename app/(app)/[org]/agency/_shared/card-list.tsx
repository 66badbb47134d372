import type { ReactNode } from 'react';

/** A card's list, named by the card's heading, or one line saying why it is empty. */
export function CardList<T>({
  items,
  labelledBy,
  testId,
  empty,
  emptyTestId,
  children,
}: {
  items: readonly T[];
  labelledBy: string;
  testId: string;
  empty: ReactNode;
  emptyTestId: string;
  children: (item: T) => ReactNode;
}) {
  if (items.length === 0) {
    return (
      <p className="mt-4 text-sm text-slate-600" data-testid={emptyTestId}>
        {empty}
      </p>
    );
  }
  return (
    <ul className="mt-3 divide-y divide-slate-100" aria-labelledby={labelledBy} data-testid={testId}>
      {items.map(children)}
    </ul>
  );
}
