import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import { unsafeWithMemberTenant } from '@/db/tenant';
import type { Tx } from '@/db/client';
import type { Actor } from '@/server/services/types';
import { AppError } from '@/server/errors';
import { can, type Permission } from '@/server/auth/permissions';
import { unsafeFindMembershipBySlug } from '@/server/services/org/unsafe-find-membership-by-slug';
import { UNSTORABLE_TEXT_MESSAGE, unstorableField } from '@/server/services/records/storable-text';
import type { Context } from './context';

export interface Meta {
  /** Why a procedure outside the org builders is safe across tenants; the isolation test reads it. */
  tenantFree?: string;
  /** The `resource.action` a procedure requires (set by permissionProcedure). */
  permission?: Permission;
}

function describeZodError(error: ZodError): { message: string; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'input';
    fieldErrors[key] ??= issue.message;
  }
  const message = Object.entries(fieldErrors)
    .map(([field, msg]) => (field === 'input' ? msg : `${field}: ${msg}`))
    .join('; ');
  return { message: message || 'The request is not valid.', fieldErrors };
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    sse: {
      // A stream ends every few minutes and the browser reconnects with its last event id: the
      // membership is checked again and nothing is lost.
      maxDurationMs: 5 * 60_000,
      ping: { enabled: true, intervalMs: 15_000 },
      client: { reconnectAfterInactivityMs: 40_000 },
    },
    errorFormatter({ shape, error }) {
      if (error.cause instanceof ZodError) {
        const { message, fieldErrors } = describeZodError(error.cause);
        return { ...shape, message, data: { ...shape.data, fieldErrors, stack: undefined } };
      }
      const field = error.cause instanceof AppError ? error.cause.field : undefined;
      const message = error.code === 'INTERNAL_SERVER_ERROR' ? 'Something went wrong on our side. Please try again.' : shape.message;
      return {
        ...shape,
        message,
        data: { ...shape.data, fieldErrors: field ? { [field]: message } : undefined, stack: process.env.NODE_ENV === 'development' ? shape.data.stack : undefined },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const fromAppError = (cause: AppError) => new TRPCError({ code: cause.code, message: cause.message, cause });

function refuseUnstorable(rawInput: unknown): void {
  // Postgres cannot store a NUL byte, nor JSON with a lone surrogate (the audit log's before/after):
  // such text is refused as bad input before it reaches a query and turns into a 500.
  const path = unstorableField(rawInput);
  if (!path) return;
  throw fromAppError(new AppError('BAD_REQUEST', UNSTORABLE_TEXT_MESSAGE, { field: path.join('.') || 'input' }));
}

/** A failed call's AppError as the matching tRPC error, with the service's message. */
function mapAppError<R extends { ok: boolean; error?: { cause?: unknown } }>(result: R): R {
  if (!result.ok && result.error?.cause instanceof AppError) throw fromAppError(result.error.cause);
  return result;
}

/**
 * The edge of every procedure: refuses unstorable text, and turns the AppError a service throws
 * into the matching tRPC error. Org procedures do both in their own middleware (below): each level
 * of tRPC's middleware chain costs allocations on every call (bench: the candidate timeline).
 */
const boundary = t.middleware(async ({ getRawInput, next }) => {
  refuseUnstorable(await getRawInput());
  return mapAppError(await next());
});

export const publicProcedure = t.procedure.use(boundary);

const signInRequired = () => new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.userId) throw signInRequired();
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});

export const ZOrgScopedInput = z.object({ orgSlug: z.string().trim().min(1).max(64) });

class Rollback extends Error {
  constructor(readonly result: unknown) {
    super('rollback');
  }
}

/**
 * Membership required; a non-member gets the same NOT_FOUND as a missing agency, so slugs cannot
 * be probed. The lookup and the rest of the procedure run in one tenant transaction
 * (`unsafeWithMemberTenant`), rolled back when the procedure fails. The sign-in check, the
 * permission of `permissionProcedure` (its meta) and the boundary's work happen here too: one
 * middleware level for all of them.
 */
export const orgProcedure = t.procedure.input(ZOrgScopedInput).use(async ({ ctx, input, meta, next, getRawInput }) => {
  refuseUnstorable(await getRawInput());
  const userId = ctx.userId;
  if (!userId) throw signInRequired();
  const committed: (() => void)[] = [];
  const afterCommit = (fn: () => void) => committed.push(fn);
  const entered = await unsafeWithMemberTenant({ userId, slug: input.orgSlug }, async (tx: Tx, membership) => {
    const permission = meta?.permission;
    if (permission && !can(membership.role, permission)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `Your role (${membership.role}) does not allow ${permission}.` });
    }
    const actor: Actor = { userId, orgId: membership.orgId, role: membership.role };
    const outcome = await next({ ctx: { ...ctx, userId, tx, actor, afterCommit } });
    if (!outcome.ok) throw new Rollback(outcome);
    return outcome;
  }).catch((error: unknown) => {
    if (error instanceof Rollback) return { member: true as const, value: error.result as never };
    throw error;
  });
  if (!entered.member) throw new TRPCError({ code: 'NOT_FOUND', message: 'This agency does not exist or you are not a member of it.' });
  const result = entered.value;
  if (result.ok) for (const fn of committed) fn();
  return mapAppError(result);
});

/**
 * For subscriptions: the same membership check as orgProcedure, but no transaction — a stream stays
 * open for minutes and reads in short tenant transactions of its own.
 */
export const orgSubscriptionProcedure = authedProcedure.input(ZOrgScopedInput).use(async ({ ctx, input, next }) => {
  const membership = await unsafeFindMembershipBySlug({ userId: ctx.userId, slug: input.orgSlug });
  if (!membership) throw new TRPCError({ code: 'NOT_FOUND', message: 'This agency does not exist or you are not a member of it.' });
  const actor: Actor = { userId: ctx.userId, orgId: membership.orgId, role: membership.role };
  return next({ ctx: { ...ctx, actor } });
});

/** An org procedure that needs `permission`; orgProcedure checks it, after the membership is found. */
export function permissionProcedure(permission: Permission) {
  // Meta, so the role-matrix test can read what each procedure needs.
  return orgProcedure.meta({ permission });
}
