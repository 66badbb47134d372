import { on } from 'node:events';
import { z } from 'zod';
import { withTenant } from '@/db/tenant';
import type { Direction, TouchKind } from '@/db/schema';
import { loadScope, type Scope } from '@/server/services/records/visibility';
import { TOUCH_RULES } from '@/server/services/touches/touch-kinds';
import type { Actor } from '@/server/services/types';
import { ensureListening, hubEmitter, shutdownSignal, latestSeq, loadLiveTouches, orgEvent, type HubMessage, type LiveTouch } from './hub';

export const ZLiveTouchesInput = z.object({
  /** Set by the client when it reconnects: the id of the last event it received. */
  lastEventId: z.string().regex(/^\d{1,15}$/, 'must be an event id').nullish(),
});

/** Touches missed while disconnected that a resume replays; beyond that the client refetches everything. */
export const REPLAY_LIMIT = 200;
const SCOPE_TTL_MS = 60_000;

export type LiveEvent =
  | {
      type: 'touch';
      touchId: string;
      candidateId: string;
      candidateName: string;
      kind: TouchKind;
      direction: Direction;
      occurredAt: Date;
      /** An inbound touch that waits for the agency's answer (a question, an email reply). */
      awaitsReply: boolean;
    }
  | { type: 'resync' };

export interface StreamedEvent {
  /** The event id a reconnecting client resumes from. */
  id: string;
  event: LiveEvent;
}

function visible(scope: Scope, t: LiveTouch): boolean {
  return scope.all || (t.teamId !== null && scope.teamIds.includes(t.teamId)) || t.ownerUserId === scope.userId;
}

function toEvent(t: LiveTouch): StreamedEvent {
  return {
    id: String(t.seq),
    event: {
      type: 'touch',
      touchId: t.touchId,
      candidateId: t.candidateId,
      candidateName: t.candidateName,
      kind: t.kind,
      direction: t.direction,
      occurredAt: t.occurredAt,
      awaitsReply: t.direction === 'inbound' && TOUCH_RULES[t.kind].awaitsReply === true,
    },
  };
}

/**
 * The touches of one agency, as they commit, that this member may see (owners and admins all;
 * others their teams' candidates and their own). With `lastEventId` it first replays what was
 * recorded since. Ends when `signal` aborts (the browser went away) or the instance shuts down.
 */
export async function* streamTouchEvents(actor: Actor, input: z.infer<typeof ZLiveTouchesInput>, signal: AbortSignal): AsyncGenerator<StreamedEvent> {
  // Listen before replaying, so nothing recorded in between falls through the gap.
  const ended = AbortSignal.any([signal, shutdownSignal()]);
  const messages = on(hubEmitter(), orgEvent(actor.orgId), { signal: ended }) as AsyncIterableIterator<[HubMessage]>;
  try {
    await ensureListening();
    const scopeFor = () => withTenant(actor.orgId, (tx) => loadScope({ tx, actor }));
    let scope = await scopeFor();
    let scopeAt = Date.now();
    const replayed = new Set<number>();

    if (input.lastEventId) {
      const missed = await loadLiveTouches(actor.orgId, { after: Number(input.lastEventId), limit: REPLAY_LIMIT + 1 });
      if (missed.length > REPLAY_LIMIT) {
        yield { id: String(await latestSeq(actor.orgId)), event: { type: 'resync' } };
      } else {
        for (const t of missed) {
          replayed.add(t.seq);
          if (visible(scope, t)) yield toEvent(t);
        }
      }
    }

    for await (const [message] of messages) {
      if (message.type === 'resync') {
        yield { id: String(await latestSeq(actor.orgId)), event: { type: 'resync' } };
        continue;
      }
      // Team membership may change while a tab stays open.
      if (Date.now() - scopeAt > SCOPE_TTL_MS) {
        scope = await scopeFor();
        scopeAt = Date.now();
      }
      for (const t of message.touches) {
        if (replayed.delete(t.seq)) continue;
        if (visible(scope, t)) yield toEvent(t);
      }
    }
  } catch (error) {
    if (ended.aborted) return;
    throw error;
  } finally {
    await messages.return?.();
  }
}
