import { usePathname, useRouter } from 'next/navigation';
import { useTransition, type ReactNode } from 'react';
import { cx } from '@/app/_components/ui';

/**
 * Shows another view of a page whose filters live in the URL: replacing the URL re-renders the page
 * with the new filters (a list starts again from its first page), and `isPending` is true meanwhile.
 */
export function useUrlView<T>(toSearchParams: (view: T) => URLSearchParams) {
  const router = useRouter();
  const pathname = usePathname();
  const [isPending, startTransition] = useTransition();

  function show(next: T) {
    const qs = toSearchParams(next).toString();
    startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  }

  return { isPending, show };
}

/** What a filter change replaces: dimmed and marked busy until the new view arrives. */
export function UpdatingRegion({ pending, className, children }: { pending: boolean; className: string; children: ReactNode }) {
  return (
    <div aria-busy={pending} className={cx(className, 'transition-opacity', pending && 'opacity-60')}>
      {children}
    </div>
  );
}
