import { describe, expect, it } from 'vitest';
import { baseSecurityHeaders, contentSecurityPolicy, newNonce, ownsItsPolicy } from '@/server/security/headers';

describe('security headers', () => {
  it('give each request its own nonce', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('allow scripts only by nonce in production, with no eval', () => {
    const csp = contentSecurityPolicy('abc', { dev: false, https: true });
    expect(csp).toContain(`script-src 'self' 'nonce-abc' 'strict-dynamic'`);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain('upgrade-insecure-requests');
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) expect(csp).toContain(d);
    expect(contentSecurityPolicy('abc', { dev: true, https: false })).toContain(`'unsafe-eval'`);
  });

  it('pin https only in production', () => {
    expect(baseSecurityHeaders({ production: true })['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(baseSecurityHeaders({ production: false })).not.toHaveProperty('strict-transport-security');
    expect(baseSecurityHeaders({ production: false })['x-content-type-options']).toBe('nosniff');
  });

  it('leave the portal’s own stricter policy alone', () => {
    expect(ownsItsPolicy('/portal')).toBe(true);
    expect(ownsItsPolicy('/portal/questions')).toBe(true);
    expect(ownsItsPolicy('/p/abc')).toBe(true);
    expect(ownsItsPolicy('/unsubscribe/abc')).toBe(true);
    expect(ownsItsPolicy('/portals')).toBe(false);
    expect(ownsItsPolicy('/northwind')).toBe(false);
  });
});
