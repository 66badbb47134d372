// Dependency-free so the import page can show the same limits and columns the server enforces.

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5_000;
/** Rows the preview returns besides every error and duplicate, to keep its answer small. */
export const PREVIEW_ROW_LIMIT = 200;

export const IMPORT_DELIMITERS = [',', ';', '\t'] as const;
export type ImportDelimiter = (typeof IMPORT_DELIMITERS)[number];

export const DELIMITER_NAMES: Record<ImportDelimiter, { singular: string; plural: string; choice: string }> = {
  ',': { singular: 'comma', plural: 'commas (,)', choice: 'Comma' },
  ';': { singular: 'semicolon', plural: 'semicolons (;)', choice: 'Semicolon' },
  '\t': { singular: 'tab', plural: 'tabs', choice: 'Tab' },
};

export const DUPLICATE_MODES = ['skip', 'update'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];

export const IMPORT_FIELDS = [
  'name',
  'email',
  'phone',
  'tags',
  'source',
  'team',
  'owner',
  'job_title',
  'client_company',
  'stage',
  'interview_start',
  'interview_end',
  'interview_kind',
  'interviewers',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const REQUIRED_IMPORT_FIELDS = ['name', 'email'] as const satisfies readonly ImportField[];

/** Other spellings people's spreadsheets use, after normalising case, spaces and hyphens. */
export const IMPORT_FIELD_ALIASES: Record<ImportField, readonly string[]> = {
  name: ['full_name', 'candidate', 'candidate_name'],
  email: ['e_mail', 'email_address'],
  phone: ['phone_number', 'telephone', 'mobile'],
  tags: ['tag'],
  source: [],
  team: ['team_name'],
  owner: ['owner_email'],
  job_title: ['job', 'position'],
  client_company: ['client', 'company'],
  stage: [],
  interview_start: ['interview_starts_at'],
  interview_end: ['interview_ends_at'],
  interview_kind: ['interview_type'],
  interviewers: [],
};

export type ImportRowStatus = 'new' | 'duplicate-existing' | 'duplicate-in-file' | 'error';
export type ImportRowAction = 'create' | 'update' | 'skip';

export interface ImportRowIssue {
  /** The column the problem is in, or null when it concerns the whole row. */
  field: ImportField | null;
  message: string;
}

export function describeIssue(issue: ImportRowIssue): string {
  return issue.field ? `${issue.field}: ${issue.message}` : issue.message;
}
