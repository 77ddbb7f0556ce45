import { coPurchaseSql } from '../sql/co-purchase-sql';
import type { BuildLog } from './build-log';
import { findColumns, readCsvHeader } from './csv-header';
import { isParquet, readingFile, sqlName, sqlString, withDuckDb, type DuckDbConnection, type DuckDbModule } from './duckdb-session';
import { inCatalogOrder, type MinedPair, type MineOptions } from './mine-pairs';
import type { OrderStats } from './read-orders';
import type { CategoryCounts } from './visual/complementary-categories';

const ORDER_COLUMNS = { required: ['order_id', 'product_id'], optional: ['qty', 'customer_id', 'date'] } as const;

/**
 * What JavaScript's `trim()` removes (convertCell trims a qty before reading it), for RE2:
 * DuckDB's own trim() takes spaces only.
 */
const WS = String.raw`[\t\n\v\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]`;
/** convertCell's number, `12`, `-0.5`, `.5`, `1e3` (and no more: not `0x1f`, `inf`, `1_000`). */
const NUMBER = String.raw`[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`;

export interface DuckDbMined {
  pairs: MinedPair[];
  stats: OrderStats;
  /** All orders (those holding a catalog product). */
  total: number;
  /** Rows left out for a value (an empty id, a qty that is no number): counted, not listed by line. */
  badValues: number;
  format: 'CSV' | 'Parquet';
  /** DuckDB's version and memory limit, for the summary. */
  engine: { version: string; memoryLimit: string };
  /** Orders by category, when `categoryOf` was given (`build --visual`). */
  categories?: CategoryCounts;
}

/**
 * `build --engine duckdb`: the orders (orders.csv, or Parquet with the same columns) mined
 * in DuckDB by co-purchase.sql, out of core, into the pairs `minePairs` gives for the same
 * rows, in the same order. `productOf` maps an order line's product_id (an id, or a SKU or
 * variant id the products input gives) to its catalog id, as the streaming reader does.
 *
 * The rows are judged as the streaming reader judges them, in SQL: an empty order_id or
 * product_id, or a qty that is not a number, leaves the row out (counted: DuckDB does not
 * say which line a row came from); qty ≤ 0 is not a purchase; a product not in the catalog
 * is ignored, and its orders are not counted in "all orders". Malformed CSV records (a
 * quote, the wrong number of fields) are listed by line, from DuckDB's rejects table.
 * The file is read twice: once for these counts, once by the query.
 */
