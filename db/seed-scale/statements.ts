// The generator's statements: each fills one table for every scale agency at once, with
// INSERT … SELECT over generate_series and the deterministic hashes of sql-kit.ts.
import type { AgencySpec } from './agencies';
import { literal, pick, SqlKit, textArray, ts, weighted } from './sql-kit';
import { code, ENGAGED, ENGAGED_NO_WAIT, LUKEWARM, mixCase, PROFILE, SILENT, variantRows } from './touch-mix';
import {
  ANSWER_TEXTS,
  asciiSlug,
  CANDIDATE_DOMAINS,
  CHECK_IN_TEXTS,
  CLIENT_COMPANIES,
  CONFIRMATION_TEXTS,
  EMAIL_REPLY_ANSWER_TEXTS,
  EMAIL_REPLY_TEXTS,
  FIRST_NAMES,
  FOLLOW_UP_EMAIL_TEXTS,
  INBOUND_CALL_TEXTS,
  INTERVIEWERS,
  JOB_TITLES,
  LAST_NAMES,
  MESSAGE_IN_TEXTS,
  MESSAGE_OUT_TEXTS,
  NOTE_TEXTS,
  OUTBOUND_CALL_TEXTS,
  QUESTION_TEXTS,
  SOURCES,
  STATUS_UPDATE_TEXT,
  TAGS,
  TEAM_NAMES,
  THANK_YOU_TEXTS,
} from './vocabulary';

/** Share of recently active candidates left with a question nobody answered: the replies-owed inbox. */
const PENDING_RATE = 0.08;
/** Share of questions and email replies the agency answered (the rest wait until a later reply). */
const ANSWERED_RATE = 0.95;

export interface Statement {
  phase: string;
  text: string;
  /** Counted in the summary as rows of this table. */
  table?: string;
}

