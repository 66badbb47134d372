'use client';

import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalyticsWeek } from '@/server/services/analytics/analytics-query';
import { FOLLOW_UP_BUCKETS, formatDayLabel, formatShortDay, SIGNAL_TIERS, TIER_LABELS, TIER_SHORT_LABELS, type AnalyticsChart, type SignalTier } from '@/server/services/analytics/analytics-view';
import type { Analytics } from '@/server/services/analytics/get-analytics';
import { ChartCard, ChartLegend, ChartTable, rowHeader, td } from './chart-card';
import { duration, followUpRateSummary, percent, replyTimeSummary, signalMixSummary, timeToFollowUpSummary } from './summaries';

// Every colour has at least 3:1 contrast against white (WCAG 1.4.11), text 4.5:1 (1.4.3).
const COLORS = {
  primary: '#4338ca', // brand-700
  strong: '#3730a3', // brand-800
  medium: '#0f766e', // teal-700
  weak: '#b45309', // amber-700
  target: '#b91c1c', // red-700
  grid: '#e2e8f0', // slate-200
  tick: '#475569', // slate-600
} as const;
const TIER_COLORS: Record<SignalTier, string> = { strong: COLORS.strong, medium: COLORS.medium, weak: COLORS.weak };

const tick = { fill: COLORS.tick, fontSize: 12 };
const margin = { top: 8, right: 8, bottom: 0, left: 0 };
const tooltipStyle = { borderRadius: 6, borderColor: '#cbd5e1', fontSize: 12 };

interface ChartProps {
  data: Analytics;
  csvHref: (chart: AnalyticsChart) => string;
}

/** "Week of 3 Feb 2026", with "(partial)" when the range covers only some of its days. */
function WeekHeader({ week }: { week: AnalyticsWeek }) {
  return (
    <th scope="row" className={rowHeader}>
      Week of {formatDayLabel(week.week)}
      {week.partial ? <span className="ml-1 text-xs font-normal text-slate-600">(partial)</span> : null}
    </th>
  );
}

function Missing({ reason }: { reason: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{reason}</span>
    </>
  );
}

const weekAxis = <W extends AnalyticsWeek>(weeks: W[]) => weeks.map((w) => ({ ...w, label: formatShortDay(w.week) }));
const weekTooltipLabel = (_: unknown, payload: readonly { payload?: { week?: string } }[]) => {
  const week = payload[0]?.payload?.week;
  return week ? `Week of ${formatDayLabel(week)}` : '';
};

// ---- 1. follow-up rate by week ----

