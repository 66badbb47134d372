const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string, date: Date) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: parts.year ?? '', month: Number(parts.month ?? 1), day: parts.day ?? '', hour: (parts.hour ?? '0').padStart(2, '0'), minute: parts.minute ?? '00' };
}

/**
 * "3 Feb 2026, 14:05" in the agency's time zone. Built from numeric parts rather than a locale's
 * full pattern, so the server's ICU and the browser's render the same text and hydration agrees.
 */
export function formatDateTime(date: Date, timeZone: string): string {
  const p = partsIn(timeZone, date);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}, ${p.hour}:${p.minute}`;
}

export function formatDay(date: Date, timeZone: string): string {
  const p = partsIn(timeZone, date);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}
