import { z } from 'zod';
import { DUPLICATE_MODES, IMPORT_DELIMITERS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-format';

export const ZPreviewCandidateImportInput = z.object({
  // Characters, not bytes: a cheap bound before parsing. The parser checks the byte size itself.
  csv: z.string().max(MAX_IMPORT_BYTES, `The file is larger than 2 MB. Split it into smaller files of at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows.`),
  duplicateMode: z.enum(DUPLICATE_MODES, 'must be skip or update').default('skip'),
  /** Omitted: detected from the header row. */
  delimiter: z.enum(IMPORT_DELIMITERS, 'must be a comma, a semicolon or a tab').optional(),
});
export type PreviewCandidateImportInput = z.infer<typeof ZPreviewCandidateImportInput>;

export const ZCommitCandidateImportInput = ZPreviewCandidateImportInput.extend({
  confirm: z.literal(true, 'Confirm the import after checking the preview.'),
});
export type CommitCandidateImportInput = z.infer<typeof ZCommitCandidateImportInput>;
