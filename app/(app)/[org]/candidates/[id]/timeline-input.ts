/** The timeline's page size; the server page prefetches with the same input the client queries. */
export const TIMELINE_PAGE_SIZE = 30;

export function timelineInput(orgSlug: string, candidateId: string) {
  return { orgSlug, candidateId, limit: TIMELINE_PAGE_SIZE };
}
