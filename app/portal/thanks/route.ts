import type { NextRequest } from 'next/server';
import { handlePortalSubmission } from '../submit';

export const dynamic = 'force-dynamic';

export function POST(request: NextRequest) {
  return handlePortalSubmission(request, 'thanks');
}
