import { currentReadiness } from '@/server/services/health/check-readiness';

/** Readiness: 200 when this instance should get traffic, 503 naming the checks that failed. */
export const dynamic = 'force-dynamic';

export async function GET() {
  const readiness = await currentReadiness();
  return Response.json(readiness, { status: readiness.status === 'ready' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
