import { UserError } from '../../cli-io';
import { formatCount as n, type BuildLog } from '../build-log';
import { isParquet, readingFile, sqlName, sqlString, withDuckDb, type DuckDbModule } from '../duckdb-session';
import { readGuardedCsv } from '../read-guarded-csv';
import { createVectorTable, type VectorTable } from './vector-table';

/** The longest vector taken (CLIP's are 512 or 768 numbers, the largest common models' 1,024–1,536). */
export const MAX_DIMENSIONS = 4096;

export interface EmbeddingStats {
  format: 'CSV' | 'Parquet';
  /** Data rows read (good and bad). */
  rows: number;
  dimensions: number;
  /** Products given a vector. */
  kept: number;
  /** Rows naming a product not in the catalog: ignored, as order lines are. */
  unknownRows: number;
  unknownSample: string[];
  /** Catalog products with no row. */
  missing: number;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * `build --embeddings`: a vector per product from any image model the store runs (CLIP and
 * the like), in place of the default descriptor. CSV rows `id,v1,…,vn` (a header row is
 * allowed: a first row whose second cell is no number), read through the build's guarded
 * csv-parse; or Parquet through DuckDB, with an `id` column (else the first) and either one
 * list column (`embedding FLOAT[]`, as pandas and Spark write them) or a number column each.
 *
 * Every row is checked, since it decides links: the same number of numbers as the first
 * (`dimensions`), each finite, not all zero, each id once. A bad row is reported with its
 * line (its row number, for Parquet) and left out; a row naming a product not in the catalog
 * is counted and ignored. Vectors are scaled to unit length, so their dot product is the
 * cosine similarity.
 */
export async function readEmbeddings(
  path: string,
  productIndex: ReadonlyMap<string, number>,
  log: BuildLog,
  loadDuckDb: (purpose: string) => Promise<DuckDbModule>,
): Promise<{ vectors: VectorTable; stats: EmbeddingStats }> {
  const parquet = await isParquet(path);
  const stats: EmbeddingStats = { format: parquet ? 'Parquet' : 'CSV', rows: 0, dimensions: 0, kept: 0, unknownRows: 0, unknownSample: [], missing: 0 };
  let vectors: VectorTable | undefined;
  const seen = new Map<string, number | string>();

  /** One row: its id and its numbers (`undefined` for a cell that is no number). */
  const take = (where: number | string, id: string | undefined, numbers: (number | undefined)[]) => {
    stats.rows++;
    if (!id) return log.badRow(path, where, 'the id is empty');
    const bad = numbers.findIndex((x) => x === undefined || !Number.isFinite(x));
    if (bad >= 0) return log.badRow(path, where, `value ${bad + 1} is not a number`);
    if (numbers.length === 0) return log.badRow(path, where, 'no numbers after the id');
    if (!vectors) {
      if (numbers.length > MAX_DIMENSIONS) throw new UserError(`${path}: vectors of ${n(numbers.length)} numbers; at most ${n(MAX_DIMENSIONS)} are taken`);
      stats.dimensions = numbers.length;
      vectors = createVectorTable(productIndex.size, numbers.length);
    }
    if (numbers.length !== stats.dimensions) return log.badRow(path, where, `expected ${n(stats.dimensions)} numbers (as the first row), found ${n(numbers.length)}`);
    let squares = 0;
    for (const x of numbers as number[]) squares += x * x;
    const length = Math.sqrt(squares);
    if (!(length > 0)) return log.badRow(path, where, 'a vector of zeros points nowhere');
    const at = productIndex.get(id);
    if (at === undefined) {
      stats.unknownRows++;
      if (stats.unknownSample.length < 3) stats.unknownSample.push(id);
      return;
    }
    const before = seen.get(id);
    if (before !== undefined) return log.badRow(path, where, `${JSON.stringify(id)} again (first ${typeof before == 'number' ? `at line ${before}` : `in ${before}`})`);
    seen.set(id, where);
    vectors.set(at, (numbers as number[]).map((x) => x / length));
  };

  if (parquet) {
    const duckdb = await loadDuckDb(`${path}: reading Parquet`);
    await withDuckDb(duckdb, async (db) => {
      const from = `read_parquet(${sqlString(path)}, file_row_number = true)`;
      const columns = (await readingFile(path, async () => (await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path)})`)).getRowObjectsJS())).map(
        (r) => ({ name: String(r.column_name), type: String(r.column_type) }),
      );
      const idAt = Math.max(0, columns.findIndex((c) => c.name.toLowerCase() === 'id'));
      const rest = columns.filter((_, i) => i !== idAt);
      const list = rest.length === 1 && /\[\d*\]$/.test(rest[0]!.type);
      if (rest.length === 0) throw new UserError(`${path}: no column besides ${JSON.stringify(columns[idAt]?.name)}; expected an embedding (a list) or a number column each`);
      const vector = list ? `CAST(${sqlName(rest[0]!.name)} AS DOUBLE[])` : `[${rest.map((c) => `TRY_CAST(${sqlName(c.name)} AS DOUBLE)`).join(', ')}]`;
      const result = await readingFile(path, () =>
        db.stream(`SELECT file_row_number, CAST(${sqlName(columns[idAt]!.name)} AS VARCHAR), ${vector} FROM ${from} ORDER BY file_row_number`),
      );
      for (;;) {
        const chunk = await readingFile(path, () => result.fetchChunk());
        if (!chunk || chunk.rowCount === 0) break;
        for (const [row, id, values] of chunk.getRows() as [bigint, string | null, { items: (number | null)[] } | null][])
          take(`row ${Number(row) + 1}`, id ?? undefined, (values?.items ?? []).map((x) => (x === null ? undefined : x)));
      }
    });
  } else {
    let first = true;
    await readGuardedCsv(
      path,
      ',',
      (fields, line) => {
        const [id, ...cells] = fields;
        // A header row: the first, when its second cell is no number (`id,v1,v2,…`).
        const header = first && cells.length > 0 && !NUMBER.test(cells[0]!.trim());
        first = false;
        if (header) return;
        take(line, id, cells.map((cell) => (NUMBER.test(cell.trim()) ? Number(cell) : undefined)));
      },
      (line, message) => {
        first = false;
        stats.rows++;
        log.badRow(path, line, message);
      },
      { strictQuotes: true, maxFields: MAX_DIMENSIONS + 1 },
    );
  }
  if (!vectors || vectors.count === 0) throw new UserError(`${path}: no usable vector for a catalog product${stats.unknownRows ? ` (${n(stats.unknownRows)} rows name products not in the catalog, e.g. ${JSON.stringify(stats.unknownSample[0])})` : ''}`);
  stats.kept = vectors.count;
  stats.missing = productIndex.size - vectors.count;
  return { vectors, stats };
}