export function buildStatements(kit: SqlKit, agencies: AgencySpec[], now: Date): Statement[] {
  const NOW = ts(now);
  const key = (o: string, n: string) => kit.key(o, n);
  const title = (o: string, j: string) => pick(JOB_TITLES, kit.rnd(key(o, j), 'jobTitle'));
  const company = (o: string, j: string) => pick(CLIENT_COMPANIES, kit.rnd(key(o, j), 'jobCompany'));
  const fill = (text: string, first = 'first_name', firm = 'company') => `replace(replace(${text}, '{first}', ${first}), '{company}', ${firm})`;
  const panel = `${literal(JSON.stringify(INTERVIEWERS))}::jsonb`;
  const n = INTERVIEWERS.length;

  const orgs: Statement = {
    phase: 'agencies',
    text: `
      create temp table scale_orgs on commit drop as
      select x.*, ${kit.uid('org', 'x.idx')} as id, ${NOW} - interval '400 days' as created_at
      from jsonb_to_recordset(${literal(JSON.stringify(agencies))}::jsonb) as x(idx int, slug text, name text, candidates int, touches int,
        jobs int, teams int, admins int, recruiters int, viewers int, window_days int, reply_hours int, time_zone text)`,
  };
  const insertOrgs: Statement = {
    phase: 'agencies',
    table: 'organizations',
    text: `
      insert into organizations (id, name, slug, follow_up_window_days, reply_target_hours, time_zone, track_engagement, sender_name, created_at)
      select id, name, slug, window_days, reply_hours, time_zone, true, name, created_at from scale_orgs order by idx`,
  };

  // Owner, admins, recruiters and viewers. Recruiters spread over the teams in turn; the first
  // recruiter of each team leads it. Viewers watch one team each.
  const people: Statement = {
    phase: 'people',
    text: `
      create temp table scale_users on commit drop as
      select p.o, p.role, p.n, p.org_id, p.email, p.joined_at,
        ${pick(FIRST_NAMES, kit.rnd('p.k', 'userFirst'))} || ' ' || ${pick(LAST_NAMES, kit.rnd('p.k', 'userLast'))} as name,
        ${kit.uid('user', 'p.email')} as id,
        case when p.role in ('recruiter', 'viewer') then ((p.n - 1) % p.teams) + 1 end as team_no,
        (p.role = 'recruiter' and p.n <= p.teams) as is_lead
      from (
        select r.o, r.role, r.n, o.id as org_id, o.teams,
          case when r.role = 'owner' then 'owner' else r.role::text || '-' || r.n end || '@' || o.slug || '.example' as email,
          ${key('r.o', 'r.rank * 100000 + r.n')} as k,
          o.created_at + (case r.role when 'owner' then 0 when 'admin' then 2 when 'recruiter' then 5 else 20 end + r.n) * interval '1 day' as joined_at
        from (
          select idx as o, 'owner'::member_role as role, 0 as n, 0 as rank from scale_orgs
          union all select o.idx, 'admin', g, 1 from scale_orgs o, generate_series(1, o.admins) g
          union all select o.idx, 'recruiter', g, 2 from scale_orgs o, generate_series(1, o.recruiters) g
          union all select o.idx, 'viewer', g, 3 from scale_orgs o, generate_series(1, o.viewers) g
        ) r join scale_orgs o on o.idx = r.o
      ) p`,
  };
  const insertUsers: Statement = {
    phase: 'people',
    table: 'users',
    text: `
      insert into users (id, email, name, email_verified, created_at)
      select id, email, name, joined_at, joined_at from scale_users order by o, role, n
      on conflict (email) do nothing`,
  };
  // A person kept from an earlier run (a member of another agency too) keeps their id.
  const keptUsers: Statement = {
    phase: 'people',
    text: `update scale_users s set id = u.id from users u where u.email = s.email and u.id <> s.id`,
  };
  const insertMemberships: Statement = {
    phase: 'people',
    table: 'memberships',
    text: `insert into memberships (org_id, user_id, role, created_at) select org_id, id, role, joined_at from scale_users order by o, role, n`,
  };
  const insertTeams: Statement = {
    phase: 'people',
    table: 'teams',
    text: `
      insert into teams (org_id, id, name, created_at)
      select o.id, ${kit.uid('team', 'o.idx', 'g')}, ${textArray(TEAM_NAMES)}[g], o.created_at
      from scale_orgs o, generate_series(1, o.teams) g order by o.idx, g`,
  };
  const insertTeamMembers: Statement = {
    phase: 'people',
    table: 'team_members',
    text: `
      insert into team_members (org_id, team_id, user_id, is_lead, created_at)
      select org_id, ${kit.uid('team', 'o', 'team_no')}, id, is_lead, joined_at from scale_users where team_no is not null order by o, role, n`,
  };

  const insertJobs: Statement = {
    phase: 'jobs',
    table: 'jobs',
    text: `
      insert into jobs (org_id, id, team_id, client_company, title, status, created_at, updated_at)
      select o.id, ${kit.uid('job', 'o.idx', 'j')}, ${kit.uid('team', 'o.idx', '((j - 1) % o.teams) + 1')},
        ${company('o.idx', 'j')}, ${title('o.idx', 'j')},
        ${weighted(kit.rnd(key('o.idx', 'j'), 'jobStatus'), [["'open'::job_status", 75], ["'on_hold'", 10], ["'closed'", 15]])},
        o.created_at + ${kit.rnd(key('o.idx', 'j'), 'jobAge')} * interval '30 days',
        o.created_at + interval '30 days'
      from scale_orgs o, generate_series(1, o.jobs) j order by o.idx, j`,
  };

  // Candidates, with what the later statements need: when their first interview ended (spread
  // over the last year, more of them recent, a few still to come), how keen they are, their owner.
  const candidates: Statement = {
    phase: 'candidates',
    text: `
      create temp table scale_cands on commit drop as
      select s.*, u.id as owner_id, case when s.team_no is not null then ${kit.uid('team', 's.o', 's.team_no')} end as team_id
      from (
        select b.*,
          ${textArray(FIRST_NAMES)}[b.fi] || ' ' || ${textArray(LAST_NAMES)}[b.li] as name,
          ${textArray(FIRST_NAMES)}[b.fi] as first_name,
          ${textArray(FIRST_NAMES.map(asciiSlug))}[b.fi] || '.' || ${textArray(LAST_NAMES.map(asciiSlug))}[b.li] || '.' || b.c || '@' || ${pick(CANDIDATE_DOMAINS, kit.rnd('b.k', 'domain'))} as email,
          case when ${kit.rnd('b.k', 'phone')} < 0.7 then '020 7946 0' || lpad((b.c % 1000)::text, 3, '0') end as phone,
          case when b.owner_u < 0.03 then null else b.rec end as owner_rec,
          case when b.owner_u < 0.01 then null when b.owner_u < 0.03 then ${kit.int('b.k', 'team', 1, 'b.teams')} else ((b.rec - 1) % b.teams) + 1 end as team_no,
          ${NOW} - b.days_ago * interval '1 day' as e1,
          b.days_ago > 180 and ${kit.rnd('b.k', 'archived')} < 0.06 as archived,
          ${weighted(kit.rnd('b.k', 'profile'), [[PROFILE.engaged, 45], [PROFILE.lukewarm, 38], [PROFILE.silent, 17]])} as profile,
          case when b.tag_u < 0.5 then '{}'::text[]
            when b.tag_u < 0.85 then array[${textArray(TAGS)}[1 + b.tag_i]]
            else array[${textArray(TAGS)}[1 + b.tag_i], ${textArray(TAGS)}[1 + (b.tag_i + 3) % ${TAGS.length}]] end as tags,
          ${pick(SOURCES, kit.rnd('b.k', 'source'))} as source,
          -- The second application came weeks later; for recent candidates, weeks before.
          case when b.apps = 1 then 0 when b.days_ago < 90 then -(14 + 61 * b.gap2_u) else 14 + 61 * b.gap2_u end as second_shift,
          ${NOW} - (b.days_ago + case when b.apps = 2 and b.days_ago < 90 then 14 + 61 * b.gap2_u else 0 end
            + 30 + 20 * ${kit.rnd('b.k', 'createdLead')}) * interval '1 day' as created_at
        from (
          select o.idx as o, o.id as org_id, o.teams, o.jobs, o.window_days, c, ${key('o.idx', 'c')} as k,
            ${kit.int(key('o.idx', 'c'), 'first', 1, FIRST_NAMES.length)} as fi,
            ${kit.int(key('o.idx', 'c'), 'last', 1, LAST_NAMES.length)} as li,
            ${kit.rnd(key('o.idx', 'c'), 'owner')} as owner_u,
            ${kit.int(key('o.idx', 'c'), 'recruiter', 1, 'o.recruiters')} as rec,
            ${kit.int(key('o.idx', 'c'), 'job1', 1, 'o.jobs')} as j1,
            369 * power(${kit.rnd(key('o.idx', 'c'), 'when')}, 1.2) - 4 as days_ago,
            case when o.jobs >= 2 and ${kit.rnd(key('o.idx', 'c'), 'apps')} < 0.3 then 2 else 1 end as apps,
            ${kit.rnd(key('o.idx', 'c'), 'secondGap')} as gap2_u,
            ${kit.rnd(key('o.idx', 'c'), 'tags')} as tag_u,
            ${kit.int(key('o.idx', 'c'), 'tag2', 0, TAGS.length - 1)} as tag_i,
            ${kit.uid('cand', 'o.idx', 'c')} as id
          from scale_orgs o, generate_series(1, o.candidates) c
        ) b
      ) s
      left join scale_users u on u.o = s.o and u.role = 'recruiter' and u.n = s.owner_rec`,
  };
  const insertCandidates: Statement = {
    phase: 'candidates',
    table: 'candidates',
    text: `
      insert into candidates (org_id, id, name, email, phone, owner_user_id, team_id, tags, source, archived_at, created_at, updated_at)
      select org_id, id, name, email, phone, owner_id, team_id, tags, source,
        case when archived then e1 + interval '150 days' end, created_at, least(${NOW}, e1 + interval '1 day')
      from scale_cands order by o, c`,
  };

  // One or two applications each (the second to another job), each with one or two rounds.
  const apps: Statement = {
    phase: 'applications',
    text: `
      create temp table scale_apps on commit drop as
      select x.*, ${kit.uid('app', 'x.o', 'x.c * 2 + x.a')} as id, ${kit.uid('link', 'x.o', 'x.c * 2 + x.a')} as link_id,
        ${kit.uid('job', 'x.o', 'x.job_no')} as job_id, ${title('x.o', 'x.job_no')} as title, ${company('x.o', 'x.job_no')} as company,
        case
          when x.last_end > ${NOW} then case when x.rounds = 1 and x.stage_u < 0.5 then 'screening'::application_stage else 'interview' end
          when x.last_end > ${NOW} - interval '21 days' then ${weighted('x.stage_u', [["'applied'::application_stage", 3], ["'screening'", 5], ["'interview'", 55], ["'offer'", 12], ["'hired'", 3], ["'rejected'", 17], ["'withdrawn'", 5]])}
          else ${weighted('x.stage_u', [["'screening'::application_stage", 4], ["'interview'", 8], ["'offer'", 3], ["'hired'", 15], ["'rejected'", 58], ["'withdrawn'", 12]])}
        end as stage
      from (
        select y.*, y.e + (y.rounds - 1) * y.round_gap as last_end
        from (
          select c.o, c.org_id, c.c, c.id as cand_id, c.first_name, c.owner_id, c.profile, c.archived, c.window_days, a,
            case a when 1 then c.j1 else 1 + (c.j1 + floor(${kit.rnd('c.k', 'job2')} * (c.jobs - 1))::int) % c.jobs end as job_no,
            case a when 1 then c.e1 else c.e1 + c.second_shift * interval '1 day' end as e,
            1 + (${kit.rnd(key('c.o', 'c.c * 2 + a'), 'rounds')} < 0.45)::int as rounds,
            (3 + 9 * ${kit.rnd(key('c.o', 'c.c * 2 + a'), 'roundGap')}) * interval '1 day' as round_gap,
            ${kit.rnd(key('c.o', 'c.c * 2 + a'), 'stage')} as stage_u,
            ${kit.rnd(key('c.o', 'c.c * 2 + a'), 'appLead')} as lead_u
          from scale_cands c cross join lateral generate_series(1, c.apps) a
        ) y
      ) x`,
  };
  const insertApps: Statement = {
    phase: 'applications',
    table: 'applications',
    text: `
      insert into applications (org_id, id, candidate_id, job_id, stage, created_at, updated_at)
      select org_id, id, cand_id, job_id, stage, e - (5 + 20 * lead_u) * interval '1 day', least(${NOW}, last_end + interval '1 day')
      from scale_apps order by o, c, a`,
  };

  // Interviews end in office hours (10:00–16:45 UTC). Each gets its own behaviour (mostly the
  // candidate's), how long the follow-up lasts, and a weight: its share of the agency's touches.
  const ints: Statement = {
    phase: 'interviews',
    text: `
      create temp table scale_ints on commit drop as
      select z.*,
        case when z.past then least(z.base_span_h, z.age_h * 0.95) else 0 end as span_h,
        case when not z.past then 0
          when z.profile = ${PROFILE.engaged} then 0.6 + 1.4 * z.weight_u
          when z.profile = ${PROFILE.lukewarm} then 0.3 + 0.6 * z.weight_u
          else 0.1 + 0.2 * z.weight_u end as weight
      from (
        select y.*, y.ends_at - y.minutes * interval '1 minute' as starts_at,
          extract(epoch from (${NOW} - y.ends_at)) / 3600 as age_h,
          y.ends_at < ${NOW} - interval '3 hours' as past,
          24 * case y.profile when ${PROFILE.engaged} then 1.5 + 12 * y.span_u * y.span_u
            when ${PROFILE.lukewarm} then 1 + 10 * y.span_u * y.span_u else 2 + 14 * y.span_u * y.span_u end as base_span_h,
          case y.panel_size when 1 then jsonb_build_array(${panel} -> y.panel_at)
            when 2 then jsonb_build_array(${panel} -> y.panel_at, ${panel} -> ((y.panel_at + 5) % ${n}))
            else jsonb_build_array(${panel} -> y.panel_at, ${panel} -> ((y.panel_at + 5) % ${n}), ${panel} -> ((y.panel_at + 11) % ${n})) end as interviewers
        from (
          select x.*,
            date_trunc('day', x.raw_end, 'UTC') + (10 + floor(${kit.rnd('x.ik', 'endHour')} * 7)) * interval '1 hour'
              + floor(${kit.rnd('x.ik', 'endQuarter')} * 4) * interval '15 minutes' as ends_at,
            case x.kind when 'phone' then 30 when 'video' then 60 else 180 end as minutes,
            case x.kind when 'phone' then 1 when 'video' then ${kit.int('x.ik', 'panelSize', 1, 2)} else ${kit.int('x.ik', 'panelSize', 2, 3)} end as panel_size,
            ${kit.int('x.ik', 'panelStart', 0, n - 1)} as panel_at,
            case when ${kit.rnd('x.ik', 'deviate')} < 0.1 then ${kit.int('x.ik', 'deviateTo', 1, 3)} else x.cand_profile end as profile,
            ${kit.rnd('x.ik', 'span')} as span_u,
            ${kit.rnd('x.ik', 'weight')} as weight_u
          from (
            select a.o, a.org_id, a.c, a.cand_id, a.first_name, a.owner_id, a.archived, a.window_days, a.id as app_id, a.link_id,
              a.title, a.company, a.created_at_hint, r as round, a.c * 4 + (a.a - 1) * 2 + r as n,
              ${key('a.o', 'a.c * 4 + (a.a - 1) * 2 + r')} as ik, ${kit.uid('int', 'a.o', 'a.c * 4 + (a.a - 1) * 2 + r')} as id,
              a.e + (r - 1) * a.round_gap as raw_end,
              case when r = 1 then ${weighted(kit.rnd(key('a.o', 'a.c * 4 + (a.a - 1) * 2 + r'), 'interviewKind'), [["'phone'::interview_kind", 40], ["'video'", 40], ["'onsite'", 20]])}
                else ${weighted(kit.rnd(key('a.o', 'a.c * 4 + (a.a - 1) * 2 + r'), 'interviewKind'), [["'video'::interview_kind", 40], ["'onsite'", 60]])} end as kind,
              a.profile as cand_profile
            from (select *, e - interval '3 days' as created_at_hint from scale_apps) a cross join lateral generate_series(1, a.rounds) r
          ) x
        ) y
      ) z`,
  };
  const insertInts: Statement = {
    phase: 'interviews',
    table: 'interviews',
    text: `
      insert into interviews (org_id, id, application_id, candidate_id, starts_at, ends_at, kind, interviewers, created_at, updated_at)
      select org_id, id, app_id, cand_id, starts_at, ends_at, kind, interviewers,
        least(created_at_hint, ${NOW} - interval '1 hour'), least(created_at_hint, ${NOW} - interval '1 hour')
      from scale_ints order by o, n`,
  };

  // A few percent of candidates wait on a question nobody answered: asked after everything else
  // they exchanged with the agency (so nothing later clears it), mostly in the last weeks.
  const pending: Statement = {
    phase: 'touches',
    text: `
      create temp table scale_pending on commit drop as
      select q.*, ${NOW} - least((${NOW} - q.busy_until) * (0.05 + 0.9 * ${kit.rnd(key('q.o', 'q.c'), 'pendingAge')}),
          interval '2 hours' + interval '30 days' * power(${kit.rnd(key('q.o', 'q.c'), 'pendingCap')}, 2)) as asked_at,
        ${pick(QUESTION_TEXTS, kit.rnd(key('q.o', 'q.c'), 'pendingBody'))} as body
      from (
        select w.*, row_number() over (partition by w.o order by w.c) as rank
        from (
          select distinct on (i.o, i.c) i.o, i.org_id, i.c, i.cand_id, i.app_id, i.link_id, i.id as int_id,
            max(i.ends_at + (i.span_h + 72) * interval '1 hour') over (partition by i.o, i.c) as busy_until
          from scale_ints i where i.past and not i.archived
          order by i.o, i.c, i.ends_at desc
        ) w
        where ${kit.rnd(key('w.o', 'w.c'), 'pending')} < ${PENDING_RATE}
          and w.busy_until between ${NOW} - interval '120 days' and ${NOW} - interval '2 hours'
      ) q
      join scale_orgs o on o.idx = q.o
      where q.rank <= o.touches`,
  };
  const budget: Statement = {
    phase: 'touches',
    text: `
      create temp table scale_budget on commit drop as
      select o.idx as o, o.touches - coalesce(p.pending, 0) as main
      from scale_orgs o left join (select o, count(*) as pending from scale_pending group by o) p on p.o = o.idx`,
  };
  // Each past interview's share of the agency's touches, as consecutive ranges of touch numbers:
  // the cumulative weight cut at whole touches, so the shares add up to exactly the budget.
  const runs: Statement = {
    phase: 'touches',
    text: `
      create temp table scale_runs on commit drop as
      select r.*, r.lo + 1 as first_t, r.hi - r.lo as k
      from (
        select w.*, floor(w.main * (w.prev_cum / w.total))::int8 as lo, floor(w.main * (w.cum / w.total))::int8 as hi
        from (
          select v.*, coalesce(lag(v.cum) over (partition by v.o order by v.n), 0) as prev_cum, max(v.cum) over (partition by v.o) as total
          from (
            select i.*, b.main, sum(i.weight) over (partition by i.o order by i.n rows between unbounded preceding and current row) as cum
            from scale_ints i join scale_budget b on b.o = i.o
            where i.past
          ) v
        ) w
      ) r
      where r.hi > r.lo`,
  };
  const variants: Statement = {
    phase: 'touches',
    text: `
      create temp table scale_variants on commit drop as
      select * from (values
      ${variantRows()}) as v(code, kind, direction, channel, strength, awaits, dedupe)`,
  };

  // Position 0 of a run is the agency's first move after the interview (a portal link or a
  // check-in email; sometimes a confirmation before it). Later positions follow the interview's
  // behaviour, earlier ones closer together. A question or email reply at an even position is
  // answered at the next one (odd and last positions never wait), by the same kinds the app uses, with
  // in_reply_to where the app sets it: portal answers and emails sent in reply.
  const c = code;
  const mainTouches = `
    select m.org_id, m.id, m.cand_id, m.app_id, m.int_id, m.link_id, m.owner_id, m.code,
      m.ends_at + m.off_h * interval '1 hour' as occurred_at,
      m.code in (${[c('question'), c('thankYou'), c('visit'), c('answer'), c('linkSent'), c('statusUpdate')].join(', ')}) as named,
      m.off_h between 0 and m.window_days * 24 as attributed,
      case when m.is_answer and m.code in (${c('answer')}, ${c('emailSent')}) then ${kit.uid('touch', 'm.o', 'm.t - 1')} end as reply_to,
      case m.code
        when ${c('question')} then ${pick(QUESTION_TEXTS, 'm.u_body')}
        when ${c('emailReply')} then ${pick(EMAIL_REPLY_TEXTS, 'm.u_body')}
        when ${c('thankYou')} then ${fill(pick(THANK_YOU_TEXTS, 'm.u_body'), 'm.first_name', 'm.company')}
        when ${c('callIn')} then ${pick(INBOUND_CALL_TEXTS, 'm.u_body')}
        when ${c('messageIn')} then ${fill(pick(MESSAGE_IN_TEXTS, 'm.u_body'), 'm.first_name', 'm.company')}
        when ${c('note')} then ${pick(NOTE_TEXTS, 'm.u_body')}
        when ${c('answer')} then ${pick(ANSWER_TEXTS, 'm.u_pbody')}
        when ${c('emailSent')} then case
          when m.is_answer and m.prev_raw = ${c('question')} then ${pick(ANSWER_TEXTS, 'm.u_pbody')}
          when m.is_answer then ${pick(EMAIL_REPLY_ANSWER_TEXTS, 'm.u_body')}
          when m.pre then ${fill(pick(CONFIRMATION_TEXTS, 'm.u_body'), 'm.first_name', 'm.company')}
          when m.p = 0 then ${fill(pick(CHECK_IN_TEXTS, 'm.u_body'), 'm.first_name', 'm.company')}
          else ${fill(pick(FOLLOW_UP_EMAIL_TEXTS, 'm.u_body'), 'm.first_name', 'm.company')} end
        when ${c('statusUpdate')} then replace(${literal(STATUS_UPDATE_TEXT)}, '{title}', m.title)
        when ${c('callOut')} then ${fill(pick(OUTBOUND_CALL_TEXTS, 'm.u_body'), 'm.first_name', 'm.company')}
        when ${c('messageOut')} then ${fill(pick(MESSAGE_OUT_TEXTS, 'm.u_body'), 'm.first_name', 'm.company')}
      end as body,
      (5 + 115 * m.u_rec) * interval '1 second' as recorded_lag
    from (
      select l.*, ${kit.uid('touch', 'l.o', 'l.t')} as id,
        case
          when l.p = 0 then case when l.pre then -(2 + 46 * l.u_jit) else least(0.25 + 2.5 * l.u_jit, l.span_h * 0.5) end
          when l.is_answer then l.q_off + least(0.5 + 70 * l.u_delay * l.u_delay, (l.age_h - l.q_off) * 0.5)
          else l.span_h * power((l.p - 1 + l.u_jit) / greatest(l.k - 1, 1), 1.7)
        end as off_h
      from (
        select d.*, coalesce(d.prev_raw in (${c('question')}, ${c('emailReply')}) and d.u_ans < ${ANSWERED_RATE}, false) as is_answer,
          case when d.prev_raw in (${c('question')}, ${c('emailReply')}) and d.u_ans < ${ANSWERED_RATE} then
            case when d.prev_raw = ${c('question')} then ${weighted('d.u_how', [[c('answer'), 75], [c('emailSent'), 15], [c('callOut'), 10]])}
              else ${weighted('d.u_how', [[c('emailSent'), 85], [c('callOut'), 15]])} end
            else d.raw end as code
        from (
          select u.*,
            case when u.p = 0 then case when u.u_lead < 0.55 then ${c('linkSent')} else ${c('emailSent')} end
              when u.profile = ${PROFILE.engaged} and u.p % 2 = 0 and u.p < u.k - 1 then ${mixCase('u.u_kind', ENGAGED)}
              when u.profile = ${PROFILE.engaged} then ${mixCase('u.u_kind', ENGAGED_NO_WAIT)}
              when u.profile = ${PROFILE.lukewarm} then ${mixCase('u.u_kind', LUKEWARM)}
              else ${mixCase('u.u_kind', SILENT)} end as raw,
            case when u.profile = ${PROFILE.engaged} and u.p >= 3 and u.p % 2 = 1 then ${mixCase('u.u_prev', ENGAGED)} end as prev_raw,
            u.p = 0 and u.u_lead >= 0.55 and u.u_pre < 0.15 as pre,
            case when u.p >= 2 then u.span_h * power((u.p - 2 + u.u_pjit) / greatest(u.k - 1, 1), 1.7) end as q_off
          from (
            select g.*,
              ${kit.rnd('g.kt', 'kind')} as u_kind, ${kit.rnd('g.kt - 1', 'kind')} as u_prev,
              ${kit.rnd('g.kt - 1', 'answered')} as u_ans, ${kit.rnd('g.kt', 'answerHow')} as u_how,
              ${kit.rnd('g.kt', 'jitter')} as u_jit, ${kit.rnd('g.kt - 1', 'jitter')} as u_pjit,
              ${kit.rnd('g.kt', 'delay')} as u_delay, ${kit.rnd('g.kt', 'body')} as u_body, ${kit.rnd('g.kt - 1', 'body')} as u_pbody,
              ${kit.rnd('g.kt', 'recorded')} as u_rec, ${kit.rnd('g.kt', 'lead')} as u_lead, ${kit.rnd('g.kt', 'preInterview')} as u_pre
            from (
              select r.o, r.org_id, r.cand_id, r.app_id, r.id as int_id, r.link_id, r.owner_id, r.first_name, r.title, r.company,
                r.window_days, r.ends_at, r.age_h, r.span_h, r.profile, r.k, p, r.first_t + p as t, ${key('r.o', 'r.first_t + p')} as kt
              from scale_runs r cross join lateral generate_series(0, r.k - 1) p
            ) g offset 0
          ) u offset 0
        ) d offset 0
      ) l offset 0
    ) m`;
  const pendingTouches = `
    select q.org_id, ${kit.uid('touch', 'q.o', 'b.main + q.rank')} as id, q.cand_id, q.app_id, q.int_id, q.link_id, null::uuid as owner_id,
      ${c('question')} as code, q.asked_at as occurred_at, true as named, true as attributed, null::uuid as reply_to, q.body,
      interval '3 seconds' as recorded_lag
    from scale_pending q join scale_budget b on b.o = q.o`;
  // In time order across agencies, as a live ledger fills: seq follows occurred_at, and a
  // candidate's touches lie on different pages, as they would after a year of use.
  const insertTouches: Statement = {
    phase: 'touches',
    table: 'touches',
    text: `
      insert into touches (org_id, id, candidate_id, application_id, interview_id, kind, direction, channel, strength, actor_user_id,
          occurred_at, recorded_at, body, dedupe_key, meta, in_reply_to)
      select f.org_id, f.id, f.cand_id,
        case when f.named or f.attributed then f.app_id end,
        case when f.named or f.attributed then f.int_id end,
        v.kind, v.direction, v.channel, v.strength,
        case when v.direction = 'outbound' and f.code <> ${c('statusUpdate')} then f.owner_id end,
        f.occurred_at, f.occurred_at + f.recorded_lag, f.body,
        case when v.dedupe = 'answer' then 'answer:' || f.reply_to else v.dedupe || ':' || f.id end,
        case when v.channel = 'portal' and v.direction = 'inbound' then jsonb_build_object('portalLinkId', f.link_id) else '{}'::jsonb end,
        f.reply_to
      from (${mainTouches}
        union all ${pendingTouches}) f
      join scale_variants v on v.code = f.code
      order by f.occurred_at, f.id`,
  };

  return [
    orgs,
    insertOrgs,
    people,
    insertUsers,
    keptUsers,
    insertMemberships,
    insertTeams,
    insertTeamMembers,
    insertJobs,
    candidates,
    insertCandidates,
    apps,
    insertApps,
    ints,
    insertInts,
    pending,
    budget,
    runs,
    variants,
    insertTouches,
  ];
}
