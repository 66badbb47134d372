/**
 * CSV as spreadsheets read it: RFC 4180 quoting, CRLF line ends, and a byte-order mark so Excel
 * opens UTF-8 names correctly. Pure, so the unit tests cover it without a database.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

export const CSV_BOM = '\uFEFF';

// A spreadsheet runs a cell that starts with one of these as a formula (or, for TAB and CR, after
// trimming it): a candidate who types `=HYPERLINK(…)` as their name must not get code into a recruiter's Excel.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',');
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
