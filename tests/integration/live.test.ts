import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidates } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { ensureListening, stopListening } from '@/server/realtime/hub';
import { REPLAY_LIMIT, streamTouchEvents, type StreamedEvent } from '@/server/realtime/stream-touch-events';
import { recordTouch } from '@/server/services/touches/record-touch';
import type { Actor } from '@/server/services/types';
import { createContextForUser } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';
import { addMember, createTenant, createUser, type TenantFixture } from '../support/fixtures';

let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant('LiveA'), createTenant('LiveB')]);
  await ensureListening();
});

afterAll(() => stopListening());

const ownerOf = (fx: TenantFixture): Actor => ({ userId: fx.ownerId, orgId: fx.orgId, role: 'owner' });

/** An open subscription, as a browser tab holds it. */
function subscribe(actor: Actor, lastEventId?: string) {
  const controller = new AbortController();
  const received: StreamedEvent[] = [];
  const done = (async () => {
    for await (const event of streamTouchEvents(actor, { lastEventId }, controller.signal)) received.push(event);
  })();
  return {
    received,
    touchIds: () => received.flatMap((e) => (e.event.type === 'touch' ? [e.event.touchId] : [])),
    async waitFor(count: number): Promise<StreamedEvent[]> {
      const deadline = Date.now() + 10_000;
      while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return received;
    },
    async stop() {
      controller.abort();
      await done;
    },
  };
}

/** Lets a new subscription register with the hub, and announced touches reach it. */
const settle = () => new Promise((r) => setTimeout(r, 150));

async function question(fx: TenantFixture, candidateId = fx.candidateId, body = 'Is the role hybrid?') {
  const { touch } = await withTenant(fx.orgId, (tx) =>
    recordTouch({ tx, orgId: fx.orgId }, { candidateId, kind: 'question', direction: 'inbound', channel: 'portal', occurredAt: new Date(), body, dedupeKey: `live:${randomUUID()}` }),
  );
  return touch;
}

describe('live touch events', () => {
  it('reach an open subscription of the agency when the touch commits, with what the inbox needs', async () => {
    const sub = subscribe(ownerOf(a));
    await settle();
    const touch = await question(a);
    const [event] = await sub.waitFor(1);
    await sub.stop();
    expect(event).toMatchObject({
      id: String(touch.seq),
      event: { type: 'touch', touchId: touch.id, candidateId: a.candidateId, candidateName: a.candidateName, kind: 'question', direction: 'inbound', awaitsReply: true },
    });
  });

  it('never carry another agency’s touches', async () => {
    const sub = subscribe(ownerOf(b));
    await settle();
    await question(a);
    const own = await question(b);
    await sub.waitFor(1);
    await settle();
    await sub.stop();
    expect(sub.touchIds()).toEqual([own.id]);
  });

  it('say nothing of a transaction that rolled back', async () => {
    const sub = subscribe(ownerOf(a));
    await settle();
    await withTenant(a.orgId, async (tx) => {
      await recordTouch({ tx, orgId: a.orgId }, { candidateId: a.candidateId, kind: 'question', direction: 'inbound', channel: 'portal', occurredAt: new Date(), dedupeKey: `live:${randomUUID()}` });
      throw new Error('rolled back');
    }).catch(() => {});
    const kept = await question(a);
    await sub.waitFor(1);
    await settle();
    await sub.stop();
    expect(sub.touchIds()).toEqual([kept.id]);
  });

  it('are filtered by what the member may see: a recruiter in no team sees only the candidates they own', async () => {
    const loner = await createUser(`loner-${randomUUID().slice(0, 8)}@example.com`, 'Lone Recruiter');
    await addMember(a.orgId, loner.id, 'recruiter');
    const [mine] = await withTenant(a.orgId, (tx) =>
      tx.insert(candidates).values({ orgId: a.orgId, name: 'Owned By Loner', email: `${randomUUID().slice(0, 8)}@candidate.example`, ownerUserId: loner.id }).returning({ id: candidates.id }),
    );
    const sub = subscribe({ userId: loner.id, orgId: a.orgId, role: 'recruiter' });
    await settle();
    await question(a); // the fixture candidate: another recruiter's, in a team the loner is not in
    const own = await question(a, mine!.id);
    await sub.waitFor(1);
    await settle();
    await sub.stop();
    expect(sub.touchIds()).toEqual([own.id]);
  });

  it('resume after a dropped connection from the last event id: what was missed, in order, and nothing before', async () => {
    const first = subscribe(ownerOf(a));
    await settle();
    const seen = await question(a, a.candidateId, 'before the drop');
    const [event] = await first.waitFor(1);
    await first.stop();

    const missedOne = await question(a, a.candidateId, 'while away 1');
    const missedTwo = await question(a, a.candidateId, 'while away 2');

    const resumed = subscribe(ownerOf(a), event!.id);
    await resumed.waitFor(2);
    const after = await question(a, a.candidateId, 'after the resume');
    await resumed.waitFor(3);
    await settle();
    await resumed.stop();
    expect(resumed.touchIds()).toEqual([missedOne.id, missedTwo.id, after.id]);
    expect(resumed.touchIds()).not.toContain(seen.id);
  });

  it('ask the client to refetch when more was missed than a resume replays', async () => {
    const fx = await createTenant('LiveFlood');
    const start = await question(fx);
    await withTenant(fx.orgId, async (tx) => {
      for (let i = 0; i <= REPLAY_LIMIT; i += 1) {
        await recordTouch({ tx, orgId: fx.orgId }, { candidateId: fx.candidateId, kind: 'email_open', direction: 'inbound', channel: 'email', occurredAt: new Date(), dedupeKey: `flood:${i}:${randomUUID()}` });
      }
    });
    const sub = subscribe(ownerOf(fx), String(start.seq));
    const [event] = await sub.waitFor(1);
    await sub.stop();
    expect(event!.event).toEqual({ type: 'resync' });
    expect(Number(event!.id)).toBeGreaterThan(Number(start.seq) + REPLAY_LIMIT);
  });
});

describe('live.touches over tRPC', () => {
  const caller = (userId: string | null, signal?: AbortSignal) => createCaller(createContextForUser(userId), { signal });

  it('refuses anonymous callers and members of other agencies, as for a missing agency', async () => {
    await expect(caller(null).live.touches({ orgSlug: a.slug })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(caller(b.ownerId).live.touches({ orgSlug: a.slug })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/does not exist or you are not a member/) });
  });

  it('refuses an event id that is not one', async () => {
    await expect(caller(a.ownerId).live.touches({ orgSlug: a.slug, lastEventId: '1; drop table touches' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/must be an event id/) });
  });

  it('replays from event 0 only the caller’s own agency', async () => {
    const controller = new AbortController();
    const stream = (await caller(b.ownerId, controller.signal).live.touches({ orgSlug: b.slug, lastEventId: '0' })) as AsyncIterable<unknown>;
    const seen: string[] = [];
    const reading = (async () => {
      for await (const item of stream) seen.push(JSON.stringify(item));
    })();
    await settle();
    controller.abort();
    await reading.catch(() => {});
    expect(seen.length).toBeGreaterThan(0);
    for (const item of seen) {
      expect(item).not.toContain(a.candidateId);
      expect(item).not.toContain(a.candidateName);
    }
  });
});
