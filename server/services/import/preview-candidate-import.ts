import type { ServiceContext } from '@/server/services/types';
import { analyzeCandidateImport, type RowPlan } from './analyze-candidate-import';
import { PREVIEW_ROW_LIMIT } from './import-format';
import type { PreviewCandidateImportInput } from './import-input';

export type PreviewRow = Omit<RowPlan, 'write'>;

/**
 * What an import of this file would do, row by row, without writing anything. Every row that is
 * not a plain new candidate is listed, plus the first PREVIEW_ROW_LIMIT rows, so a 5,000-row file
 * does not send 5,000 rows back.
 */
export async function previewCandidateImport(ctx: ServiceContext, input: PreviewCandidateImportInput) {
  const analysis = await analyzeCandidateImport(ctx, input);
  const count = (predicate: (r: RowPlan) => boolean) => analysis.rows.filter(predicate).length;
  const shown = analysis.rows.filter((r, index) => index < PREVIEW_ROW_LIMIT || r.status !== 'new');
  return {
    delimiter: analysis.delimiter,
    delimiterDetected: analysis.delimiterDetected,
    duplicateMode: input.duplicateMode,
    columns: analysis.columns,
    counts: {
      rows: analysis.rows.length,
      new: count((r) => r.status === 'new'),
      duplicateExisting: count((r) => r.status === 'duplicate-existing'),
      duplicateInFile: count((r) => r.status === 'duplicate-in-file'),
      errors: count((r) => r.status === 'error'),
      toCreate: count((r) => r.action === 'create'),
      toUpdate: count((r) => r.action === 'update'),
      toSkip: count((r) => r.action === 'skip'),
      newJobs: analysis.newJobs.length,
    },
    rows: shown.map(({ write: _write, ...row }): PreviewRow => row),
    rowsNotShown: analysis.rows.length - shown.length,
  };
}
