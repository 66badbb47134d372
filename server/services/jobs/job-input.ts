import { z } from 'zod';
import { JOB_STATUSES } from '@/db/schema';
import { refuseControlCharacters } from '@/server/email/headers';

export const ZJobFields = z.object({
  teamId: z.uuid('Choose a team'),
  clientCompany: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  // Job titles appear in email subjects (portal invitations, status updates, new threads).
  title: z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(120, 'must be at most 120 characters')
    .refine(...refuseControlCharacters('job title')),
  status: z.enum(JOB_STATUSES).default('open'),
});
