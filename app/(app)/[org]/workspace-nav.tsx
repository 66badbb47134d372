'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cx } from '@/app/_components/ui';

export function WorkspaceNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const items = [
    { href: `/${slug}`, label: 'Dashboard', exact: true },
    { href: `/${slug}/inbox`, label: 'Replies owed' },
    { href: `/${slug}/candidates`, label: 'Candidates' },
    { href: `/${slug}/jobs`, label: 'Jobs' },
    { href: `/${slug}/analytics`, label: 'Analytics' },
    { href: `/${slug}/agency`, label: 'Agency' },
  ];
  return (
    <nav aria-label="Workspace" className="-mx-1 flex gap-1 relative overflow-x-auto">
      {items.map((item) => {
        const active = item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={cx('whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium', active ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100')}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
