import { z } from 'zod';

export const TAG_MAX = 20;

export const ZCandidateFields = z.object({
  name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  email: z.string().trim().toLowerCase().max(254, 'is too long').pipe(z.email('must be a valid email address')),
  phone: z
    .string()
    .trim()
    .max(40, 'must be at most 40 characters')
    .regex(/^[+()\d\s.-]*$/, 'may contain only digits, spaces and + ( ) . -')
    .optional()
    .transform((v) => v || undefined),
  ownerUserId: z.uuid('must be a member of the agency').nullable().optional(),
  teamId: z.uuid('must be a team of the agency').nullable().optional(),
  tags: z
    .array(z.string().trim().toLowerCase().min(1).max(40, 'each tag must be at most 40 characters'))
    .max(TAG_MAX, `at most ${TAG_MAX} tags`)
    .optional()
    .transform((tags) => (tags ? [...new Set(tags)] : undefined)),
  source: z.string().trim().max(80, 'must be at most 80 characters').optional().transform((v) => v || undefined),
});
export type CandidateFields = z.infer<typeof ZCandidateFields>;
