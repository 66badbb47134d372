import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import { database, queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import type { Direction, TouchKind } from '@/db/schema';

/** The channel the `touches_notify` trigger announces every committed touch on (payload `{o, s}`). */
export const TOUCH_CHANNEL = 'afterview_touch';

/** A committed touch with what visibility filtering needs (team and owner of its candidate). */
export interface LiveTouch {
  seq: number;
  touchId: string;
  candidateId: string;
  candidateName: string;
  teamId: string | null;
  ownerUserId: string | null;
  kind: TouchKind;
  direction: Direction;
  occurredAt: Date;
}

/** What the hub emits per agency: touches, or "you may have missed some, refetch". */
export type HubMessage = { type: 'touches'; touches: LiveTouch[] } | { type: 'resync' };

interface HubState {
  emitter: EventEmitter;
  listening?: Promise<void>;
  unlisten?: () => Promise<void>;
  pending: Map<string, Set<number>>;
  timer?: NodeJS.Timeout;
  connects: number;
  /** Aborted when the instance shuts down: every stream ends, and its browser reconnects elsewhere. */
  shutdown: AbortController;
}

const holder = globalThis as unknown as { __afterviewHub?: HubState };

function state(): HubState {
  if (!holder.__afterviewHub) {
    const emitter = new EventEmitter();
    // One listener per open browser tab; the default warning at 10 would be noise.
    emitter.setMaxListeners(0);
    holder.__afterviewHub = { emitter, pending: new Map(), connects: 0, shutdown: new AbortController() };
  }
  return holder.__afterviewHub;
}

/** Subscribers of one agency listen to this event name on `hubEmitter()`. */
export const orgEvent = (orgId: string) => `org:${orgId}`;

export function hubEmitter(): EventEmitter {
  return state().emitter;
}

export function shutdownSignal(): AbortSignal {
  return state().shutdown.signal;
}

/** Ends every live stream of this instance; returns how many were open. */
export function endLiveStreams(): number {
  const s = holder.__afterviewHub;
  if (!s) return 0;
  const open = s.emitter.eventNames().reduce((n, name) => n + s.emitter.listenerCount(name), 0);
  s.shutdown.abort();
  return open;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the announced touches under the agency's own row-level security; the payload is not trusted further. */
export async function loadLiveTouches(orgId: string, where: { seqs: number[] } | { after: number; limit: number }): Promise<LiveTouch[]> {
  const filter = 'seqs' in where ? sql`t.seq = any(${`{${where.seqs.join(',')}}`}::bigint[])` : sql`t.seq > ${where.after}`;
  const rows = await withTenant(orgId, (tx) =>
    queryRows<{ seq: string | number; id: string; candidate_id: string; name: string; team_id: string | null; owner_user_id: string | null; kind: TouchKind; direction: Direction; occurred_at: Date }>(
      tx,
      sql`select t.seq, t.id, t.candidate_id, c.name, c.team_id, c.owner_user_id, t.kind, t.direction, t.occurred_at
          from touches t join candidates c on c.org_id = t.org_id and c.id = t.candidate_id
          where t.org_id = ${orgId} and ${filter}
          order by t.seq ${'limit' in where ? sql`limit ${where.limit}` : sql``}`,
    ),
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    touchId: r.id,
    candidateId: r.candidate_id,
    candidateName: r.name,
    teamId: r.team_id,
    ownerUserId: r.owner_user_id,
    kind: r.kind,
    direction: r.direction,
    occurredAt: r.occurred_at,
  }));
}

/** The newest event id of an agency: where a subscriber that must refetch everything resumes from. */
export async function latestSeq(orgId: string): Promise<number> {
  const [row] = await withTenant(orgId, (tx) => queryRows<{ seq: string | number | null }>(tx, sql`select max(seq) as seq from touches where org_id = ${orgId}`));
  return Number(row?.seq ?? 0);
}

async function flush(s: HubState): Promise<void> {
  s.timer = undefined;
  const batches = [...s.pending];
  s.pending.clear();
  for (const [orgId, seqs] of batches) {
    const name = orgEvent(orgId);
    // Nobody in this instance watches the agency: nothing to read.
    if (s.emitter.listenerCount(name) === 0) continue;
    try {
      const touches = await loadLiveTouches(orgId, { seqs: [...seqs] });
      if (touches.length > 0) s.emitter.emit(name, { type: 'touches', touches } satisfies HubMessage);
    } catch (error) {
      console.error(`[realtime] reading touches of agency ${orgId} failed; its subscribers refetch`, error);
      s.emitter.emit(name, { type: 'resync' } satisfies HubMessage);
    }
  }
}

function onNotification(s: HubState, payload: string): void {
  let parsed: { o?: unknown; s?: unknown };
  try {
    parsed = JSON.parse(payload) as typeof parsed;
  } catch {
    return;
  }
  if (typeof parsed.o !== 'string' || !UUID.test(parsed.o) || typeof parsed.s !== 'number') return;
  const seqs = s.pending.get(parsed.o) ?? new Set<number>();
  seqs.add(parsed.s);
  s.pending.set(parsed.o, seqs);
  // A burst (an import, a busy inbox) becomes one read per agency rather than one per touch.
  s.timer ??= setTimeout(() => void flush(s), 20);
}

function onListen(s: HubState): void {
  s.connects += 1;
  if (s.connects === 1) return;
  // The LISTEN connection dropped and came back: whatever was announced meanwhile is lost, so every
  // subscriber refetches (their streams carry on from the newest event).
  for (const name of s.emitter.eventNames()) if (typeof name === 'string' && name.startsWith('org:')) s.emitter.emit(name, { type: 'resync' } satisfies HubMessage);
}

/** Starts this instance's one LISTEN connection (once); every subscription calls it. */
export function ensureListening(): Promise<void> {
  const s = state();
  s.listening ??= database()
    .listen(TOUCH_CHANNEL, (payload) => onNotification(s, payload), () => onListen(s))
    .then((unlisten) => {
      s.unlisten = unlisten;
    })
    .catch((error: unknown) => {
      s.listening = undefined;
      throw error;
    });
  return s.listening;
}

export async function stopListening(): Promise<void> {
  const s = state();
  const unlisten = s.unlisten;
  s.listening = undefined;
  s.unlisten = undefined;
  s.connects = 0;
  if (unlisten) await unlisten();
}
