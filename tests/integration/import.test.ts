import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db/client';
import { teams } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { addMember, callerFor, createTenant, createUser, snapshotTenant, type TenantFixture } from '../support/fixtures';

const sampleCsv = readFileSync(path.join(import.meta.dirname, '../support/csv/candidates.csv'), 'utf8');

let org: TenantFixture;

beforeEach(async () => {
  org = await createTenant('Import');
});

const asOwner = () => callerFor(org.ownerId).import;
const asRecruiter = () => callerFor(org.recruiterId).import;

async function candidatesByEmail(email: string) {
  return queryRows<{ id: string; name: string; email: string; phone: string | null; team_id: string | null; owner_user_id: string | null; tags: string[]; source: string | null }>(
    getDb(),
    sql`select id, name, email, phone, team_id, owner_user_id, tags, source from candidates where org_id = ${org.orgId} and lower(email) = lower(${email})`,
  );
}

async function countOf(table: 'candidates' | 'jobs' | 'applications' | 'interviews') {
  const [row] = await queryRows<{ n: number }>(getDb(), sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${org.orgId}`);
  return row!.n;
}

async function fixtureCandidateEmail() {
  const [row] = await queryRows<{ email: string }>(getDb(), sql`select email from candidates where org_id = ${org.orgId} and id = ${org.candidateId}`);
  return row!.email;
}

async function addTeam(name: string) {
  const [team] = await withTenant(org.orgId, (tx) => tx.insert(teams).values({ orgId: org.orgId, name }).returning({ id: teams.id }));
  return team!.id;
}

describe('import.preview', () => {
  it('reports what would happen, row by row, and writes nothing', async () => {
    const existing = await fixtureCandidateEmail();
    const pad = ','.repeat(12);
    const csv = `${sampleCsv}Again,ADA@example.com${pad}\nKnown,${existing.toUpperCase()}${pad}\nBroken,not-an-email${pad}\n`;
    const before = await snapshotTenant(org.orgId);
    const preview = await asOwner().preview({ orgSlug: org.slug, csv });
    expect(await snapshotTenant(org.orgId)).toBe(before);

    expect(preview).toMatchObject({
      delimiter: ',',
      delimiterDetected: true,
      duplicateMode: 'skip',
      counts: { rows: 6, new: 3, duplicateExisting: 1, duplicateInFile: 1, errors: 1, toCreate: 3, toUpdate: 0, toSkip: 3, newJobs: 1 },
      rowsNotShown: 0,
    });
    expect(preview.rows.map((r) => [r.row, r.status, r.action])).toEqual([
      [2, 'new', 'create'],
      [3, 'new', 'create'],
      [4, 'new', 'create'],
      [5, 'duplicate-in-file', 'skip'],
      [6, 'duplicate-existing', 'skip'],
      [7, 'error', 'skip'],
    ]);
    expect(preview.rows[0]).toMatchObject({ team: 'Fixture team', job: { title: 'Data Engineer', clientCompany: 'Analytical Engines Ltd', isNew: true }, interview: { kind: 'video' } });
    expect(preview.rows[3]?.note).toBe('same email as row 2; only the first row with an email is imported');
    expect(preview.rows[5]?.issues).toEqual([{ field: 'email', message: 'must be a valid email address' }]);
  });

  it('refuses a bad file with its specific message', async () => {
    await expect(asOwner().preview({ orgSlug: org.slug, csv: 'name;email\nAda;ada@example.com\n', delimiter: ',' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^This file seems to use semicolons \(;\) between columns/),
    });
    await expect(asOwner().preview({ orgSlug: org.slug, csv: 'name,phone\nAda,1\n' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The file is missing the required column email. Found 2 columns: "name", "phone".',
    });
    await expect(asOwner().preview({ orgSlug: org.slug, csv: 'name,email\nRen\uFFFDe,r@example.com\n' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining("Export it from your spreadsheet as 'CSV UTF-8'."),
    });
    await expect(asOwner().preview({ orgSlug: org.slug, csv: 'x'.repeat(2 * 1024 * 1024 + 1) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('import.commit', () => {
  it('creates the candidates with their job, application and interview', async () => {
    const [jobs, applications, interviews] = [await countOf('jobs'), await countOf('applications'), await countOf('interviews')];
    const result = await asOwner().commit({ orgSlug: org.slug, csv: sampleCsv, confirm: true });
    expect(result).toEqual({ created: 3, updated: 0, skipped: [], jobsCreated: 1, applicationsCreated: 2, interviewsCreated: 1 });
    expect(await countOf('jobs')).toBe(jobs + 1);
    expect(await countOf('applications')).toBe(applications + 2);
    expect(await countOf('interviews')).toBe(interviews + 1);

    const [ada] = await candidatesByEmail('ada@example.com');
    expect(ada).toMatchObject({ name: 'Ada Lovelace', phone: '+44 20 7946 0000', tags: ['python', 'ml'], source: 'Referral', team_id: org.teamId, owner_user_id: org.ownerId });
    const [alan] = await candidatesByEmail('alan@example.com');
    expect(alan).toMatchObject({ team_id: null, owner_user_id: org.ownerId });

    const apps = await queryRows<{ email: string; stage: string; title: string; team_id: string }>(
      getDb(),
      sql`select c.email, a.stage, j.title, j.team_id from applications a join candidates c on c.org_id = a.org_id and c.id = a.candidate_id
          join jobs j on j.org_id = a.org_id and j.id = a.job_id where a.org_id = ${org.orgId} and j.title = 'Data Engineer' order by c.email`,
    );
    expect(apps).toEqual([
      { email: 'ada@example.com', stage: 'interview', title: 'Data Engineer', team_id: org.teamId },
      { email: 'grace@example.com', stage: 'screening', title: 'Data Engineer', team_id: org.teamId },
    ]);
    const [interview] = await queryRows<{ starts_at: Date; ends_at: Date; kind: string; interviewers: unknown }>(
      getDb(),
      sql`select i.starts_at, i.ends_at, i.kind, i.interviewers from interviews i where i.org_id = ${org.orgId} and i.candidate_id = ${ada!.id}`,
    );
    expect(new Date(interview!.starts_at).toISOString()).toBe('2026-03-14T09:30:00.000Z');
    expect(new Date(interview!.ends_at).toISOString()).toBe('2026-03-14T10:30:00.000Z');
    expect(interview).toMatchObject({ kind: 'video', interviewers: [{ name: 'Pat Lee', email: 'pat@example.com' }, { name: 'Sam Roe' }] });

    const [audit] = await queryRows<{ action: string; after: { created: number } }>(
      getDb(),
      sql`select action, after from audit_log where org_id = ${org.orgId} and action = 'candidate.import'`,
    );
    expect(audit?.after.created).toBe(3);
  });

  it('matches an existing job by title and company regardless of case', async () => {
    const jobs = await countOf('jobs');
    const result = await asOwner().commit({ orgSlug: org.slug, csv: 'name,email,job_title,client_company\nPat,pat@example.com,fixture engineer,FIXTURE CO\n', confirm: true });
    expect(result).toMatchObject({ created: 1, jobsCreated: 0, applicationsCreated: 1 });
    expect(await countOf('jobs')).toBe(jobs);
    const [app] = await queryRows<{ job_id: string }>(getDb(), sql`select a.job_id from applications a join candidates c on c.id = a.candidate_id where c.email = 'pat@example.com' and a.org_id = ${org.orgId}`);
    expect(app?.job_id).toBe(org.jobId);
  });

  it('skips a candidate whose email is already in the agency, whatever its case, and never adds a second one', async () => {
    const email = await fixtureCandidateEmail();
    const [before] = await candidatesByEmail(email);
    const result = await asOwner().commit({ orgSlug: org.slug, csv: `name,email,phone\nSomeone Else,${email.toUpperCase()},123\nNew One,new@example.com,\n`, confirm: true });
    expect(result).toMatchObject({ created: 1, updated: 0, skipped: [{ row: 2, reason: 'a candidate with this email is already in the agency; skipped' }] });
    expect(await candidatesByEmail(email)).toEqual([before]);
  });

  it('updates a candidate whose email is already in the agency when asked, keeping what empty cells leave out', async () => {
    const email = await fixtureCandidateEmail();
    const csv = `name,email,phone,source,job_title,client_company,interview_start,interview_end,interview_kind\nRenamed Person,${email.toUpperCase()},+1 555 0100,,Fixture Engineer,Fixture Co,2026-05-01 10:00,2026-05-01 11:00,phone\n`;
    const preview = await asOwner().preview({ orgSlug: org.slug, csv, duplicateMode: 'update' });
    expect(preview.rows[0]).toMatchObject({ status: 'duplicate-existing', action: 'update' });

    const result = await asOwner().commit({ orgSlug: org.slug, csv, duplicateMode: 'update', confirm: true });
    expect(result).toEqual({ created: 0, updated: 1, skipped: [], jobsCreated: 0, applicationsCreated: 0, interviewsCreated: 1 });
    const rows = await candidatesByEmail(email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: org.candidateId, name: 'Renamed Person', phone: '+1 555 0100', team_id: org.teamId, owner_user_id: org.recruiterId });

    // The same file again changes nothing more: the interview is already there.
    const again = await asOwner().commit({ orgSlug: org.slug, csv, duplicateMode: 'update', confirm: true });
    expect(again).toMatchObject({ updated: 1, interviewsCreated: 0, applicationsCreated: 0 });
    expect(await candidatesByEmail(email)).toHaveLength(1);
  });

  it('imports the first of two rows with the same email and reports the second', async () => {
    const result = await asOwner().commit({ orgSlug: org.slug, csv: 'name,email\nFirst,twin@example.com\nSecond,Twin@Example.com\n', confirm: true });
    expect(result).toMatchObject({ created: 1, skipped: [{ row: 3, reason: 'same email as row 2; only the first row with an email is imported' }] });
    expect(await candidatesByEmail('twin@example.com')).toMatchObject([{ name: 'First' }]);
  });

  it('skips rows with errors, reports them by row number, and writes the rest', async () => {
    const csv = [
      'name,email,team,owner',
      'Good One,good1@example.com,Fixture team,',
      'Bad Email,nope,,',
      'No Team,noteam@example.com,Nowhere,',
      'Stranger Owner,stranger@example.com,,someone@else.example',
      'Wrong Cells,wrong@example.com',
      'Good Two,good2@example.com,,',
    ].join('\n');
    const result = await asOwner().commit({ orgSlug: org.slug, csv, confirm: true });
    expect(result.created).toBe(2);
    expect(result.skipped).toEqual([
      { row: 3, reason: 'email: must be a valid email address' },
      { row: 4, reason: 'team: there is no team named "Nowhere" in this agency' },
      { row: 5, reason: 'owner: someone@else.example is not a member of this agency' },
      { row: 6, reason: 'This row has 2 cells but the header has 4 columns. A cell that contains a comma must be in double quotes.' },
    ]);
    expect(await candidatesByEmail('good1@example.com')).toHaveLength(1);
    expect(await candidatesByEmail('good2@example.com')).toHaveLength(1);
    expect(await candidatesByEmail('noteam@example.com')).toHaveLength(0);
  });

  it('assigns the owner named by email', async () => {
    const recruiterEmail = (await queryRows<{ email: string }>(getDb(), sql`select email from users where id = ${org.recruiterId}`))[0]!.email;
    await asOwner().commit({ orgSlug: org.slug, csv: `name,email,owner\nOwned,owned@example.com,${recruiterEmail.toUpperCase()}\n`, confirm: true });
    expect(await candidatesByEmail('owned@example.com')).toMatchObject([{ owner_user_id: org.recruiterId }]);
  });

  it('writes nothing when the file itself is wrong, and requires confirmation', async () => {
    const before = await snapshotTenant(org.orgId);
    await expect(asOwner().commit({ orgSlug: org.slug, csv: '', confirm: true })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^The file is empty/) });
    await expect(asOwner().commit({ orgSlug: org.slug, csv: 'name,email\n"Ada,ada@example.com\n', confirm: true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(asOwner().commit({ orgSlug: org.slug, csv: sampleCsv, confirm: false as unknown as true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await snapshotTenant(org.orgId)).toBe(before);
  });

  it('refuses members of another agency and changes nothing there', async () => {
    const attacker = await createTenant('Attacker');
    const before = await snapshotTenant(org.orgId);
    const csv = 'name,email,team\nInjected,injected@example.com,Fixture team\n';
    for (const userId of [attacker.ownerId, attacker.recruiterId]) {
      await expect(callerFor(userId).import.preview({ orgSlug: org.slug, csv })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(callerFor(userId).import.commit({ orgSlug: org.slug, csv, confirm: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await snapshotTenant(org.orgId)).toBe(before);
  });

  it('refuses a viewer', async () => {
    const viewer = await createUser();
    await addMember(org.orgId, viewer.id, 'viewer');
    const before = await snapshotTenant(org.orgId);
    await expect(callerFor(viewer.id).import.preview({ orgSlug: org.slug, csv: sampleCsv })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(viewer.id).import.commit({ orgSlug: org.slug, csv: sampleCsv, confirm: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshotTenant(org.orgId)).toBe(before);
  });

  it('lets a recruiter import into their own teams only', async () => {
    await addTeam('Other team');
    const csv = [
      'name,email,team,job_title,client_company',
      'Mine,mine@example.com,fixture TEAM,Fixture Engineer,Fixture Co',
      'Theirs,theirs@example.com,Other team,,',
      'Other Job,otherjob@example.com,Other team,Fixture Engineer,Fixture Co',
    ].join('\n');
    const preview = await asRecruiter().preview({ orgSlug: org.slug, csv });
    expect(preview.rows.map((r) => [r.row, r.status, r.issues])).toEqual([
      [2, 'new', []],
      [3, 'error', [{ field: 'team', message: 'you can only add candidates to your own teams' }]],
      [4, 'error', [{ field: 'team', message: 'you can only add candidates to your own teams' }]],
    ]);
    const result = await asRecruiter().commit({ orgSlug: org.slug, csv, confirm: true });
    expect(result).toMatchObject({ created: 1, jobsCreated: 0, applicationsCreated: 1 });
    expect(result.skipped.map((s) => s.row)).toEqual([3, 4]);
    expect(await candidatesByEmail('mine@example.com')).toMatchObject([{ team_id: org.teamId, owner_user_id: org.recruiterId }]);
    expect(await candidatesByEmail('theirs@example.com')).toHaveLength(0);
  });

  it("does not let a recruiter update a candidate of a team they are not in, nor use its team's jobs", async () => {
    const otherTeam = await addTeam('Other team');
    await withTenant(org.orgId, (tx) =>
      tx.execute(sql`insert into candidates (org_id, name, email, team_id, owner_user_id) values (${org.orgId}, 'Hidden', 'hidden@example.com', ${otherTeam}, ${org.ownerId})`),
    );
    await withTenant(org.orgId, (tx) => tx.execute(sql`insert into jobs (org_id, team_id, client_company, title) values (${org.orgId}, ${otherTeam}, 'Secret Co', 'Secret Role')`));
    const csv = 'name,email,team,job_title,client_company\nHidden Renamed,hidden@example.com,,,\nNo Team Job,nj@example.com,,Secret Role,Secret Co\n';
    const result = await asRecruiter().commit({ orgSlug: org.slug, csv, duplicateMode: 'update', confirm: true });
    expect(result).toMatchObject({ created: 0, updated: 0 });
    expect(result.skipped).toEqual([
      { row: 2, reason: 'a candidate with this email is already in the agency, in a team you are not in; skipped' },
      { row: 3, reason: 'job_title: there is no job "Secret Role" at Secret Co you can see; add a team column so it can be created there' },
    ]);
    expect(await candidatesByEmail('hidden@example.com')).toMatchObject([{ name: 'Hidden' }]);
  });

  it('round trip: what is imported is listed', async () => {
    await asRecruiter().commit({ orgSlug: org.slug, csv: sampleCsv, confirm: true });
    const list = await callerFor(org.recruiterId).candidate.list({ orgSlug: org.slug, query: 'example.com' });
    expect(list.items.map((c) => [c.name, c.email, c.teamName])).toEqual([
      ['Ada Lovelace', 'ada@example.com', 'Fixture team'],
      ['Alan Turing', 'alan@example.com', null],
      ['Hopper, Grace', 'grace@example.com', 'Fixture team'],
    ]);
  });

  it('imports a semicolon file as detected, and one with the separator chosen', async () => {
    const csv = 'name;email;tags\nSemi Colon;semi@example.com;"a;b"\n';
    expect(await asOwner().commit({ orgSlug: org.slug, csv, confirm: true })).toMatchObject({ created: 1 });
    expect(await candidatesByEmail('semi@example.com')).toMatchObject([{ tags: ['a', 'b'] }]);
    expect(await asOwner().commit({ orgSlug: org.slug, csv: 'name\temail\nTab Bed\ttab@example.com\n', delimiter: '\t', confirm: true })).toMatchObject({ created: 1 });
  });

  it('imports the largest file allowed in one transaction', async () => {
    const header = 'name,email,team,job_title,client_company,interview_start,interview_end,interview_kind';
    const rows = Array.from({ length: 5_000 }, (_, i) => `Bulk ${i},bulk${i}@example.com,Fixture team,Role ${i % 20},Bulk Co,2026-06-01 10:00,2026-06-01 11:00,video`);
    const csv = [header, ...rows].join('\n');
    const preview = await asOwner().preview({ orgSlug: org.slug, csv });
    expect(preview).toMatchObject({ counts: { rows: 5_000, toCreate: 5_000, newJobs: 20 }, rowsNotShown: 4_800 });
    expect(preview.rows).toHaveLength(200);
    const result = await asOwner().commit({ orgSlug: org.slug, csv, confirm: true });
    expect(result).toMatchObject({ created: 5_000, jobsCreated: 20, applicationsCreated: 5_000, interviewsCreated: 5_000, skipped: [] });
  }, 120_000);
});
