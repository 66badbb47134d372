import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { TRPCProvider } from './_trpc/react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Afterview', template: '%s · Afterview' },
  description: 'See which candidates followed up after their interviews, and who is waiting on a reply.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#4338ca' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <TRPCProvider>{children}</TRPCProvider>
      </body>
    </html>
  );
}
