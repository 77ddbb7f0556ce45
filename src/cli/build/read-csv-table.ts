import { UserError } from '../cli-io';
import type { BuildLog } from './build-log';
import { readGuardedCsv } from './read-guarded-csv';

/** The columns a table needs and those it understands; any other is ignored with a note. */
export interface TableColumns {
  required: readonly string[];
  optional: readonly string[];
}

/** Where each column is in a row: an index, or -1 for a column the file does not have. */
export type ColumnIndex = (name: string) => number;

export interface ReadTableOptions {
  /** Report bad rows and notes (false on the later passes over orders.csv: said once is enough; progress is always shown). */
  report?: boolean;
  /** Shown in progress lines (`pass 2 of 3`). */
  pass?: string;
}

/**
 * Stream the CSV file at `path` (named `file` in messages) through csv-parse behind the guard
 * (read-guarded-csv.ts): the first record is the header, which must name every `required`
 * column once. `makeRow` is given the header's column index and returns the handler of each
 * data row (already holding as many fields as the header); a row that is malformed (text
 * after a closing quote, a quote never closed) or has the wrong number of fields is reported
 * with its line number and skipped. Holds one chunk (and its records) at a time.
 *
 * Throws `UserError` for a file that cannot be read, has no header, a malformed header or
 * lacks a column, and for a record past the guard's caps.
 * Returns the number of data rows (good and bad).
 */
export async function readCsvTable(
  path: string,
  columns: TableColumns,
  makeRow: (column: ColumnIndex) => (fields: string[], line: number) => void,
  log: BuildLog,
  options: ReadTableOptions = {},
): Promise<number> {
  const { report = true, pass } = options;
  const file = path;
  let width = -1;
  let onRow: ((fields: string[], line: number) => void) | undefined;
  let rows = 0;

  await readGuardedCsv(
    path,
    ',',
    (fields, line) => {
      if (!onRow) {
        const index = readHeader(file, fields, line, columns, report ? log : undefined);
        width = fields.length;
        onRow = makeRow((name) => index.get(name) ?? -1);
        return;
      }
      rows++;
      log.progress(file, rows, pass);
      if (fields.length !== width) {
        if (report) log.badRow(file, line, `expected ${width} fields, found ${fields.length}`);
      } else onRow(fields, line);
    },
    (line, message) => {
      // No column can be told from a header that cannot be read.
      if (!onRow) throw new UserError(`${file}:${line}: ${message} (in the header row)`);
      rows++;
      log.progress(file, rows, pass);
      if (report) log.badRow(file, line, message);
    },
    { strictQuotes: true },
  );
  if (!onRow) throw new UserError(`${file}: empty, expected a header row (${columns.required.join(',')},…)`);
  return rows;
}

/** The header's columns by name; checks the required ones are there, once each. */
function readHeader(file: string, names: string[], line: number, columns: TableColumns, log: BuildLog | undefined) {
  const index = new Map<string, number>();
  names.forEach((raw, i) => {
    const name = raw.trim();
    if (index.has(name)) throw new UserError(`${file}:${line}: column "${name}" appears twice`);
    index.set(name, i);
    if (!columns.required.includes(name) && !columns.optional.includes(name))
      log?.note(`${file}:${line}: unknown column "${name}" ignored`);
  });
  const missing = columns.required.filter((name) => !index.has(name));
  if (missing.length) throw new UserError(`${file}:${line}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`);
  return index;
}
