import { z } from 'zod';
import { JOB_STATUSES } from '@/db/schema';

export const ZJobFields = z.object({
  teamId: z.uuid('Choose a team'),
  clientCompany: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  title: z.string().trim().min(2, 'must be at least 2 characters').max(120, 'must be at most 120 characters'),
  status: z.enum(JOB_STATUSES).default('open'),
});
