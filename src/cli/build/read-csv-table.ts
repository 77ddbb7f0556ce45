import { createReadStream } from 'node:fs';
import { UserError } from '../cli-io';
import { checkFile, describeFsError } from '../report/open-input';
import type { BuildLog } from './build-log';
import { CsvError, createCsvParser } from './parse-csv';

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

/** Reading in 1 MiB pieces: fewer, larger chunks parse faster than the 64 KiB default. */
const CHUNK_BYTES = 1 << 20;

/**
 * Stream the CSV file at `path` (named `file` in messages): the first record is the header,
 * which must name every `required` column once. `makeRow` is given the header's column
 * index and returns the handler of each data row (already holding as many fields as the
 * header); a row that is malformed or has the wrong number of fields is reported with its
 * line number and skipped. Holds one chunk and one record at a time.
 *
 * Throws `UserError` for a file that cannot be read, has no header or lacks a column.
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
  await checkFile(path);
  let width = -1;
  let onRow: ((fields: string[], line: number) => void) | undefined;
  let rows = 0;

  const parser = createCsvParser((record) => {
    if (!onRow) {
      const index = readHeader(file, record.fields, columns, report ? log : undefined);
      width = record.fields.length;
      onRow = makeRow((name) => index.get(name) ?? -1);
      return;
    }
    rows++;
    log.progress(file, rows, pass);
    if (record.error !== undefined) {
      if (report) log.badRow(file, record.line, record.error);
    } else if (record.fields.length !== width) {
      if (report) log.badRow(file, record.line, `expected ${width} fields, found ${record.fields.length}`);
    } else onRow(record.fields, record.line);
  });

  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES }))
      parser.push(chunk as string);
    parser.end();
  } catch (e) {
    if (e instanceof CsvError) throw new UserError(`${file}:${e.line}: ${e.message}`);
    // A read error of the stream (it has a code); anything else is ours and keeps its stack.
    if ((e as { code?: unknown } | null)?.code !== undefined) throw new UserError(`${file}: ${describeFsError(e)}`);
    throw e;
  }
  if (!onRow) throw new UserError(`${file}: empty, expected a header row (${columns.required.join(',')},…)`);
  return rows;
}

/** The header's columns by name; checks the required ones are there, once each. */
function readHeader(file: string, names: string[], columns: TableColumns, log: BuildLog | undefined) {
  const index = new Map<string, number>();
  names.forEach((raw, i) => {
    const name = raw.trim();
    if (index.has(name)) throw new UserError(`${file}:1: column "${name}" appears twice`);
    index.set(name, i);
    if (!columns.required.includes(name) && !columns.optional.includes(name))
      log?.note(`${file}:1: unknown column "${name}" ignored`);
  });
  const missing = columns.required.filter((name) => !index.has(name));
  if (missing.length) throw new UserError(`${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`);
  return index;
}
