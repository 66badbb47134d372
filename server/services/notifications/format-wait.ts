/** Human labels for notifications. No imports: safe in client bundles. */

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * "45 minutes", "30 hours", "3 days": whole units, rounded down. Hours run up to two days because
 * reply targets are counted in hours, so "47 hours" never reads as a rounded-up "2 days".
 */
export function formatWait(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < HOUR) {
    const minutes = Math.max(1, Math.floor(s / 60));
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  }
  if (s < 2 * DAY) {
    const hours = Math.floor(s / HOUR);
    return hours === 1 ? '1 hour' : `${hours} hours`;
  }
  return `${Math.floor(s / DAY)} days`;
}
