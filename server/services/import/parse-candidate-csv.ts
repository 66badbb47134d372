import Papa from 'papaparse';
import { z } from 'zod';
import { INTERVIEW_KINDS, STAGES, type Interviewer, type Stage } from '@/db/schema';
import { ZCandidateFields } from '@/server/services/candidates/candidate-input';
import { ZJobFields } from '@/server/services/jobs/job-input';
import {
  DELIMITER_NAMES,
  IMPORT_DELIMITERS,
  IMPORT_FIELD_ALIASES,
  IMPORT_FIELDS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  REQUIRED_IMPORT_FIELDS,
  type ImportDelimiter,
  type ImportField,
  type ImportRowIssue,
} from './import-format';

export type InterviewKind = (typeof INTERVIEW_KINDS)[number];

export interface ImportColumn {
  /** Spreadsheet letter (A, B, …), which is how people find a column in their file. */
  letter: string;
  header: string;
  field: ImportField | null;
}

export interface CsvCandidate {
  name: string;
  email: string;
  phone?: string;
  tags?: string[];
  source?: string;
}

export interface CsvJob {
  title: string;
  clientCompany: string;
  /** Only when the file says so; the importer picks a default from whether there is an interview. */
  stage: Stage | null;
}

export interface CsvInterview {
  startsAt: Date;
  endsAt: Date;
  kind: InterviewKind;
  interviewers: Interviewer[];
}

export interface CsvCandidateRow {
  /** As a spreadsheet numbers it: the header is row 1 (or wherever it is), blank rows count. */
  row: number;
  /** The cells as written, so a row in error can still be recognised in the preview. */
  name: string;
  email: string;
  candidate: CsvCandidate | null;
  team: string | null;
  /** Lower-cased email of the member who should own the candidate. */
  owner: string | null;
  job: CsvJob | null;
  interview: CsvInterview | null;
  issues: ImportRowIssue[];
}

export type CsvFileErrorCode =
  | 'too-large'
  | 'bad-encoding'
  | 'empty'
  | 'bad-quotes'
  | 'wrong-delimiter'
  | 'no-header'
  | 'missing-columns'
  | 'duplicate-column'
  | 'no-rows'
  | 'too-many-rows';

export type ParsedCandidateCsv =
  | { ok: true; delimiter: ImportDelimiter; delimiterDetected: boolean; columns: ImportColumn[]; rows: CsvCandidateRow[] }
  | { ok: false; error: { code: CsvFileErrorCode; message: string } };

const fail = (code: CsvFileErrorCode, message: string): ParsedCandidateCsv => ({ ok: false, error: { code, message } });
const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

const FIELD_BY_HEADER = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => [field, ...IMPORT_FIELD_ALIASES[field]].map((name) => [name, field] as const)),
);

/** "Job Title", "job-title" and " JOB_TITLE " all name job_title; a note in brackets is ignored. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');
const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());

function readRecords(text: string, delimiter: ImportDelimiter, preview?: number) {
  return Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, preview });
}

function firstNonBlank(records: string[][]): { index: number; cells: string[] } | null {
  const index = records.findIndex((r) => !isBlank(r));
  return index === -1 ? null : { index, cells: records[index]! };
}

function headerScore(cells: string[]) {
  const fields = new Set(cells.map((c) => FIELD_BY_HEADER.get(normalizeHeader(c))).filter(Boolean));
  return { hasRequired: REQUIRED_IMPORT_FIELDS.every((f) => fields.has(f)), recognised: fields.size, cells: cells.length };
}

/** How each delimiter splits the header; read from the first few records only. */
function headerUnder(text: string, delimiter: ImportDelimiter) {
  const header = firstNonBlank(readRecords(text, delimiter, 20).data);
  return { delimiter, ...headerScore(header?.cells ?? []) };
}

