import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import type { Stage } from '@/db/schema';
import { AppError } from '@/server/errors';
import { canSeeTeam, candidateVisible, jobVisible, loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';
import type { DuplicateMode, ImportDelimiter, ImportRowAction, ImportRowIssue, ImportRowStatus } from './import-format';
import { parseCandidateCsv, type CsvCandidate, type CsvCandidateRow, type CsvInterview, type ImportColumn } from './parse-candidate-csv';

export interface NewJob {
  key: string;
  teamId: string;
  title: string;
  clientCompany: string;
}

/** What committing a row writes; only rows whose action is create or update have one. */
export interface RowWrite {
  candidate: CsvCandidate;
  /** Null when the file leaves the column empty: a new candidate gets none, an update keeps its own. */
  teamId: string | null;
  ownerUserId: string | null;
  existing: { id: string; ownerUserId: string | null } | null;
  job: { jobId: string | null; newJobKey: string | null; stage: Stage | null } | null;
  interview: CsvInterview | null;
}

export interface RowPlan {
  row: number;
  status: ImportRowStatus;
  action: ImportRowAction;
  issues: ImportRowIssue[];
  /** Why a row without errors is skipped or updated, in words. */
  note: string | null;
  name: string;
  email: string;
  team: string | null;
  job: { title: string; clientCompany: string; isNew: boolean } | null;
  interview: { startsAt: Date; kind: string } | null;
  write: RowWrite | null;
}

export interface CandidateImportAnalysis {
  delimiter: ImportDelimiter;
  delimiterDetected: boolean;
  columns: ImportColumn[];
  rows: RowPlan[];
  newJobs: NewJob[];
}

const lower = (s: string) => s.trim().toLowerCase();
const jsonList = (values: string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify([...new Set(values)])}::jsonb))`;

/** Everything the rows refer to, in four queries whatever the number of rows. */
async function loadReferences(ctx: ServiceContext, rows: CsvCandidateRow[]) {
  const { orgId } = ctx.actor;
  const scope = await loadScope(ctx);
  const emails = rows.flatMap((r) => (r.candidate ? [r.candidate.email] : []));
  const owners = rows.flatMap((r) => (r.owner ? [r.owner] : []));
  const titles = rows.flatMap((r) => (r.job ? [lower(r.job.title)] : []));

  const teams = await queryRows<{ id: string; name: string }>(ctx.tx, sql`select id, name from teams where org_id = ${orgId} and archived_at is null`);
  const members = owners.length
    ? await queryRows<{ user_id: string; email: string }>(
        ctx.tx,
        sql`select m.user_id, lower(u.email) as email from memberships m join users u on u.id = m.user_id
            where m.org_id = ${orgId} and lower(u.email) in ${jsonList(owners)}`,
      )
    : [];
  const existing = emails.length
    ? await queryRows<{ id: string; email: string; owner_user_id: string | null; visible: boolean }>(
        ctx.tx,
        sql`select c.id, lower(c.email) as email, c.owner_user_id, ${candidateVisible('c', scope)} as visible from candidates c
            where c.org_id = ${orgId} and lower(c.email) in ${jsonList(emails)}`,
      )
    : [];
  const jobs = titles.length
    ? await queryRows<{ id: string; team_id: string; title: string; client_company: string }>(
        ctx.tx,
        sql`select j.id, j.team_id, lower(j.title) as title, lower(j.client_company) as client_company from jobs j
            where j.org_id = ${orgId} and j.archived_at is null and ${jobVisible('j', scope)} and lower(j.title) in ${jsonList(titles)}`,
      )
    : [];
  return {
    scope,
    teamByName: new Map(teams.map((t) => [lower(t.name), t])),
    memberByEmail: new Map(members.map((m) => [m.email, m.user_id])),
    existingByEmail: new Map(existing.map((c) => [c.email, c])),
    jobs,
  };
}

/**
 * Parses the file and decides, row by row, what an import would do, without writing anything.
 * Preview and commit both call it, so the commit never relies on what a client says it previewed.
 */
export async function analyzeCandidateImport(
  ctx: ServiceContext,
  input: { csv: string; duplicateMode: DuplicateMode; delimiter?: ImportDelimiter },
): Promise<CandidateImportAnalysis> {
  const parsed = parseCandidateCsv(input.csv, { delimiter: input.delimiter });
  if (!parsed.ok) throw new AppError('BAD_REQUEST', parsed.error.message, { field: 'csv' });

  const refs = await loadReferences(ctx, parsed.rows);
  const newJobs = new Map<string, NewJob>();
  const firstRowByEmail = new Map<string, number>();

  const rows = parsed.rows.map((r): RowPlan => {
    const issues = [...r.issues];
    const plan: RowPlan = {
      row: r.row,
      status: 'error',
      action: 'skip',
      issues,
      note: null,
      name: r.name,
      email: r.email,
      team: r.team,
      job: r.job ? { title: r.job.title, clientCompany: r.job.clientCompany, isNew: false } : null,
      interview: r.interview ? { startsAt: r.interview.startsAt, kind: r.interview.kind } : null,
      write: null,
    };

    let teamId: string | null = null;
    if (r.team) {
      const team = refs.teamByName.get(lower(r.team));
      if (!team) issues.push({ field: 'team', message: `there is no team named "${r.team}" in this agency` });
      else if (!canSeeTeam(refs.scope, team.id)) issues.push({ field: 'team', message: 'you can only add candidates to your own teams' });
      else {
        teamId = team.id;
        plan.team = team.name;
      }
    }

    let ownerUserId: string | null = null;
    if (r.owner) {
      ownerUserId = refs.memberByEmail.get(r.owner) ?? null;
      if (!ownerUserId) issues.push({ field: 'owner', message: `${r.owner} is not a member of this agency` });
    }

    let job: RowWrite['job'] = null;
    if (r.job && !issues.some((i) => i.field === 'team')) {
      const { title, clientCompany, stage } = r.job;
      const matches = refs.jobs.filter((j) => j.title === lower(title) && j.client_company === lower(clientCompany));
      const match = matches.find((j) => j.team_id === teamId) ?? (matches.length === 1 ? matches[0] : undefined);
      if (match) job = { jobId: match.id, newJobKey: null, stage };
      else if (matches.length > 1) {
        issues.push({ field: 'job_title', message: `"${title}" at ${clientCompany} is a job of ${matches.length} teams; add a team column to say which` });
      } else if (!teamId) {
        issues.push({ field: 'job_title', message: `there is no job "${title}" at ${clientCompany} you can see; add a team column so it can be created there` });
      } else {
        const key = `${teamId}\u0000${lower(title)}\u0000${lower(clientCompany)}`;
        if (!newJobs.has(key)) newJobs.set(key, { key, teamId, title, clientCompany });
        job = { jobId: null, newJobKey: key, stage };
        plan.job = { title, clientCompany, isNew: true };
      }
    }

    if (issues.length > 0 || !r.candidate) return plan;

    const email = r.candidate.email;
    const first = firstRowByEmail.get(email);
    if (first !== undefined) return { ...plan, status: 'duplicate-in-file', note: `same email as row ${first}; only the first row with an email is imported` };
    firstRowByEmail.set(email, r.row);

    const existing = refs.existingByEmail.get(email);
    const write: RowWrite = { candidate: r.candidate, teamId, ownerUserId, existing: null, job, interview: r.interview };
    if (!existing) return { ...plan, status: 'new', action: 'create', write };
    if (input.duplicateMode === 'skip') return { ...plan, status: 'duplicate-existing', note: 'a candidate with this email is already in the agency; skipped' };
    if (!existing.visible) {
      return { ...plan, status: 'duplicate-existing', note: 'a candidate with this email is already in the agency, in a team you are not in; skipped' };
    }
    return {
      ...plan,
      status: 'duplicate-existing',
      action: 'update',
      note: 'a candidate with this email is already in the agency; the non-empty cells of this row will update it',
      write: { ...write, existing: { id: existing.id, ownerUserId: existing.owner_user_id } },
    };
  });

  // A job is only created for rows that are written: a job wanted by skipped rows alone is not.
  const used = new Set(rows.flatMap((r) => (r.write?.job?.newJobKey ? [r.write.job.newJobKey] : [])));
  return {
    delimiter: parsed.delimiter,
    delimiterDetected: parsed.delimiterDetected,
    columns: parsed.columns,
    rows,
    newJobs: [...newJobs.values()].filter((j) => used.has(j.key)),
  };
}

