'use client';

import Link from 'next/link';
import { useParams, usePathname } from 'next/navigation';
import { cx } from '@/app/_components/ui';

/** The agency's pages, in the order the sub-navigation lists them. Admin-only pages explain themselves to others. */
export function agencyNavItems(orgSlug: string) {
  const base = `/${orgSlug}/agency`;
  return [
    { href: base, label: 'Overview', exact: true },
    { href: `${base}/members`, label: 'Members & invitations' },
    { href: `${base}/audit`, label: 'Audit log' },
    { href: `${base}/responsiveness`, label: 'Responsiveness' },
    { href: `${base}/email`, label: 'Email' },
    { href: `${base}/privacy`, label: 'Data protection' },
  ];
}

/**
 * The sub-navigation of the agency pages; the current page is marked with aria-current. The agency
 * comes from the URL unless given (a loading screen has no params of its own).
 */
export function AgencyNav({ orgSlug }: { orgSlug?: string }) {
  const pathname = usePathname();
  const params = useParams<{ org?: string }>();
  const slug = orgSlug ?? params.org ?? '';
  return (
    <nav aria-label="Agency" className="border-b border-slate-200 pb-3" data-testid="agency-nav">
      <ul className="-mx-1 flex flex-wrap gap-1">
        {agencyNavItems(slug).map((item) => {
          const active = item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cx(
                  'inline-flex min-h-10 items-center whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium',
                  active ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100',
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
