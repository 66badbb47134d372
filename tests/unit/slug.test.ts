import { describe, expect, it } from 'vitest';
import { ZCreateOrgInput, ZSlug } from '@/server/services/org/create-org';

describe('agency slugs', () => {
  it('normalise case and whitespace', () => {
    expect(ZSlug.parse('  Northwind-Talent ')).toBe('northwind-talent');
  });

  it.each(['ab', 'a_b', 'a b', '-abc', 'abc-', 'a--b', '1abc', 'api', 'dev', 'signin', 'p'])('refuse %j', (slug) => {
    expect(ZSlug.safeParse(slug).success).toBe(false);
  });

  it('limit the agency name', () => {
    expect(ZCreateOrgInput.safeParse({ name: 'x'.repeat(81), slug: 'fine' }).success).toBe(false);
    expect(ZCreateOrgInput.safeParse({ name: 'OK', slug: 'fine' }).success).toBe(true);
  });
});
