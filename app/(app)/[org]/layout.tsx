import Link from 'next/link';
import type { ReactNode } from 'react';
import { unsafeListUserMemberships } from '@/server/services/org/unsafe-list-user-memberships';
import { signOutAction } from '../actions';
import { LiveUpdates } from './live-updates';
import { NotificationBell } from './notification-bell';
import { requireWorkspace } from './workspace';
import { WorkspaceNav } from './workspace-nav';

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { user, membership } = await requireWorkspace(slug);
  const all = await unsafeListUserMemberships({ userId: user.id });

  return (
    <div className="min-h-dvh">
      <header className="relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <Link href={`/${membership.slug}`} className="text-base font-bold text-brand-700">
            Afterview
          </Link>
          <details className="relative">
            <summary className="flex cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100">
              <span data-testid="current-org">{membership.name}</span>
              <span aria-hidden="true" className="text-slate-500">▾</span>
              <span className="sr-only">Switch agency</span>
            </summary>
            <div className="absolute left-0 z-20 mt-2 w-64 rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200">
              <p className="px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Your agencies</p>
              <ul>
                {all.map((m) => (
                  <li key={m.orgId}>
                    <Link
                      href={`/${m.slug}`}
                      aria-current={m.orgId === membership.orgId ? 'page' : undefined}
                      className="flex items-center justify-between rounded px-3 py-2 text-sm text-slate-800 hover:bg-slate-100 aria-[current=page]:font-semibold"
                    >
                      <span>{m.name}</span>
                      <span className="text-xs text-slate-500">{m.role}</span>
                    </Link>
                  </li>
                ))}
              </ul>
              <Link href="/onboarding" className="mt-1 block rounded border-t border-slate-100 px-3 py-2 text-sm text-brand-700 hover:bg-slate-100">
                + Create another agency
              </Link>
            </div>
          </details>
          <WorkspaceNav slug={membership.slug} />
          <div className="ml-auto flex items-center gap-1 text-sm sm:gap-2">
            {/* Six links, live status, bell and settings leave room for the address only on very wide screens; the settings page shows it. */}
            <span className="hidden max-w-48 truncate text-slate-600 2xl:inline" title={user.email} data-testid="signed-in-as">
              {user.email}
            </span>
            <LiveUpdates orgSlug={membership.slug} />
            <NotificationBell orgSlug={membership.slug} />
            <Link
              href={`/${membership.slug}/settings`}
              title="Your notification settings"
              className="inline-flex size-10 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100"
              data-testid="settings-link"
            >
              <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className="size-5">
                <path d="M12.2 2h-.4a2 2 0 0 0-2 2v.2a2 2 0 0 1-1 1.7l-.4.3a2 2 0 0 1-2 0l-.2-.1a2 2 0 0 0-2.7.7l-.2.4a2 2 0 0 0 .7 2.7l.2.1a2 2 0 0 1 1 1.7v.5a2 2 0 0 1-1 1.7l-.2.1a2 2 0 0 0-.7 2.7l.2.4a2 2 0 0 0 2.7.7l.2-.1a2 2 0 0 1 2 0l.4.3a2 2 0 0 1 1 1.7v.2a2 2 0 0 0 2 2h.4a2 2 0 0 0 2-2v-.2a2 2 0 0 1 1-1.7l.4-.3a2 2 0 0 1 2 0l.2.1a2 2 0 0 0 2.7-.7l.2-.4a2 2 0 0 0-.7-2.7l-.2-.1a2 2 0 0 1-1-1.7v-.5a2 2 0 0 1 1-1.7l.2-.1a2 2 0 0 0 .7-2.7l-.2-.4a2 2 0 0 0-2.7-.7l-.2.1a2 2 0 0 1-2 0l-.4-.3a2 2 0 0 1-1-1.7V4a2 2 0 0 0-2-2z" />
                <circle cx="12" cy="12" r="3" />
              </svg>
              <span className="sr-only">Your notification settings</span>
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
