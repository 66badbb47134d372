/**
 * Liveness: the process serves HTTP. No database call, so a database outage does not get every
 * instance restarted; /api/ready says whether an instance should get traffic.
 */
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