export async function mineWithDuckDb(
  duckdb: DuckDbModule,
  path: string,
  productOf: ReadonlyMap<string, string>,
  log: BuildLog,
  options: MineOptions,
  indexOf: (id: string) => number,
  /** Each product's category (catalog id → category): then orders are counted by category too. */
  categoryOf?: ReadonlyMap<string, string>,
): Promise<DuckDbMined> {
  const parquet = await isParquet(path);
  return withDuckDb(duckdb, async (db) => {
    const source = parquet ? await parquetSource(db, path, log) : await csvSource(path, log);

    await createTextTable(db, 'catalog_keys', ['key', 'product'], productOf);

    const q = `CASE WHEN qty IS NULL OR qty = '1' THEN '' ELSE regexp_replace(qty, '^${WS}+|${WS}+$', '', 'g') END`;
    const classify = (from: string) => `
      SELECT l.order_id, l.product_id AS key, k.product,
        CASE
          WHEN l.order_id IS NULL OR l.order_id = '' OR l.product_id IS NULL OR l.product_id = '' THEN 'bad'
          WHEN l.q <> '' AND NOT regexp_full_match(l.q, '${NUMBER}') THEN 'bad'
          WHEN l.q <> '' AND NOT coalesce(TRY_CAST(l.q AS DOUBLE) > 0, false) THEN 'zero'
          WHEN k.product IS NULL THEN 'unknown'
          ELSE 'ok'
        END AS status
      FROM (SELECT order_id, product_id, ${q} AS q FROM ${from}) l
      LEFT JOIN catalog_keys k ON k.key = l.product_id`;

    // First read: the counts of the summary (and, for CSV, the malformed records).
    const counts = await readingFile(path, async () =>
      (
        await db.runAndReadAll(`
          SELECT
            count(*) AS rows,
            count(*) FILTER (WHERE status = 'ok') AS counted,
            count(DISTINCT order_id) FILTER (WHERE status = 'ok') AS orders,
            count(*) FILTER (WHERE status = 'unknown') AS unknown_rows,
            count(DISTINCT key) FILTER (WHERE status = 'unknown') AS unknown_ids,
            min(key) FILTER (WHERE status = 'unknown') AS unknown_sample,
            count(*) FILTER (WHERE status = 'zero') AS zero_rows,
            count(*) FILTER (WHERE status = 'bad') AS bad_rows
          FROM (${classify(source.checking)})`)
      ).getRowObjectsJS()[0]!,
    );
    let rejected = 0;
    if (!parquet) {
      const rejects = (await db.runAndReadAll('SELECT line, error_type, error_message FROM offerwise_rejects ORDER BY line')).getRowObjectsJS();
      rejected = rejects.length;
      for (const r of rejects) log.badRow(path, Number(r.line), rejectReason(String(r.error_type), String(r.error_message), source.width));
    }

    // Second read: the query, over the rows the streaming reader would count.
    await db.run(`CREATE VIEW order_lines AS SELECT order_id, product AS product_id FROM (${classify(source.reading)}) WHERE status = 'ok'`);
    const rows = await readingFile(path, async () =>
      (await db.runAndReadAll(coPurchaseSql({ dialect: 'duckdb', ...options }))).getRowObjectsJS(),
    );
    const pairs = rows.map((r) => ({
      from: String(r.from),
      to: String(r.to),
      orders: Number(r.orders),
      attachRate: Number(r.attachRate),
      lift: Number(r.lift),
    }));

    const categories = categoryOf && (await countCategories(db, categoryOf, path));
    const setting = (await db.runAndReadAll("SELECT version() AS version, current_setting('memory_limit') AS memory_limit")).getRowObjectsJS()[0]!;
    const n = (key: string) => Number(counts[key] ?? 0);
    return {
      pairs: inCatalogOrder(pairs, indexOf),
      stats: {
        rows: n('rows') + rejected,
        counted: n('counted'),
        unknownRows: n('unknown_rows'),
        unknownIds: n('unknown_ids'),
        unknownIdsCapped: false,
        unknownSample: counts.unknown_sample == null ? [] : [String(counts.unknown_sample)],
        zeroQtyRows: n('zero_rows'),
        passes: 2,
        peakOrdersHeld: 0,
      },
      total: n('orders'),
      badValues: n('bad_rows'),
      format: parquet ? 'Parquet' : 'CSV',
      engine: { version: String(setting.version), memoryLimit: String(setting.memory_limit) },
      ...(categories && { categories }),
    };
  });
}

/**
 * The `order_lines` view's orders by category, as the streaming reader counts them
 * (complementary-categories.ts, `createCategoryCounter`): all orders, orders holding a
 * product of each category, and of each pair of categories.
 */
async function countCategories(db: DuckDbConnection, categoryOf: ReadonlyMap<string, string>, path: string): Promise<CategoryCounts> {
  await createTextTable(db, 'catalog_categories', ['product', 'category'], categoryOf);
  const read = async (sql: string) => readingFile(path, async () => (await db.runAndReadAll(sql)).getRowObjectsJS());
  await db.run(`CREATE TABLE order_categories AS SELECT DISTINCT l.order_id, c.category FROM order_lines l JOIN catalog_categories c ON c.product = l.product_id`);
  const [total] = await read('SELECT count(DISTINCT order_id) AS n FROM order_lines');
  const orders = await read('SELECT category, count(*) AS n FROM order_categories GROUP BY category');
  const pairs = await read(`
    SELECT x.category AS a, y.category AS b, count(*) AS n
    FROM order_categories x JOIN order_categories y ON y.order_id = x.order_id AND x.category < y.category
    GROUP BY x.category, y.category`);
  return {
    total: Number(total!.n),
    orders: new Map(orders.map((r) => [String(r.category), Number(r.n)])),
    pairs: pairs.map((r) => [String(r.a), String(r.b), Number(r.n)] as const),
  };
}

