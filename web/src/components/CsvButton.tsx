import { type CsvColumn, csvFileName, downloadFile, recordsToCsv } from '../lib/csv';

/**
 * "Download CSV" for a list of records: the rows the page shows, through the
 * given columns (src/lib/csv.ts). Used beside every table or list of records.
 */
export function CsvButton<T>({
  title,
  columns,
  rows,
  label = 'Download CSV',
}: {
  /** What the rows are, e.g. "Members of Acme": names the file and the button. */
  title: string;
  columns: CsvColumn<T>[];
  rows: T[];
  label?: string;
}) {
  return (
    <button
      type="button"
      className="button button--secondary button--small"
      disabled={rows.length === 0}
      onClick={() => downloadFile(csvFileName(title), recordsToCsv(columns, rows))}
    >
      {label}
      <span className="visually-hidden"> of {title.toLowerCase()}</span>
    </button>
  );
}
