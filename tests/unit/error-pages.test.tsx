import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import AppError from '@/app/error';
import GlobalError from '@/app/global-error';

/*
 * A page that failed must say so in words, carry the reference (Next.js's error digest, which its
 * server log line carries too) so support can find what happened, and offer a retry and a way home.
 */
const noop = () => {};
const failed = Object.assign(new Error('An error occurred in the Server Components render.'), { digest: '2417795433' });

describe('error pages', () => {
  it('app/error.tsx: what happened, the reference, Try again, and a link home', () => {
    const html = renderToStaticMarkup(<AppError error={failed} retry={noop} reset={noop} />);
    expect(html).toContain('<main');
    expect(html).toMatch(/<h1[^>]*>This page could not be shown<\/h1>/);
    expect(html).toContain('Something went wrong on our side');
    expect(html).toMatch(/Reference: <code[^>]*>2417795433<\/code>/);
    expect(html).toMatch(/<button type="button"[^>]*>Try again<\/button>/);
    expect(html).toMatch(/<a [^>]*href="\/"[^>]*>Go to your workspace<\/a>/);
    // Never the error's own message: in production it is generic, in development it may hold details.
    expect(html).not.toContain('Server Components render');
  });

  it('says nothing of a reference when there is none (an error thrown in the browser)', () => {
    const html = renderToStaticMarkup(<AppError error={new Error('boom')} reset={noop} />);
    expect(html).not.toContain('Reference');
    expect(html).not.toContain('quote the reference');
    expect(html).toContain('Try again');
  });

  it('app/global-error.tsx renders a whole document of its own', () => {
    const html = renderToStaticMarkup(<GlobalError error={failed} retry={noop} reset={noop} />);
    expect(html).toMatch(/^<html lang="en">(<head>.*<\/head>)?<body[^>]*>/);
    expect(html).toContain('</body></html>');
    expect(html).toContain('<title>Something went wrong · Afterview</title>');
    expect(html).toMatch(/Reference: <code[^>]*>2417795433<\/code>/);
    expect(html).toMatch(/<a href="\/"[^>]*>Go to your workspace<\/a>/);
  });
});