/** A table `name` of two text columns holding `rows` (a map's entries), through an appender. */
async function createTextTable(db: DuckDbConnection, name: string, [first, second]: [string, string], rows: ReadonlyMap<string, string>): Promise<void> {
  await db.run(`CREATE TABLE ${name} (${first} VARCHAR, ${second} VARCHAR)`);
  const appender = await db.createAppender(name);
  for (const [a, b] of rows) {
    appender.appendVarchar(a);
    appender.appendVarchar(b);
    appender.endRow();
  }
  appender.closeSync();
}

/**
 * The order lines as DuckDB reads them: `order_id, product_id, qty` as text (qty NULL when
 * the file has none). `checking` also stores the malformed records (CSV) in
 * `offerwise_rejects`; `reading` skips them silently.
 */
interface Source {
  checking: string;
  reading: string;
  /** Fields per record (CSV). */
  width: number;
}

/**
 * orders.csv as the build reads it: a header row naming the columns, RFC 4180 quoting, a
 * comma between fields, every field text (ids such as 007 stay 007), an empty field NULL.
 */
async function csvSource(path: string, log: BuildLog): Promise<Source> {
  const names = await readCsvHeader(path, ORDER_COLUMNS.required);
  const at = findColumns(path, names, ORDER_COLUMNS, log);
  const columns = `{${names.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
  const read = (more: string) =>
    `read_csv(${sqlString(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
    `columns = ${columns}, max_line_size = 4194304, ${more})`;
  const select = (from: string) =>
    `(SELECT c${at.order_id} AS order_id, c${at.product_id} AS product_id, ${at.qty === undefined ? 'NULL::VARCHAR' : `c${at.qty}`} AS qty FROM ${from})`;
  return {
    checking: select(read(`store_rejects = true, rejects_table = 'offerwise_rejects', rejects_scan = 'offerwise_reject_scans'`)),
    reading: select(read('ignore_errors = true')),
    width: names.length,
  };
}

/** A Parquet file of order lines: the same columns by name (any case), any types, as text. */
async function parquetSource(db: DuckDbConnection, path: string, log: BuildLog): Promise<Source> {
  const from = `read_parquet(${sqlString(path)})`;
  const described = await readingFile(path, async () => (await db.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowObjectsJS());
  const names = described.map((r) => String(r.column_name));
  const at = findColumns(path, names, ORDER_COLUMNS, log, true);
  const text = (i: number | undefined) => (i === undefined ? 'NULL::VARCHAR' : `CAST(${sqlName(names[i]!)} AS VARCHAR)`);
  const select = `(SELECT ${text(at.order_id)} AS order_id, ${text(at.product_id)} AS product_id, ${text(at.qty)} AS qty FROM ${from})`;
  return { checking: select, reading: select, width: names.length };
}

/** DuckDB's reason for rejecting a record, in the words of the build's own CSV reader. */
function rejectReason(type: string, message: string, width: number): string {
  const found = /Found: (\d+)/.exec(message)?.[1];
  if ((type === 'MISSING COLUMNS' || type === 'TOO MANY COLUMNS') && found) return `expected ${width} fields, found ${found}`;
  if (type === 'UNQUOTED VALUE') return 'a quote not closed where the field ends (text after a closing quote?)';
  return message.split('\n')[0]!;
}
