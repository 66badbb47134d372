import { commitCandidateImport } from '@/server/services/import/commit-candidate-import';
import { ZCommitCandidateImportInput, ZPreviewCandidateImportInput } from '@/server/services/import/import-input';
import { previewCandidateImport } from '@/server/services/import/preview-candidate-import';
import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';

export const importRouter = createTRPCRouter({
  // A mutation although it writes nothing: the file travels in the body, never in a query string.
  preview: permissionProcedure('candidate.import').input(ZPreviewCandidateImportInput).mutation(({ ctx, input }) => previewCandidateImport(ctx, input)),
  commit: permissionProcedure('candidate.import').input(ZCommitCandidateImportInput).mutation(({ ctx, input }) => commitCandidateImport(ctx, input)),
});
