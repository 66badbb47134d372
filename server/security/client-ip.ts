/**
 * The address rate limits count against: the right-most X-Forwarded-For entry, the one the
 * nearest proxy (or Next itself, when there is none) added. Deploy behind a proxy that sets it.
 */
export function clientIpOf(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  return (last ?? headers.get('x-real-ip') ?? 'unknown').slice(0, 64);
}
