import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateCsv } from '@/app/(app)/[org]/candidates/import/template-csv';
import { MAX_IMPORT_ROWS } from '@/server/services/import/import-format';
import { columnLetter, normalizeHeader, parseCandidateCsv, parseImportDateTime, type ParsedCandidateCsv } from '@/server/services/import/parse-candidate-csv';

/** Decodes like the browser's File.text(): always UTF-8, bad bytes become U+FFFD. */
function sample(name: string): string {
  return new TextDecoder('utf-8').decode(readFileSync(path.join(import.meta.dirname, '../support/csv', name)));
}

function ok(result: ParsedCandidateCsv) {
  if (!result.ok) throw new Error(`expected a parsed file, got: ${result.error.message}`);
  return result;
}

function fileError(result: ParsedCandidateCsv) {
  if (result.ok) throw new Error('expected a file error');
  return result.error;
}

describe('parseCandidateCsv: the file', () => {
  it('reads the sample file with every column, lists and quoted commas', () => {
    const result = ok(parseCandidateCsv(sample('candidates.csv')));
    expect(result.delimiter).toBe(',');
    expect(result.delimiterDetected).toBe(true);
    expect(result.columns.map((c) => c.field)).toEqual([
      'name', 'email', 'phone', 'tags', 'source', 'team', 'owner', 'job_title', 'client_company', 'stage', 'interview_start', 'interview_end', 'interview_kind', 'interviewers',
    ]);
    const [ada, grace, alan] = result.rows;
    expect(ada).toMatchObject({
      row: 2,
      issues: [],
      candidate: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000', tags: ['python', 'ml'], source: 'Referral' },
      team: 'Fixture team',
      job: { title: 'Data Engineer', clientCompany: 'Analytical Engines Ltd', stage: null },
      interview: {
        startsAt: new Date('2026-03-14T09:30:00Z'),
        endsAt: new Date('2026-03-14T10:30:00Z'),
        kind: 'video',
        interviewers: [{ name: 'Pat Lee', email: 'pat@example.com' }, { name: 'Sam Roe' }],
      },
    });
    expect(grace).toMatchObject({ row: 3, candidate: { name: 'Hopper, Grace', tags: ['cobol', 'navy'] }, job: { stage: 'screening' }, interview: null });
    expect(alan).toMatchObject({ row: 4, issues: [], job: null, interview: null, team: null, owner: null });
  });

  it('detects semicolons and tabs, and says it detected them', () => {
    const semi = ok(parseCandidateCsv(sample('candidates-semicolon.csv')));
    expect(semi).toMatchObject({ delimiter: ';', delimiterDetected: true });
    expect(semi.rows.map((r) => r.candidate?.name)).toEqual(['Ada Lovelace', 'Smith; Jr']);
    const tab = ok(parseCandidateCsv(sample('candidates-tab.csv')));
    expect(tab).toMatchObject({ delimiter: '\t', delimiterDetected: true });
    expect(tab.rows.map((r) => r.candidate?.email)).toEqual(['ada@example.com', 'bob@example.com']);
  });

  it('says which separator a file uses when another one was chosen', () => {
    expect(fileError(parseCandidateCsv(sample('candidates-semicolon.csv'), { delimiter: ',' }))).toEqual({
      code: 'wrong-delimiter',
      message: 'This file seems to use semicolons (;) between columns, not commas (,). Choose "Semicolon" as the separator (or "Detect automatically"), or save the file as comma-separated (CSV).',
    });
    expect(fileError(parseCandidateCsv(sample('candidates-tab.csv'), { delimiter: ';' })).message).toMatch(/^This file seems to use tabs between columns, not semicolons \(;\)/);
    expect(fileError(parseCandidateCsv('name|email\nAda|ada@example.com\n')).code).toBe('wrong-delimiter');
  });

  it('honours a separator that was chosen and fits', () => {
    expect(ok(parseCandidateCsv('name;email\nAda;ada@example.com\n', { delimiter: ';' }))).toMatchObject({ delimiter: ';', delimiterDetected: false });
  });

  it("honours Excel's sep= line, which Excel itself hides, so rows are numbered without it", () => {
    const result = ok(parseCandidateCsv('sep=;\nname;email\nAda;ada@example.com\n'));
    expect(result).toMatchObject({ delimiter: ';', rows: [{ row: 2, candidate: { email: 'ada@example.com' } }] });
  });

  it('accepts a UTF-8 byte order mark and matches headers regardless of case and spaces', () => {
    const result = ok(parseCandidateCsv(sample('candidates-bom.csv')));
    expect(result.columns).toEqual([
      { letter: 'A', header: 'Name', field: 'name' },
      { letter: 'B', header: 'E-mail', field: 'email' },
    ]);
    expect(result.rows[0]?.candidate).toEqual({ name: 'Zoë Faure', email: 'zoe@example.com' });
    expect(normalizeHeader('  Job Title ')).toBe('job_title');
    expect(normalizeHeader('Interview start (UTC)')).toBe('interview_start');
    expect(normalizeHeader('CLIENT-COMPANY')).toBe('client_company');
  });

  it('refuses text that is not UTF-8, saying how to export it', () => {
    for (const name of ['candidates-latin1.csv', 'candidates-utf16.csv']) {
      const error = fileError(parseCandidateCsv(sample(name)));
      expect(error.code).toBe('bad-encoding');
      expect(error.message).toMatch(/^This file is not UTF-8 text \(line \d+ has characters that cannot be read\)\. Export it from your spreadsheet as 'CSV UTF-8'\.$/);
    }
    expect(fileError(parseCandidateCsv('name,email\nA\u0000da,ada@example.com')).message).toContain('line 2');
  });

  it('refuses an empty file', () => {
    for (const text of ['', '\uFEFF', '  \n\r\n ', ',,,\n,,\n']) expect(fileError(parseCandidateCsv(text)).code).toBe('empty');
  });

  it('names the missing required columns and lists the ones it found', () => {
    expect(fileError(parseCandidateCsv('Full name,Phone\nAda,123\n'))).toEqual({
      code: 'missing-columns',
      message: 'The file is missing the required column email. Found 2 columns: "Full name", "Phone".',
    });
    expect(fileError(parseCandidateCsv('first,last\nAda,Lovelace\n')).message).toBe(
      'The file is missing the required columns name and email. Found 2 columns: "first", "last".',
    );
  });

  it('recognises a file that starts with data instead of a header', () => {
    expect(fileError(parseCandidateCsv('Ada Lovelace,ada@example.com\nGrace Hopper,grace@example.com\n'))).toEqual({
      code: 'no-header',
      message: 'The first row must be a header that names the columns (for example: name,email). This file starts with a candidate instead: "Ada Lovelace", "ada@example.com".',
    });
  });

  it('refuses a header without rows, and a column given twice', () => {
    expect(fileError(parseCandidateCsv('name,email\n\n'))).toEqual({ code: 'no-rows', message: 'The file has a header row but no candidates below it.' });
    expect(fileError(parseCandidateCsv('name,email,Email\nA,a@example.com,b@example.com\n'))).toEqual({
      code: 'duplicate-column',
      message: 'The column email appears twice (columns B and C). Keep one of them.',
    });
  });

  it('refuses more rows than one import takes', () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `C${i},c${i}@example.com`).join('\n');
    expect(fileError(parseCandidateCsv(`name,email\n${rows}`))).toEqual({
      code: 'too-many-rows',
      message: 'The file has 5,001 rows; import at most 5,000 at a time. Split it into smaller files.',
    });
    const limit = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `C${i},c${i}@example.com`).join('\n');
    expect(ok(parseCandidateCsv(`name,email\n${limit}`)).rows).toHaveLength(MAX_IMPORT_ROWS);
  });

  it('refuses a file over 2 MB by its size in bytes', () => {
    const big = `name,email\n${'é'.repeat(1_100_000)},a@example.com`;
    expect(fileError(parseCandidateCsv(big))).toMatchObject({ code: 'too-large', message: expect.stringMatching(/^The file is 2\.1 MB; the limit is 2 MB\./) });
  });

  it('keeps quoted commas, quotes and line breaks inside one cell, and counts rows like a spreadsheet', () => {
    const result = ok(parseCandidateCsv('name,email,source\n"Lee, Pat",pat@example.com,"said ""hi""\nthen left"\n\nSam,sam@example.com,\n'));
    expect(result.rows).toMatchObject([
      { row: 2, candidate: { name: 'Lee, Pat', source: 'said "hi"\nthen left' } },
      { row: 4, candidate: { name: 'Sam', email: 'sam@example.com' } },
    ]);
  });

  it('stops at a quote that is never closed, naming the row', () => {
    expect(fileError(parseCandidateCsv('name,email\nAda,ada@example.com\n"Grace,grace@example.com\nAlan,alan@example.com\n'))).toMatchObject({
      code: 'bad-quotes',
      message: expect.stringMatching(/^Row 3 has a quote \(".*never closed/),
    });
  });
});

