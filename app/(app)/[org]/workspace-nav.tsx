'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cx } from '@/app/_components/ui';

export function WorkspaceNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const items = [{ href: `/${slug}`, label: 'Agency' }];
  return (
    <nav aria-label="Workspace" className="-mx-1 flex gap-1 overflow-x-auto">
      {items.map((item) => {
        const active = pathname === item.href;
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