function chooseDelimiter(text: string, requested: ImportDelimiter | undefined): { delimiter: ImportDelimiter; detected: boolean } | { error: string } {
  const scores = IMPORT_DELIMITERS.map((d) => headerUnder(text, d));
  if (requested) {
    const mine = scores.find((s) => s.delimiter === requested)!;
    const better = scores.find((s) => s.delimiter !== requested && s.hasRequired);
    if (!mine.hasRequired && better) {
      const used = DELIMITER_NAMES[better.delimiter];
      return {
        error: `This file seems to use ${used.plural} between columns, not ${DELIMITER_NAMES[requested].plural}. Choose "${used.choice}" as the separator (or "Detect automatically"), or save the file as comma-separated (CSV).`,
      };
    }
    return { delimiter: requested, detected: false };
  }
  const best = [...scores].sort((a, b) => Number(b.hasRequired) - Number(a.hasRequired) || b.recognised - a.recognised || b.cells - a.cells)[0]!;
  return { delimiter: best.cells > 1 || best.recognised > 0 ? best.delimiter : ',', detected: true };
}

function quoteError(code: string, row: number): string {
  const rule = 'A quoted cell must start and end with a double quote ("), and a quote inside it is written twice ("").';
  return code === 'MissingQuotes'
    ? `Row ${row} has a quote (") that is never closed, so the rest of the file cannot be read. ${rule}`
    : `Row ${row} has a misplaced quote ("). ${rule}`;
}

/**
 * Reads a candidate CSV and checks every cell, without touching the database. File-level problems
 * (encoding, separator, header, size) stop the whole file with one message; cell problems are
 * listed per row, so the rest of the file can still be imported.
 */
export function parseCandidateCsv(input: string, options: { delimiter?: ImportDelimiter } = {}): ParsedCandidateCsv {
  const bytes = new TextEncoder().encode(input).byteLength;
  if (bytes > MAX_IMPORT_BYTES) {
    return fail('too-large', `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is 2 MB. Split it into smaller files of at most ${count(MAX_IMPORT_ROWS)} rows.`);
  }
  let text = input.replace(/^\uFEFF/, '');

  // The browser decodes the file as UTF-8: bytes of another encoding come out as U+FFFD, and
  // UTF-16 comes out with NULs between the letters.
  const unreadable = text.search(/[\uFFFD\u0000]/);
  if (unreadable !== -1) {
    const line = text.slice(0, unreadable).split('\n').length;
    return fail('bad-encoding', `This file is not UTF-8 text (line ${line} has characters that cannot be read). Export it from your spreadsheet as 'CSV UTF-8'.`);
  }
  if (text.trim() === '') return fail('empty', 'The file is empty. Choose a CSV file with a header row and one candidate per row.');

  // Excel writes "sep=;" as a first line when it saves with a separator other than the default.
  let requested = options.delimiter;
  const sepLine = /^sep=(.)\r?\n/i.exec(text);
  if (sepLine) {
    text = text.slice(sepLine[0].length);
    const declared = IMPORT_DELIMITERS.find((d) => d === sepLine[1]);
    requested ??= declared;
  }

  const choice = chooseDelimiter(text, requested);
  if ('error' in choice) return fail('wrong-delimiter', choice.error);
  const { delimiter } = choice;

  const parsed = readRecords(text, delimiter);
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) return fail('bad-quotes', quoteError(quote.code, (quote.row ?? 0) + 1));

  const records = parsed.data;
  const header = firstNonBlank(records);
  if (!header) return fail('empty', 'The file is empty. Choose a CSV file with a header row and one candidate per row.');

  const columns: ImportColumn[] = header.cells.map((cell, index) => ({
    letter: columnLetter(index),
    header: cell.trim(),
    field: FIELD_BY_HEADER.get(normalizeHeader(cell)) ?? null,
  }));
  const columnOf = new Map<ImportField, number>();
  for (const [index, column] of columns.entries()) {
    if (!column.field) continue;
    const first = columnOf.get(column.field);
    if (first !== undefined) {
      return fail('duplicate-column', `The column ${column.field} appears twice (columns ${columnLetter(first)} and ${column.letter}). Keep one of them.`);
    }
    columnOf.set(column.field, index);
  }

  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => !columnOf.has(f));
  if (missing.length > 0) {
    const found = columns.filter((c) => c.header !== '').map((c) => `"${c.header}"`);
    if (columnOf.size === 0 && header.cells.some(looksLikeEmail)) {
      return fail('no-header', `The first row must be a header that names the columns (for example: name,email). This file starts with a candidate instead: ${found.join(', ')}.`);
    }
    const single = header.cells.length === 1 ? header.cells[0]! : '';
    if (single.includes('|')) {
      return fail('wrong-delimiter', 'This file seems to use vertical bars (|) between columns. Save it as comma-separated (CSV), or with semicolons or tabs.');
    }
    return fail(
      'missing-columns',
      `The file is missing the required column${missing.length === 1 ? '' : 's'} ${missing.join(' and ')}. Found ${plural(found.length, 'column')}: ${found.join(', ')}.`,
    );
  }

  const body = records.map((cells, index) => ({ cells, row: index + 1 })).slice(header.index + 1).filter((r) => !isBlank(r.cells));
  if (body.length === 0) return fail('no-rows', 'The file has a header row but no candidates below it.');
  if (body.length > MAX_IMPORT_ROWS) {
    return fail('too-many-rows', `The file has ${count(body.length)} rows; import at most ${count(MAX_IMPORT_ROWS)} at a time. Split it into smaller files.`);
  }

  const rows = body.map(({ cells, row }) => {
    const cell = (field: ImportField) => {
      const index = columnOf.get(field);
      return index === undefined ? '' : (cells[index] ?? '').trim();
    };
    const extra = cells.slice(columns.length);
    if (cells.length < columns.length || extra.some((c) => c.trim() !== '')) {
      const issue: ImportRowIssue = {
        field: null,
        message: `This row has ${plural(cells.length, 'cell')} but the header has ${plural(columns.length, 'column')}. A cell that contains a ${DELIMITER_NAMES[delimiter].singular} must be in double quotes.`,
      };
      return emptyRow(row, cell('name'), cell('email'), [issue]);
    }
    return validateRow(row, cell);
  });

  return { ok: true, delimiter, delimiterDetected: choice.detected, columns, rows };
}

