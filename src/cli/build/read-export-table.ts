import { UserError } from '../cli-io';
import type { BuildLog } from './build-log';
import type { ColumnIndex } from './read-csv-table';
import { readGuardedCsv } from './read-guarded-csv';

export interface ExportTableOptions {
  /** The columns without which no row is usable: a missing one stops the build. */
  required: readonly string[];
  delimiter?: ',' | '\t';
  /** How a header cell becomes a column name (Merchant Center: `g:image link` → `image_link`). */
  name?: (cell: string) => string;
  /** Report bad rows (false on later passes over an orders export). @default true */
  report?: boolean;
  /** Shown in progress lines. */
  pass?: string;
}

/**
 * Stream a platform's export (a header row, then data rows) through csv-parse behind the
 * guard (read-guarded-csv.ts). Like read-csv-table.ts for the plain files: a row with the
 * wrong number of fields, or one csv-parse cannot read, is reported at its line and skipped;
 * the other columns an export has (dozens) are ignored without a note. A column named twice
 * counts where it first appears. Resolves to the data rows read (good and bad).
 */
export async function readExportTable(
  path: string,
  options: ExportTableOptions,
  makeRow: (column: ColumnIndex) => (fields: string[], line: number) => void,
  log: BuildLog,
): Promise<number> {
  const { required, delimiter = ',', name = (cell) => cell.trim(), report = true, pass } = options;
  let width = -1;
  let onRow: ((fields: string[], line: number) => void) | undefined;
  let rows = 0;
  await readGuardedCsv(
    path,
    delimiter,
    (fields, line) => {
      if (!onRow) {
        const index = new Map<string, number>();
        fields.forEach((cell, i) => {
          const key = name(cell);
          if (!index.has(key)) index.set(key, i);
        });
        const missing = required.filter((r) => !index.has(r));
        if (missing.length) throw new UserError(`${path}:${line}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`);
        width = fields.length;
        onRow = makeRow((column) => index.get(column) ?? -1);
        return;
      }
      rows++;
      log.progress(path, rows, pass);
      if (fields.length !== width) {
        if (report) log.badRow(path, line, `expected ${width} fields, found ${fields.length}`);
      } else onRow(fields, line);
    },
    (line, message) => {
      if (onRow) rows++;
      if (report) log.badRow(path, line, message);
    },
  );
  if (!onRow) throw new UserError(`${path}: empty, expected a header row (${required.join(',')},…)`);
  return rows;
}

/** A cell by column index: `''` for a column the file does not have. */
export const cellAt = (fields: readonly string[], at: number) => (at < 0 ? '' : (fields[at] ?? ''));