export function FollowUpRateChart({ data, csvHref }: ChartProps) {
  const { weeks, totals } = data.followUpRate;
  const rows = weekAxis(weeks).map((w) => ({ ...w, percent: w.rate === null ? null : Math.round(w.rate * 1000) / 10 }));
  return (
    <ChartCard
      chart="follow-up-rate"
      description={`Of the interviews that ended each week, the share whose candidate followed up within ${data.followUpWindowDays} days. Interviews still inside their window count once it closes.`}
      summary={followUpRateSummary(data)}
      csvHref={csvHref('follow-up-rate')}
      empty={totals.interviews === 0}
      emptyTitle="No interviews ended in this period"
      emptyText="When interviews have ended, this chart shows each week how many candidates followed up."
      legend={<ChartLegend items={[{ label: 'Followed up (% of interviews whose window has closed)', color: COLORS.primary, shape: 'box' }]} />}
      table={
        <ChartTable
          id="table-follow-up-rate"
          caption="Follow-up rate by week"
          columns={['Week', 'Interviews ended', 'Followed up', 'Silent', 'Still waiting', 'Follow-up rate']}
          total={{ label: 'All weeks', cells: [totals.interviews, totals.followedUp, totals.silent, totals.waiting, totals.rate === null ? <Missing reason="Not measured yet" /> : percent(totals.rate)] }}
        >
          {weeks.map((w) => (
            <tr key={w.week}>
              <WeekHeader week={w} />
              <td className={td}>{w.interviews}</td>
              <td className={td}>{w.followedUp}</td>
              <td className={td}>{w.silent}</td>
              <td className={td}>{w.waiting}</td>
              <td className={td}>{w.rate === null ? <Missing reason="Not measured yet" /> : percent(w.rate)}</td>
            </tr>
          ))}
        </ChartTable>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={margin} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke={COLORS.grid} />
          <XAxis dataKey="label" tick={tick} tickLine={false} axisLine={{ stroke: COLORS.grid }} minTickGap={8} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} tick={tick} tickLine={false} axisLine={false} width={44} />
          <Tooltip
            cursor={{ fill: '#f1f5f9' }}
            contentStyle={tooltipStyle}
            labelFormatter={weekTooltipLabel}
            formatter={(value) => [value === null || value === undefined ? '—' : `${String(value)}%`, 'Followed up']}
          />
          <Bar dataKey="percent" name="Followed up" fill={COLORS.primary} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

// ---- 2. time to follow up ----

export function TimeToFollowUpChart({ data, csvHref }: ChartProps) {
  const { buckets, total, medianSeconds } = data.timeToFollowUp;
  return (
    <ChartCard
      chart="time-to-follow-up"
      description="How long after the interview ended candidates first followed up, for the interviews of this period that were followed up."
      summary={timeToFollowUpSummary(data)}
      csvHref={csvHref('time-to-follow-up')}
      empty={total === 0}
      emptyTitle="No follow-ups in this period"
      emptyText="When candidates follow up after their interviews, this chart shows how quickly they did."
      legend={
        <p className="mt-3 text-xs text-slate-700" data-testid="time-to-follow-up-median">
          {total} followed-up {total === 1 ? 'interview' : 'interviews'}
          {medianSeconds === null ? '' : `; median ${duration(medianSeconds)}`}
        </p>
      }
      table={
        <ChartTable
          id="table-time-to-follow-up"
          caption="Time to follow up"
          columns={['Time to follow up', 'Interviews', 'Share']}
          total={{ label: 'All follow-ups', cells: [total, '100%'] }}
        >
          {buckets.map((b) => (
            <tr key={b.key}>
              <th scope="row" className={rowHeader}>
                {b.label}
              </th>
              <td className={td}>{b.count}</td>
              <td className={td}>{b.share === null ? <Missing reason="None" /> : percent(b.share)}</td>
            </tr>
          ))}
        </ChartTable>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={buckets.map((b, i) => ({ ...b, axisLabel: FOLLOW_UP_BUCKETS[i]!.axisLabel }))} margin={margin} accessibilityLayer={false} barCategoryGap="12%">
          <CartesianGrid vertical={false} stroke={COLORS.grid} />
          <XAxis dataKey="axisLabel" tick={tick} tickLine={false} axisLine={{ stroke: COLORS.grid }} interval={0} />
          <YAxis allowDecimals={false} tick={tick} tickLine={false} axisLine={false} width={36} />
          <Tooltip
            cursor={{ fill: '#f1f5f9' }}
            contentStyle={tooltipStyle}
            labelFormatter={(_, payload) => String(payload[0]?.payload?.label ?? '')}
            formatter={(value) => [String(value), 'Interviews']}
          />
          <Bar dataKey="count" name="Interviews" fill={COLORS.primary} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

// ---- 3. signal mix by strength ----

export function SignalMixChart({ data, csvHref }: ChartProps) {
  const { weeks, totals } = data.signalMix;
  return (
    <ChartCard
      chart="signal-mix"
      description="Touches from candidates each week, by how strong a signal they are. Touches the agency sends are not counted."
      summary={signalMixSummary(data)}
      csvHref={csvHref('signal-mix')}
      empty={totals.total === 0}
      emptyTitle="No candidate touches in this period"
      emptyText="When candidates ask questions, reply, send thank-you notes or open your emails, this chart shows how strong those signals are."
      legend={<ChartLegend items={SIGNAL_TIERS.map((tier) => ({ label: TIER_LABELS[tier], color: TIER_COLORS[tier], shape: 'box' as const }))} />}
      table={
        <ChartTable
          id="table-signal-mix"
          caption="Signal mix by strength"
          columns={['Week', ...SIGNAL_TIERS.map((tier) => TIER_SHORT_LABELS[tier]), 'Total']}
          total={{ label: 'All weeks', cells: [...SIGNAL_TIERS.map((tier) => totals[tier]), totals.total] }}
        >
          {weeks.map((w) => (
            <tr key={w.week}>
              <WeekHeader week={w} />
              {SIGNAL_TIERS.map((tier) => (
                <td key={tier} className={td}>
                  {w[tier]}
                </td>
              ))}
              <td className={td}>{w.total}</td>
            </tr>
          ))}
        </ChartTable>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={weekAxis(weeks)} margin={margin} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke={COLORS.grid} />
          <XAxis dataKey="label" tick={tick} tickLine={false} axisLine={{ stroke: COLORS.grid }} minTickGap={8} />
          <YAxis allowDecimals={false} tick={tick} tickLine={false} axisLine={false} width={36} />
          <Tooltip cursor={{ fill: '#f1f5f9' }} contentStyle={tooltipStyle} labelFormatter={weekTooltipLabel} />
          {SIGNAL_TIERS.map((tier) => (
            // A white edge between the stacked parts, so they stay apart whatever the colours look like.
            <Bar key={tier} dataKey={tier} name={TIER_SHORT_LABELS[tier]} stackId="signals" fill={TIER_COLORS[tier]} stroke="#ffffff" strokeWidth={1} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

// ---- 4. reply time against target ----

export function ReplyTimeChart({ data, csvHref }: ChartProps) {
  const { weeks, totals, targetHours } = data.replyTime;
  const targetSeconds = targetHours * 3600;
  const rows = weekAxis(weeks).map((w) => ({ ...w, hours: w.medianSeconds === null ? null : Math.round((w.medianSeconds / 3600) * 10) / 10 }));
  const against = (seconds: number | null) =>
    seconds === null ? <Missing reason="No replies yet" /> : seconds > targetSeconds ? <span className="font-semibold text-red-800">Over target</span> : 'Within target';
  return (
    <ChartCard
      chart="reply-time"
      description={`Each week, the median time from a candidate’s question or email reply to the agency’s first answer, against your reply target of ${targetHours} h.`}
      summary={replyTimeSummary(data)}
      csvHref={csvHref('reply-time')}
      empty={totals.questions === 0}
      emptyTitle="No questions in this period"
      emptyText="When candidates ask a question in the portal or reply by email, this chart shows how quickly your agency answers them."
      legend={
        <ChartLegend
          items={[
            { label: 'Median reply time', color: COLORS.primary, shape: 'box' },
            { label: `Reply target (${targetHours} h)`, color: COLORS.target, shape: 'dashed-line' },
          ]}
        />
      }
      table={
        <ChartTable
          id="table-reply-time"
          caption="Reply time against target"
          columns={['Week', 'Questions', 'Answered', `Within ${targetHours} h`, 'Median reply time', 'Against target']}
          total={{ label: 'All weeks', cells: [totals.questions, totals.answered, totals.withinTarget, totals.medianSeconds === null ? <Missing reason="No replies yet" /> : duration(totals.medianSeconds), against(totals.medianSeconds)] }}
        >
          {weeks.map((w) => (
            <tr key={w.week}>
              <WeekHeader week={w} />
              <td className={td}>{w.questions}</td>
              <td className={td}>{w.answered}</td>
              <td className={td}>{w.withinTarget}</td>
              <td className={td}>{w.medianSeconds === null ? <Missing reason="No replies yet" /> : duration(w.medianSeconds)}</td>
              <td className={td}>{against(w.medianSeconds)}</td>
            </tr>
          ))}
        </ChartTable>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ ...margin, top: 20 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke={COLORS.grid} />
          <XAxis dataKey="label" tick={tick} tickLine={false} axisLine={{ stroke: COLORS.grid }} minTickGap={8} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => `${v} h`} tick={tick} tickLine={false} axisLine={false} width={48} />
          <Tooltip
            cursor={{ fill: '#f1f5f9' }}
            contentStyle={tooltipStyle}
            labelFormatter={weekTooltipLabel}
            formatter={(value) => [value === null || value === undefined ? '—' : duration(Number(value) * 3600), 'Median reply time']}
          />
          <Bar dataKey="hours" name="Median reply time" fill={COLORS.primary} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <ReferenceLine
            y={targetHours}
            ifOverflow="extendDomain"
            stroke={COLORS.target}
            strokeWidth={2}
            strokeDasharray="6 4"
            label={{ value: `Target ${targetHours} h`, position: 'insideTopRight', fill: '#991b1b', fontSize: 12 }}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
