import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvLine, toCsv } from '@/server/services/dashboard/csv';
import { excerpt, formatDuration } from '@/server/services/dashboard/format';

/** A strict RFC 4180 reader, to check that what we write reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i += 1;
        continue;
      }
      cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      if (cell !== '') throw new Error(`quote inside an unquoted cell at ${i}`);
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      cell += ch;
    }
    i += 1;
  }
  if (quoted) throw new Error('unterminated quote');
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const neutralised = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['Ada Lovelace', 'Ada Lovelace'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['', ''],
    ['Zoë Ñandú 日本', 'Zoë Ñandú 日本'],
  ])('quotes %j as RFC 4180 asks', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+31 20 123', "'+31 20 123"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
    ['=cmd|\' /C calc\'!A0, x', `"'=cmd|' /C calc'!A0, x"`],
  ])('neutralises the formula %j with a leading quote', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves formula characters alone when they are not first', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(' =1')).toBe(' =1');
    expect(csvCell('x@example.com')).toBe('x@example.com');
  });

  it('writes empty cells for null and undefined, ISO 8601 for dates, and numbers as they are', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(new Date('2026-03-01T09:30:00.000Z'))).toBe('2026-03-01T09:30:00.000Z');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(2.5)).toBe('2.5');
    expect(csvCell(false)).toBe('false');
  });

  // 500 generated cases: on a busy two-core machine that takes seconds, not milliseconds.
  it('reads back as the same text, formulas neutralised, for any input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), (cells) => {
        const parsed = parseCsv(`${csvLine(cells)}\r\n`);
        expect(parsed).toEqual([cells.map(neutralised)]);
        for (const cell of parsed[0]!) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 500 },
    );
  }, 30_000);
});

describe('toCsv', () => {
  it('starts with a UTF-8 byte-order mark, has a header row, and ends every line with CRLF', () => {
    const csv = toCsv(['Name', 'Score'], [['Ann', 3], ['=Bob', null]]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).toBe("Name,Score\r\nAnn,3\r\n'=Bob,\r\n");
    expect(parseCsv(csv.slice(1))).toEqual([
      ['Name', 'Score'],
      ['Ann', '3'],
      ["'=Bob", ''],
    ]);
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(['A', 'B'], [])).toBe(`${CSV_BOM}A,B\r\n`);
  });
});

describe('labels used in the export and the pages', () => {
  it.each([
    [0, '<1 min'],
    [59, '<1 min'],
    [60, '1 min'],
    [59 * 60, '59 min'],
    [3 * 3600, '3 h'],
    [47 * 3600 + 3599, '47 h'],
    [2 * 86400, '2 d'],
    [9 * 86400 + 5, '9 d'],
    [-5, '<1 min'],
  ])('formats %i seconds as %j', (seconds, label) => {
    expect(formatDuration(seconds)).toBe(label);
  });

  it('cuts long text at a word and flattens whitespace', () => {
    expect(excerpt('  hello\n\n  world  ')).toBe('hello world');
    expect(excerpt('')).toBeNull();
    expect(excerpt(null)).toBeNull();
    const long = excerpt('word '.repeat(100), 40)!;
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.endsWith('word…')).toBe(true);
  });
});
