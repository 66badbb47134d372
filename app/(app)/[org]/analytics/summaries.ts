/**
 * What each chart shows, in one or two sentences: the name of the chart image for screen readers.
 * Pure functions of the procedure's output, so the words follow the figures exactly.
 */
import { formatDuration } from '@/app/_components/format';
import type { Analytics } from '@/server/services/analytics/get-analytics';
import { formatDayLabel } from '@/server/services/analytics/analytics-view';

export const percent = (share: number) => `${Math.round(share * 100)}%`;
export const duration = (seconds: number) => formatDuration(seconds * 1000);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const weekOf = (monday: string) => `the week of ${formatDayLabel(monday)}`;

function period(data: Analytics): string {
  return `${plural(data.range.weeks, 'week', 'weeks')} from ${formatDayLabel(data.range.from)} to ${formatDayLabel(data.range.to)}`;
}

export function followUpRateSummary(data: Analytics): string {
  const { weeks, totals } = data.followUpRate;
  const rated = weeks.filter((w) => w.rate !== null);
  let text = `Bar chart of the weekly follow-up rate, ${period(data)}.`;
  if (totals.rate !== null) {
    text += ` Overall ${percent(totals.rate)}: ${totals.followedUp} of ${totals.followedUp + totals.silent} interviews with a closed window followed up.`;
  }
  if (rated.length > 1) {
    const high = rated.reduce((a, b) => (b.rate! > a.rate! ? b : a));
    const low = rated.reduce((a, b) => (b.rate! < a.rate! ? b : a));
    text += ` Highest ${percent(high.rate!)} in ${weekOf(high.week)}, lowest ${percent(low.rate!)} in ${weekOf(low.week)}.`;
  }
  if (totals.waiting > 0) text += ` ${plural(totals.waiting, 'interview is', 'interviews are')} still inside the follow-up window.`;
  return text;
}

export function timeToFollowUpSummary(data: Analytics): string {
  const { buckets, total, medianSeconds } = data.timeToFollowUp;
  const parts = buckets.map((b) => `${b.label}: ${b.count}`).join(', ');
  const median = medianSeconds === null ? '' : ` Median ${duration(medianSeconds)}.`;
  return `Histogram of the time to follow up for ${plural(total, 'followed-up interview', 'followed-up interviews')}, ${period(data)}. ${parts}.${median}`;
}

export function signalMixSummary(data: Analytics): string {
  const { weeks, totals } = data.signalMix;
  let text = `Stacked bar chart of candidate signals per week by strength, ${period(data)}: ${totals.strong} strong, ${totals.medium} medium and ${totals.weak} weak, ${totals.total} in all.`;
  const busiest = weeks.reduce((a, b) => (b.total > a.total ? b : a), weeks[0]!);
  if (busiest && busiest.total > 0) text += ` Busiest: ${weekOf(busiest.week)}, with ${busiest.total}.`;
  return text;
}

export function replyTimeSummary(data: Analytics): string {
  const { weeks, totals, targetHours } = data.replyTime;
  let text = `Bar chart of the median reply time per week against the ${targetHours} h reply target, ${period(data)}.`;
  if (totals.medianSeconds !== null) {
    text += ` Overall median ${duration(totals.medianSeconds)}; ${totals.withinTarget} of ${totals.answered} answered questions within target.`;
  }
  const over = weeks.filter((w) => w.medianSeconds !== null && w.medianSeconds > targetHours * 3600);
  const measured = weeks.filter((w) => w.medianSeconds !== null).length;
  if (measured > 0) text += ` The median was over target in ${over.length} of ${plural(measured, 'week', 'weeks')} with replies.`;
  if (totals.unanswered > 0) text += ` ${plural(totals.unanswered, 'question is', 'questions are')} not answered yet.`;
  return text;
}