describe('parseCandidateCsv: rows', () => {
  it('reports a row with more or fewer cells than the header, and keeps the others', () => {
    const result = ok(parseCandidateCsv('name,email,phone\nAda,ada@example.com,1,2\nGrace,grace@example.com\nAlan,alan@example.com,\nJo,jo@example.com,,\n'));
    expect(result.rows.map((r) => [r.row, r.issues.map((i) => i.message)])).toEqual([
      [2, ['This row has 4 cells but the header has 3 columns. A cell that contains a comma must be in double quotes.']],
      [3, ['This row has 2 cells but the header has 3 columns. A cell that contains a comma must be in double quotes.']],
      [4, []],
      [5, []],
    ]);
    expect(result.rows[0]).toMatchObject({ name: 'Ada', email: 'ada@example.com', candidate: null });
  });

  it('checks cells with the rules and words of the candidate form', () => {
    const result = ok(
      parseCandidateCsv(
        [
          'name,email,phone,tags,owner',
          ',not-an-email,,,',
          'Ada,,call me,,',
          `${'x'.repeat(121)},x@example.com,,${'t'.repeat(41)},boss`,
        ].join('\n'),
      ),
    );
    expect(result.rows.map((r) => r.issues)).toEqual([
      [
        { field: 'name', message: 'is required' },
        { field: 'email', message: 'must be a valid email address' },
      ],
      [
        { field: 'email', message: 'is required' },
        { field: 'phone', message: 'may contain only digits, spaces and + ( ) . -' },
      ],
      [
        { field: 'name', message: 'must be at most 120 characters' },
        { field: 'tags', message: 'each tag must be at most 40 characters' },
        { field: 'owner', message: 'must be the email address of a member of the agency' },
      ],
    ]);
    expect(result.rows.every((r) => r.candidate === null)).toBe(true);
  });

  it('lower-cases emails and tags and drops repeated tags', () => {
    const [row] = ok(parseCandidateCsv('name,email,tags\nAda,ADA@Example.COM,Python; python | ML\n')).rows;
    expect(row?.candidate).toEqual({ name: 'Ada', email: 'ada@example.com', tags: ['python', 'ml'] });
  });

  it('checks the job and interview columns together', () => {
    const header = 'name,email,job_title,client_company,stage,interview_start,interview_end,interview_kind,interviewers';
    const rows = [
      'A,a@example.com,Engineer,,,,,,',
      'B,b@example.com,,,offer,,,,',
      'C,c@example.com,,,,2026-01-01 10:00,2026-01-01 11:00,video,',
      'D,d@example.com,Engineer,Acme,hired?,2026-01-01 10:00,2026-01-01 09:00,zoom,Pat <nope>',
      'E,e@example.com,Engineer,Acme,,01/02/2026 10:00,,phone,',
      'F,f@example.com,Engineer,Acme,,2026-01-01T10:00:00+02:00,2026-01-01T09:30Z,Onsite,pat@example.com|Sam',
    ];
    const result = ok(parseCandidateCsv([header, ...rows].join('\n')));
    expect(result.rows.map((r) => r.issues)).toEqual([
      [{ field: 'client_company', message: 'is required when job_title is given' }],
      [{ field: 'stage', message: 'needs job_title and client_company' }],
      [{ field: 'interview_start', message: 'an interview needs job_title and client_company' }],
      [
        { field: 'stage', message: 'must be one of applied, screening, interview, offer, hired, rejected, withdrawn' },
        { field: 'interview_end', message: 'must be after interview_start' },
        { field: 'interview_kind', message: 'must be one of phone, video, onsite' },
        { field: 'interviewers', message: '"Pat <nope>": the email address is not valid' },
      ],
      [
        { field: 'interview_start', message: 'must be a date and time such as 2026-03-14 09:30 (read as UTC) or 2026-03-14T09:30:00+01:00' },
        { field: 'interview_end', message: 'is required for an interview' },
      ],
      [],
    ]);
    expect(result.rows[5]?.interview).toEqual({
      startsAt: new Date('2026-01-01T08:00:00Z'),
      endsAt: new Date('2026-01-01T09:30:00Z'),
      kind: 'onsite',
      interviewers: [{ name: 'pat@example.com', email: 'pat@example.com' }, { name: 'Sam' }],
    });
  });
});