function emptyRow(row: number, name: string, email: string, issues: ImportRowIssue[]): CsvCandidateRow {
  return { row, name, email, candidate: null, team: null, owner: null, job: null, interview: null, issues };
}

const ZCsvCandidate = ZCandidateFields.pick({ name: true, email: true, phone: true, tags: true, source: true });
const ZCsvJob = ZJobFields.pick({ title: true, clientCompany: true });
const JOB_FIELD: Record<string, ImportField> = { title: 'job_title', clientCompany: 'client_company' };
const ZMemberEmail = z.email();

/** One issue per column: the first is the one worth fixing. */
function addIssues(issues: ImportRowIssue[], error: z.ZodError, fieldOf: (key: string) => ImportField) {
  for (const issue of error.issues) {
    const field = fieldOf(String(issue.path[0]));
    if (!issues.some((i) => i.field === field)) issues.push({ field, message: issue.message });
  }
}

/** Tags and interviewers are lists inside one cell, separated by ; or | (or line breaks). */
export function splitList(cell: string): string[] {
  return cell
    .split(/[;|\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DATE_TIME_HINT = 'must be a date and time such as 2026-03-14 09:30 (read as UTC) or 2026-03-14T09:30:00+01:00';

/**
 * ISO 8601 with a time, or "YYYY-MM-DD HH:mm". Without an offset it is UTC: `new Date()` would use
 * the server's time zone, which differs between machines.
 */
export function parseImportDateTime(value: string): Date | null {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const part = (i: number) => Number(m[i] ?? '0');
  const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  let offsetMinutes = 0;
  const zone = m[8]?.toUpperCase();
  if (zone && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2) || '0');
    if (hours > 14 || minutes > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000);
}

/** "Pat Lee <pat@example.com>", "pat@example.com" or "Pat Lee". */
function parseInterviewers(cell: string): { interviewers: Interviewer[]; error?: string } {
  const entries = splitList(cell);
  if (entries.length > 10) return { interviewers: [], error: 'at most 10 interviewers' };
  const interviewers: Interviewer[] = [];
  for (const entry of entries) {
    const bracketed = /^(.*?)\s*<\s*([^<>]*?)\s*>$/.exec(entry);
    const [name, email] = bracketed ? [bracketed[1]!.trim(), bracketed[2]!.toLowerCase()] : looksLikeEmail(entry) ? [entry, entry.toLowerCase()] : [entry, undefined];
    if (email !== undefined && !ZMemberEmail.safeParse(email).success) return { interviewers: [], error: `"${entry}": the email address is not valid` };
    if ((name || email || '').length > 120) return { interviewers: [], error: `"${entry.slice(0, 40)}…": a name must be at most 120 characters` };
    interviewers.push(email ? { name: name || email, email } : { name });
  }
  return { interviewers };
}

function validateRow(row: number, cell: (field: ImportField) => string): CsvCandidateRow {
  const issues: ImportRowIssue[] = [];
  const name = cell('name');
  const email = cell('email');

  if (email === '') issues.push({ field: 'email', message: 'is required' });
  const tags = splitList(cell('tags'));
  const candidate = ZCsvCandidate.safeParse({
    name,
    email,
    phone: cell('phone') || undefined,
    tags: tags.length > 0 ? tags : undefined,
    source: cell('source') || undefined,
  });
  if (!candidate.success) addIssues(issues, candidate.error, (key) => key as ImportField);

  const owner = cell('owner').toLowerCase();
  if (owner && !ZMemberEmail.safeParse(owner).success) issues.push({ field: 'owner', message: 'must be the email address of a member of the agency' });

  const title = cell('job_title');
  const company = cell('client_company');
  const hasJob = title !== '' || company !== '';
  let job: CsvJob | null = null;
  if (hasJob) {
    if (title === '') issues.push({ field: 'job_title', message: 'is required when client_company is given' });
    else if (company === '') issues.push({ field: 'client_company', message: 'is required when job_title is given' });
    else {
      const parsed = ZCsvJob.safeParse({ title, clientCompany: company });
      if (parsed.success) job = { title: parsed.data.title, clientCompany: parsed.data.clientCompany, stage: null };
      else addIssues(issues, parsed.error, (key) => JOB_FIELD[key] ?? 'job_title');
    }
  }

  const stageCell = cell('stage').toLowerCase();
  if (stageCell) {
    const stage = STAGES.find((s) => s === stageCell);
    if (!stage) issues.push({ field: 'stage', message: `must be one of ${STAGES.join(', ')}` });
    else if (!hasJob) issues.push({ field: 'stage', message: 'needs job_title and client_company' });
    else if (job) job.stage = stage;
  }

  const interview = validateInterview(cell, hasJob, issues);
  return {
    row,
    name,
    email,
    candidate: issues.length === 0 && candidate.success ? candidate.data : null,
    team: cell('team') || null,
    owner: owner || null,
    job,
    interview,
    issues,
  };
}

function validateInterview(cell: (field: ImportField) => string, hasJob: boolean, issues: ImportRowIssue[]): CsvInterview | null {
  const start = cell('interview_start');
  const end = cell('interview_end');
  const kindCell = cell('interview_kind').toLowerCase();
  const interviewersCell = cell('interviewers');
  if (!start && !end && !kindCell && !interviewersCell) return null;
  const before = issues.length;

  if (!hasJob) issues.push({ field: 'interview_start', message: 'an interview needs job_title and client_company' });
  const startsAt = start ? parseImportDateTime(start) : null;
  const endsAt = end ? parseImportDateTime(end) : null;
  if (!start) issues.push({ field: 'interview_start', message: 'is required for an interview' });
  else if (!startsAt) issues.push({ field: 'interview_start', message: DATE_TIME_HINT });
  if (!end) issues.push({ field: 'interview_end', message: 'is required for an interview' });
  else if (!endsAt) issues.push({ field: 'interview_end', message: DATE_TIME_HINT });
  if (startsAt && endsAt && endsAt <= startsAt) issues.push({ field: 'interview_end', message: 'must be after interview_start' });

  const kind = INTERVIEW_KINDS.find((k) => k === kindCell);
  if (!kindCell) issues.push({ field: 'interview_kind', message: `is required for an interview (${INTERVIEW_KINDS.join(', ')})` });
  else if (!kind) issues.push({ field: 'interview_kind', message: `must be one of ${INTERVIEW_KINDS.join(', ')}` });

  const { interviewers, error } = parseInterviewers(interviewersCell);
  if (error) issues.push({ field: 'interviewers', message: error });

  if (issues.length > before || !startsAt || !endsAt || !kind) return null;
  return { startsAt, endsAt, kind, interviewers };
}
