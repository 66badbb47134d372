import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { log, redact, withLogContext } from '@/server/log';

describe('the logger', () => {
  const lines: string[] = [];
  beforeEach(() => {
    lines.length = 0;
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    vi.stubEnv('NODE_ENV', 'production');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('writes one JSON object per line in production, with the request id of the work in hand', async () => {
    await withLogContext({ requestId: 'req-1234abcd' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      log.info('answered a question', { candidateId: 'c1' });
    });
    log.warn('outside any request');
    const [inside, outside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(inside).toMatchObject({ level: 'info', msg: 'answered a question', requestId: 'req-1234abcd', candidateId: 'c1' });
    expect(outside).toMatchObject({ level: 'warn', msg: 'outside any request' });
    expect(outside).not.toHaveProperty('requestId');
  });

  it('keeps links that open doors, cookies and keys out of every line', () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
    log.error(`could not send https://app.example/p/${token}`, {
      invite: `https://app.example/invite/${token}`,
      magic: `https://app.example/api/auth/callback/email?callbackUrl=%2F&token=${token}&email=a%40b.c`,
      cookie: `authjs.session-token=${token}; other=1`,
      key: `re_${token}`,
      err: new Error(`unsubscribe https://app.example/unsubscribe/${token}`),
    });
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).toContain('[redacted]');
  });

  it('redacts without touching ordinary text', () => {
    expect(redact('Candidate replied to the portal invitation')).toBe('Candidate replied to the portal invitation');
    expect(redact('/p/short')).toBe('/p/short');
  });
});
