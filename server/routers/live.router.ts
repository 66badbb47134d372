import { tracked } from '@trpc/server';
import { streamTouchEvents, ZLiveTouchesInput } from '@/server/realtime/stream-touch-events';
import { createTRPCRouter, orgSubscriptionProcedure } from '@/server/trpc/init';

export const liveRouter = createTRPCRouter({
  touches: orgSubscriptionProcedure.input(ZLiveTouchesInput).subscription(async function* ({ ctx, input, signal }) {
    for await (const { id, event } of streamTouchEvents(ctx.actor, input, signal ?? new AbortController().signal)) yield tracked(id, event);
  }),
});
