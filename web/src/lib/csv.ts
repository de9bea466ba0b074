/**
 * CSV export of the records a page lists, built in the browser from the rows
 * the page shows (RFC 4180: fields with a comma, quote or line break are
 * quoted, quotes doubled, CRLF line ends). The file starts with a UTF-8 byte
 * order mark so that Excel reads accents and £ correctly.
 *
 * Formulas: the server's rule (docs/file-formats.md "Formulas in CSV cells",
 * src/formats/csv_writer.h). Text that a spreadsheet would run as a formula
 * (=, +, -, @, tab or carriage return at the start, after any apostrophes)
 * gets one more apostrophe in front; numbers are written as numbers, so -3
 * stays -3 while the text "-3" is written '-3.
 */

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

const BOM = '\uFEFF';
const FORMULA_START = /^'*[=+\-@\t\r]/;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') {
    text = Number.isFinite(value) ? String(value) : '';
  } else if (typeof value === 'boolean') {
    text = value ? 'yes' : 'no';
  } else {
    text = FORMULA_START.test(value) ? `'${value}` : value;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text (with the byte order mark) of a header and rows. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  const lines = [header, ...rows].map((cells) => cells.map(field).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** The CSV text of records, one row each, through the given columns. */
export function recordsToCsv<T>(columns: CsvColumn<T>[], records: T[]): string {
  return toCsv(
    columns.map((c) => c.header),
    records.map((r) => columns.map((c) => c.value(r))),
  );
}

/** A file name from a title: letters, digits and dashes, ending in .csv. */
export function csvFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `${base || 'export'}.csv`;
}

/** Makes the browser save the text as a file. */
export function downloadFile(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
