import { render } from '@react-email/render';
import type { ReactElement } from 'react';

/**
 * html-to-text shouts headings in capitals by default; in these short emails a heading is a
 * sentence ("Thanks for interviewing, Priya") and reads better as written.
 */
const TEXT_SELECTORS = ['h1', 'h2', 'h3'].map((selector) => ({
  selector,
  options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 2 },
}));

/** Every email goes out with an HTML and a plain-text part. */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: { selectors: TEXT_SELECTORS } }),
  ]);
  return { html, text };
}
