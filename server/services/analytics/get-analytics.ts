import { z } from 'zod';
import { loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';
import {
  analyticsFilterShape,
  loadAnalyticsSettings,
  queryFollowUpRate,
  queryReplyTime,
  querySignalMix,
  queryTimeToFollowUp,
  resolveRange,
  withAnalyticsRange,
  type AnalyticsQuery,
  type FollowUpRate,
  type ReplyTime,
  type SignalMix,
  type TimeToFollowUp,
} from './analytics-query';

export const ZGetAnalyticsInput = withAnalyticsRange(z.object(analyticsFilterShape));
export type GetAnalyticsInput = z.output<typeof ZGetAnalyticsInput>;

export interface Analytics {
  range: { from: string; to: string; custom: boolean; weeks: number };
  timeZone: string;
  followUpWindowDays: number;
  replyTargetHours: number;
  followUpRate: FollowUpRate;
  timeToFollowUp: TimeToFollowUp;
  signalMix: SignalMix;
  replyTime: ReplyTime;
}

/** What one request of the page or a CSV download needs: who sees what, the agency's settings and the days covered. */
export async function prepareAnalytics(ctx: ServiceContext, input: GetAnalyticsInput): Promise<AnalyticsQuery> {
  const settings = await loadAnalyticsSettings(ctx);
  const scope = await loadScope(ctx);
  const { teamId, jobId, ownerId, from, to } = input;
  return { scope, settings, filters: { teamId, jobId, ownerId }, range: resolveRange({ from, to }, settings.today) };
}

/**
 * The four charts of the analytics page in one call, for the interviews and touches the actor may
 * see (recruiters and viewers: their teams'), week by week in the agency's time zone.
 */
export async function getAnalytics(ctx: ServiceContext, input: GetAnalyticsInput): Promise<Analytics> {
  const q = await prepareAnalytics(ctx, input);
  const followUpRate = await queryFollowUpRate(ctx, q);
  const timeToFollowUp = await queryTimeToFollowUp(ctx, q);
  const signalMix = await querySignalMix(ctx, q);
  const replyTime = await queryReplyTime(ctx, q);
  return {
    range: { from: q.range.from, to: q.range.to, custom: q.range.custom, weeks: q.range.weeks.length },
    timeZone: q.settings.timeZone,
    followUpWindowDays: q.settings.followUpWindowDays,
    replyTargetHours: q.settings.replyTargetHours,
    followUpRate,
    timeToFollowUp,
    signalMix,
    replyTime,
  };
}
