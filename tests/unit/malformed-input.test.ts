import { describe, expect, it } from 'vitest';
import { CONTROL_CHARACTER, MALFORMED_ENCODING, malformedAddress, malformedAddressResponse, NUL_IN_QUERY } from '@/server/security/malformed-request';
import { isStorableText, toStorableJson, toStorableText, unstorableField } from '@/server/services/records/storable-text';

const at = (href: string) => {
  const url = new URL(href, 'http://localhost');
  return malformedAddress({ pathname: url.pathname, search: url.search });
};

describe('malformedAddress', () => {
  it.each([
    ['/p/%E0%A4%A', MALFORMED_ENCODING],
    ['/p/%FF', MALFORMED_ENCODING],
    ['/%FF', MALFORMED_ENCODING],
    ['/northwind/candidates/%C0%AF', MALFORMED_ENCODING],
    // A lone surrogate encoded as UTF-8 is not valid UTF-8 either.
    ['/northwind/%ED%A0%80', MALFORMED_ENCODING],
    ['/northwind/%zz', MALFORMED_ENCODING],
    ['/api/orgs/%00/dashboard.csv', CONTROL_CHARACTER],
    ['/api/orgs/northwind/candidates/%00/export', CONTROL_CHARACTER],
    ['/northwind/jobs/a%0Ab', CONTROL_CHARACTER],
    ['/northwind/jobs/%7F', CONTROL_CHARACTER],
    ['/northwind/candidates?q=%00', NUL_IN_QUERY],
    ['/api/auth/callback/email?token=abc&email=%00', NUL_IN_QUERY],
  ])('refuses %s', (href, reason) => {
    expect(at(href)).toBe(reason);
  });

  it.each([
    '/',
    '/northwind/candidates/0b8e87ee-75c5-4157-bfac-2f2037482522',
    '/p/-lrdGK_rZ5bBSVTazl5AJUhnVyf-2O9bVM6nDmKwFwY',
    '/northwind/candidates?q=Mateo%20Garc%C3%ADa',
    '/caf%C3%A9/%F0%9F%98%80',
    // A bad escape in a query is read as U+FFFD: harmless, so it is left to the page.
    '/northwind/candidates?q=%FF',
    // An escaped percent sign is a percent sign, not a NUL.
    '/northwind/candidates?q=%2500',
    '/api/trpc/candidate.list?input=%7B%22json%22%3A%7B%22q%22%3A%22%5Cu0000%22%7D%7D',
  ])('lets %s through', (href) => {
    expect(at(href)).toBeNull();
  });

  it('answers 400 with a page for a browser and plain text for anything else, never cached or passed on as a referrer', async () => {
    const page = malformedAddressResponse(MALFORMED_ENCODING, { html: true });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<h1>Bad request</h1>');
    expect(html).toContain('part of it is encoded wrongly (a &#34;%&#34; code that is not valid UTF-8)');

    const text = malformedAddressResponse(CONTROL_CHARACTER, { html: false });
    expect(text.status).toBe(400);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe(`${CONTROL_CHARACTER}\n`);
  });
});

describe('storable text', () => {
  it('tells a NUL and a lone surrogate from text Postgres can store (a full emoji is fine)', () => {
    expect(isStorableText('Zoë 😀 — ok')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('a\ud800b')).toBe(false);
    expect(isStorableText('a\udc00')).toBe(false);
    expect(isStorableText('😀'.slice(0, 1))).toBe(false);
  });

  it('finds the first unstorable field, key or value, by path', () => {
    expect(unstorableField({ a: 'ok', b: [{ c: 'ok' }, { d: 'x\u0000' }] })).toEqual(['b', '1', 'd']);
    expect(unstorableField({ meta: { 'k\u0000': 1 } })).toEqual(['meta', 'k\u0000']);
    expect(unstorableField('\ud800')).toEqual([]);
    expect(unstorableField({ a: 'ok', n: 1, z: null })).toBeNull();
  });

  it('replaces each NUL and lone surrogate with U+FFFD, keeping everything else', () => {
    expect(toStorableText('a\u0000b\ud800c😀')).toBe('a\uFFFDb\uFFFDc😀');
    const clean = { type: 'email.received', n: 3, ok: true, none: null, data: { subject: 'ok', list: ['x', 'y'] } };
    expect(toStorableJson(clean)).toBe(clean);
    expect(toStorableJson({ type: 'x', data: { subject: 'Hi\u0000', to: ['a@b.c', '\ud800'], ['k\u0000']: 1 } })).toEqual({
      type: 'x',
      data: { subject: 'Hi\uFFFD', to: ['a@b.c', '\uFFFD'], ['k\uFFFD']: 1 },
    });
  });
});