describe('parseImportDateTime', () => {
  it.each([
    ['2026-03-14 09:30', '2026-03-14T09:30:00.000Z'],
    ['2026-03-14T09:30:15', '2026-03-14T09:30:15.000Z'],
    ['2026-03-14T09:30:15.25Z', '2026-03-14T09:30:15.250Z'],
    ['2026-03-14T09:30-05:00', '2026-03-14T14:30:00.000Z'],
    ['2026-03-14 09:30 +0130', '2026-03-14T08:00:00.000Z'],
  ])('reads %j as %s', (text, iso) => expect(parseImportDateTime(text)?.toISOString()).toBe(iso));

  it.each(['2026-03-14', '2026-02-30 10:00', '2026-13-01 10:00', '2026-03-14 24:00', '14/03/2026 09:30', 'tomorrow'])('refuses %j', (text) =>
    expect(parseImportDateTime(text)).toBeNull(),
  );
});

describe('columnLetter', () => {
  it('names columns like a spreadsheet', () => expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']));
});

describe('the downloadable template', () => {
  it.each([['Sales, EMEA'], [null]])('parses without errors (team %j)', (team) => {
    const result = ok(parseCandidateCsv(templateCsv(team)));
    expect(result.columns.every((c) => c.field !== null)).toBe(true);
    expect(result.rows.map((r) => r.issues)).toEqual([[], []]);
    expect(result.rows[0]?.team).toBe(team);
    expect(Boolean(result.rows[0]?.interview)).toBe(team !== null);
  });
});
