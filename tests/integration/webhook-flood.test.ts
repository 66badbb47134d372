import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { POST as webhookRoute } from '@/app/api/webhooks/resend/route';
import { WEBHOOK_LIMIT } from '@/server/services/email/receive-resend-webhook';

function forged(ip: string): Promise<Response> {
  return webhookRoute(
    new Request('http://localhost/api/webhooks/resend', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-afterview-client-ip': ip,
        'svix-id': `msg_${randomUUID()}`,
        'svix-timestamp': String(Math.floor(Date.now() / 1000)),
        'svix-signature': 'v1,bm90IGEgc2lnbmF0dXJl',
      },
      body: JSON.stringify({ type: 'email.delivered', data: { email_id: randomUUID() } }),
    }),
  );
}

describe('a webhook flood', () => {
  it('is cut off per network with 429 and Retry-After, in Postgres, while other networks go on', async () => {
    const ip = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    // The counter is per minute: start well inside one, and with all but ten requests already counted.
    while (new Date().getSeconds() >= 55) await new Promise((r) => setTimeout(r, 500));
    await getDb().execute(
      sql`insert into rate_limits (key, window_start, count) values (${`webhook:ip:${ip}`}, date_trunc('minute', now()), ${WEBHOOK_LIMIT.limit - 10})`,
    );
    const statuses = new Map<number, number>();
    for (let i = 0; i < 10; i += 1) {
      const { status } = await forged(ip);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    // Forged signatures are refused one by one until the limit...
    expect(Object.fromEntries(statuses)).toEqual({ 400: 10 });
    // ...then the network is told to come back later, before any signature work.
    const cut = await forged(ip);
    expect(cut.status).toBe(429);
    expect(Number(cut.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await cut.json()).toMatchObject({ error: expect.stringMatching(/Too many webhook requests/) });
    expect((await forged('192.0.2.77')).status).toBe(400);
  });
});
