import type { BuildLog } from './build-log';
import { convertCell } from './convert-cells';
import { findColumns, readCsvHeader } from './csv-header';
import { isParquet, readingFile, sqlName, sqlString, withDuckDb, type DuckDbModule } from './duckdb-session';
import { detach } from './basket-store';
import type { MinedPair } from './mine-pairs';
import { readCsvTable } from './read-csv-table';

const PAIR_COLUMNS = { required: ['from', 'to', 'orders', 'attachRate', 'lift'], optional: [] } as const;
const SAMPLE_UNKNOWN = 3;

export interface PairStats {
  format: 'CSV' | 'Parquet';
  /** Data rows read (good and bad). */
  rows: number;
  /** Rows naming a product not in the catalog (in `from` or `to`): ignored. */
  unknownRows: number;
  /** Distinct such ids, and a few of them. */
  unknownIds: number;
  unknownSample: string[];
}

/**
 * `build --pairs`: rows `from, to, orders, attachRate, lift` computed anywhere (`offerwise
 * sql` in a warehouse, DuckDB, a notebook), as CSV (read here) or Parquet (read through
 * DuckDB, `loadDuckDb()`), in place of mined pairs. Column names are found in any case
 * (warehouses often lower-case them). The rows are taken as given, not re-ranked or cut to
 * `--top`, but each is checked, since it becomes a link: from and to are different
 * catalog products, orders a whole number ≥ 0, attachRate in [0, 1], lift ≥ 0, each pair
 * once. A bad row is reported with its line (its row number, for Parquet) and left out; a
 * row naming a product not in the catalog is counted and ignored, as an order line is.
 */
export async function readPairs(
  path: string,
  isProduct: (id: string) => boolean,
  log: BuildLog,
  loadDuckDb: (purpose: string) => Promise<DuckDbModule>,
): Promise<{ pairs: MinedPair[]; stats: PairStats }> {
  const parquet = await isParquet(path);
  const pairs: MinedPair[] = [];
  const seen = new Map<string, number | string>();
  const unknown = new Set<string>();
  const stats: PairStats = { format: parquet ? 'Parquet' : 'CSV', rows: 0, unknownRows: 0, unknownIds: 0, unknownSample: [] };

  /** One row's cells as text (`undefined` for a NULL); `where` is its line or row label. */
  const take = (where: number | string, from: string | undefined, to: string | undefined, cells: Record<'orders' | 'attachRate' | 'lift', string | undefined>) => {
    const problems: string[] = [];
    if (!from) problems.push('from is empty');
    if (!to) problems.push('to is empty');
    const number = (name: keyof typeof cells, ok: (x: number) => boolean, expected: string) => {
      const text = cells[name] ?? '';
      const cell = convertCell(name, 'number', text);
      if (cell === undefined) problems.push(`${name} is empty`);
      else if ('error' in cell) problems.push(cell.error);
      else if (!ok(cell.value as number)) problems.push(`${name} ${JSON.stringify(text.trim())}: expected ${expected}`);
      return cell && 'value' in cell ? (cell.value as number) : NaN;
    };
    const orders = number('orders', (x) => Number.isSafeInteger(x) && x >= 0, 'a whole number ≥ 0');
    const attachRate = number('attachRate', (x) => x >= 0 && x <= 1, 'a number from 0 to 1');
    const lift = number('lift', (x) => x >= 0 && Number.isFinite(x), 'a number ≥ 0');
    if (from && from === to) problems.push(`from and to are the same product "${from}"`);
    if (problems.length) return log.badRow(path, where, problems.join('; '));
    for (const id of [from!, to!])
      if (!isProduct(id)) {
        stats.unknownRows++;
        if (!unknown.has(id)) {
          unknown.add(detach(id));
          if (stats.unknownSample.length < SAMPLE_UNKNOWN) stats.unknownSample.push(detach(id));
        }
        return;
      }
    const key = JSON.stringify([from, to]);
    const before = seen.get(key);
    if (before !== undefined) return log.badRow(path, where, `the pair ${from} → ${to} again (first ${typeof before == 'number' ? `at line ${before}` : `in ${before}`})`);
    seen.set(key, where);
    pairs.push({ from: detach(from!), to: detach(to!), orders, attachRate, lift });
  };

  if (parquet) {
    const duckdb = await loadDuckDb(`${path}: reading Parquet`);
    await withDuckDb(duckdb, async (db) => {
      const source = `read_parquet(${sqlString(path)}, file_row_number = true)`;
      const names = (await readingFile(path, async () => (await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path)})`)).getRowObjectsJS())).map(
        (r) => String(r.column_name),
      );
      const at = findColumns(path, names, PAIR_COLUMNS, log, true);
      const text = (name: keyof typeof at) => `CAST(${sqlName(names[at[name]]!)} AS VARCHAR)`;
      const rows = await readingFile(path, async () =>
        (
          await db.runAndReadAll(
            `SELECT file_row_number, ${PAIR_COLUMNS.required.map((name) => `${text(name)} AS ${sqlName(name)}`).join(', ')} FROM ${source} ORDER BY file_row_number`,
          )
        ).getRowObjectsJS(),
      );
      const cell = (value: unknown) => (value === null || value === undefined ? undefined : String(value));
      for (const r of rows) {
        stats.rows++;
        take(`row ${Number(r.file_row_number) + 1}`, cell(r.from), cell(r.to), { orders: cell(r.orders), attachRate: cell(r.attachRate), lift: cell(r.lift) });
      }
    });
  } else {
    const names = await readCsvHeader(path, PAIR_COLUMNS.required);
    const at = findColumns(path, names, PAIR_COLUMNS, log, true);
    // readCsvTable wants the names as the file writes them (the others were noted above).
    const written = (name: keyof typeof at) => names[at[name]]!;
    const required = PAIR_COLUMNS.required.map(written);
    stats.rows = await readCsvTable(
      path,
      { required, optional: names.filter((name) => !required.includes(name)) },
      (column) => {
        const [from, to, orders, attachRate, lift] = PAIR_COLUMNS.required.map((name) => column(written(name)));
        return (fields, line) => take(line, fields[from!], fields[to!], { orders: fields[orders!], attachRate: fields[attachRate!], lift: fields[lift!] });
      },
      log,
    );
  }
  stats.unknownIds = unknown.size;
  return { pairs, stats };
}
