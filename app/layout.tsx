import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { TRPCProvider } from './_trpc/react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Afterview', template: '%s · Afterview' },
  description: 'See which candidates followed up after their interviews, and who is waiting on a reply.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#4338ca' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the CSP nonce proxy.ts makes for it must reach its scripts.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <TRPCProvider>{children}</TRPCProvider>
      </body>
    </html>
  );
}
