import { render } from '@react-email/render';
import type { ReactElement, ReactNode } from 'react';
import { brandCss } from './brand';

export interface PortalBranding {
  name: string;
  brandColor: string;
  logoUrl: string | null;
}

interface PortalDocumentProps {
  title: string;
  nonce: string;
  cssHref: string;
  branding: PortalBranding;
  /** Page-specific lines above "Powered by Afterview". */
  footer?: ReactNode;
  children: ReactNode;
}

/**
 * The shell every portal page shares. The page ships no JavaScript and runs under a strict CSP:
 * no style attributes, no scripts, one nonce'd <style> for the brand custom properties.
 */
export function PortalDocument({ title, nonce, cssHref, branding, footer, children }: PortalDocumentProps) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        <link rel="stylesheet" href={cssHref} />
        {/* After the stylesheet, so these values override its neutral defaults. */}
        <style nonce={nonce}>{brandCss(branding.brandColor)}</style>
      </head>
      <body>
        <header className="site-header">
          <div className="wrap">
            {branding.logoUrl ? (
              // next/image needs the Next client runtime; this page is a static string with no JS.
              // eslint-disable-next-line @next/next/no-img-element
              <img className="logo" src={branding.logoUrl} alt={branding.name} />
            ) : null}
            <p className="agency">{branding.name}</p>
          </div>
        </header>
        <main className="wrap">{children}</main>
        <footer className="site-footer">
          <div className="wrap">
            {footer}
            <p className="powered">Powered by Afterview</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** React renders the whole document; react-email's XHTML doctype is swapped for the HTML5 one. */
export async function renderDocument(element: ReactElement): Promise<string> {
  const html = await render(element, { pretty: false });
  return html.replace(/^<!DOCTYPE[^>]*>/i, '<!doctype html>');
}
