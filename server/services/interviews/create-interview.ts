import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { INTERVIEW_KINDS, interviews } from '@/db/schema';
import { AppError } from '@/server/errors';
import { getVisibleApplication } from '@/server/services/applications/create-application';
import { rebuildEngagement } from '@/server/services/touches/rebuild-engagement';
import type { ServiceContext } from '@/server/services/types';
import { EARLIEST_STORABLE, LATEST_STORABLE, STORABLE_YEARS } from '@/server/services/records/storable-dates';

const ZInterviewer = z.object({
  name: z.string().trim().min(1, 'Each interviewer needs a name').max(120),
  email: z.string().trim().toLowerCase().pipe(z.email('Each interviewer email must be valid')).optional(),
});

const inRange = (what: string) =>
  z.coerce
    .date({ error: `Enter a valid ${what} time` })
    .min(EARLIEST_STORABLE, `The ${what} time must be ${STORABLE_YEARS}`)
    .max(LATEST_STORABLE, `The ${what} time must be ${STORABLE_YEARS}`);

const ZInterviewFields = z.object({
  startsAt: inRange('start'),
  endsAt: inRange('end'),
  kind: z.enum(INTERVIEW_KINDS),
  interviewers: z.array(ZInterviewer).max(10, 'At most 10 interviewers').default([]),
});

const endsAfterStart = (v: { startsAt?: Date; endsAt?: Date }) => !v.startsAt || !v.endsAt || v.endsAt > v.startsAt;
const endsAfterStartError = { message: 'The interview must end after it starts', path: ['endsAt'] };

export const ZCreateInterviewInput = ZInterviewFields.extend({ applicationId: z.uuid() }).refine(endsAfterStart, endsAfterStartError);
export const ZUpdateInterviewInput = ZInterviewFields.partial().extend({ interviewId: z.uuid(), archived: z.boolean().optional() });

export async function createInterview(ctx: ServiceContext, input: z.infer<typeof ZCreateInterviewInput>) {
  const application = await getVisibleApplication(ctx, input.applicationId);
  const [row] = await ctx.tx
    .insert(interviews)
    .values({ orgId: ctx.actor.orgId, applicationId: application.id, candidateId: application.candidate_id, startsAt: input.startsAt, endsAt: input.endsAt, kind: input.kind, interviewers: input.interviewers })
    .returning();
  return row!;
}

/** Moving an interview moves its follow-up window, so the candidate's engagement is recomputed. */
export async function updateInterview(ctx: ServiceContext, input: z.infer<typeof ZUpdateInterviewInput>) {
  const [current] = await ctx.tx.select().from(interviews).where(and(eq(interviews.orgId, ctx.actor.orgId), eq(interviews.id, input.interviewId)));
  if (!current) throw new AppError('NOT_FOUND', 'This interview does not exist.', { field: 'interviewId' });
  await getVisibleApplication(ctx, current.applicationId);
  const startsAt = input.startsAt ?? current.startsAt;
  const endsAt = input.endsAt ?? current.endsAt;
  if (endsAt <= startsAt) throw new AppError('BAD_REQUEST', 'The interview must end after it starts.', { field: 'endsAt' });
  const [row] = await ctx.tx
    .update(interviews)
    .set({
      startsAt,
      endsAt,
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.interviewers ? { interviewers: input.interviewers } : {}),
      ...(input.archived === undefined ? {} : { archivedAt: input.archived ? new Date() : null }),
      updatedAt: new Date(),
    })
    .where(and(eq(interviews.orgId, ctx.actor.orgId), eq(interviews.id, input.interviewId)))
    .returning();
  if (endsAt.getTime() !== current.endsAt.getTime()) await rebuildEngagement({ tx: ctx.tx, orgId: ctx.actor.orgId, candidateIds: [current.candidateId] });
  return row!;
}
