import { IMPORT_FIELDS } from '@/server/services/import/import-format';

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A template that imports as it is when the agency has a team to name: the job in it is created
 * in that team. Without one, the example rows carry no job.
 */
export function templateCsv(teamName: string | null): string {
  const team = teamName ?? '';
  const job = teamName ? ['Data Engineer', 'Analytical Engines Ltd', ''] : ['', '', ''];
  const interview = teamName ? ['2026-03-14 09:30', '2026-03-14 10:30', 'video', 'Pat Lee <pat@example.com>; Sam Roe'] : ['', '', '', ''];
  const rows = [
    [...IMPORT_FIELDS],
    ['Ada Lovelace', 'ada@example.com', '+44 20 7946 0000', 'python; ml', 'Referral', team, '', ...job, ...interview],
    ['Hopper, Grace', 'grace@example.com', '', '', 'LinkedIn', team, '', ...(teamName ? ['Data Engineer', 'Analytical Engines Ltd', 'screening'] : ['', '', '']), '', '', '', ''],
  ];
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A data: URL, so the template needs no route; the BOM makes Excel open it as UTF-8. */
export function templateHref(teamName: string | null): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${templateCsv(teamName)}`)}`;
}
