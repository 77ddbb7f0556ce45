import * as duckdb from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coPurchaseSql } from '../sql/co-purchase-sql';
import { sqlString, withDuckDb } from './duckdb-session';
import { mineWithDuckDb } from './mine-duckdb';
import { compareCodePoints, inCatalogOrder, minePairs, type MinedPair } from './mine-pairs';
import { readOrders } from './read-orders';
import { generate } from './co-purchase-fixtures';
import { captureLog, makeTempDir, writeLines } from './test-fixtures';

/**
 * DuckDB running co-purchase.sql is checked, not trusted: on generated orders
 * (co-purchase-fixtures.ts: ids with commas, quotes, unicode, repeated lines, one-item
 * orders, ties at --top) it must give the streaming miner's pairs, in its order, with its
 * figures.
 */

/** orders.csv as DuckDB must be told to read it (its sniffer may guess another quote). */
const CSV_OPTIONS = `header = true, delim = ',', quote = '"', escape = '"', all_varchar = true, ignore_errors = true`;

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir();
});
afterAll(() => tmp?.remove());

async function streaming(path: string, ids: readonly string[], minOrders: number, top: number) {
  const { log } = captureLog();
  const { counts } = await readOrders(path, new Map(ids.map((id, i) => [id, i])), log, { minOrders });
  return { pairs: minePairs(counts, ids, { minOrders, top }).pairs, total: counts.total };
}

async function inDuckDb(path: string, ids: readonly string[], minOrders: number, top: number) {
  const { log, err } = captureLog();
  const index = new Map(ids.map((id, i) => [id, i]));
  const mined = await mineWithDuckDb(duckdb, path, new Map(ids.map((id) => [id, id])), log, { minOrders, top }, (id) => index.get(id)!);
  return { ...mined, err: err() };
}

/** Same pairs, same order, same orders; attachRate and lift within 1e-9. */
function expectSamePairs(actual: readonly MinedPair[], expected: readonly MinedPair[]) {
  expect(actual.map((p) => [p.from, p.to, p.orders])).toEqual(expected.map((p) => [p.from, p.to, p.orders]));
  actual.forEach((p, i) => {
    expect(Math.abs(p.attachRate - expected[i]!.attachRate), `${p.from} → ${p.to} attachRate`).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(p.lift - expected[i]!.lift), `${p.from} → ${p.to} lift`).toBeLessThanOrEqual(1e-9);
  });
}

describe('co-purchase.sql in DuckDB vs the streaming miner', () => {
  it.each([
    [1, 40, 600, 2, 3],
    [2, 25, 1500, 1, 1],
    [3, 60, 2500, 3, 10],
    [4, 10, 400, 5, 2],
  ])('seed %i: %i products, %i orders, --min-orders %i --top %i', async (seed, products, orders, minOrders, top) => {
    const { ids, lines } = generate(seed, products, orders);
    const path = tmp.file(`orders-${seed}.csv`);
    await writeLines(path, lines, seed % 2 ? '\r\n' : '\n');

    const expected = await streaming(path, ids, minOrders, top);
    const actual = await inDuckDb(path, ids, minOrders, top);
    expect(expected.pairs.length).toBeGreaterThan(10); // enough pairs for the check to mean something
    expectSamePairs(actual.pairs, expected.pairs);
    expect(actual.total).toBe(expected.total);
    // The malformed records are listed by line, as the streaming reader lists them.
    expect(actual.err).toMatch(new RegExp(`orders-${seed}\\.csv:${lines.length - 1}: expected 3 fields, found 2\\n`));
    expect(actual.badValues).toBe(3); // the empty order_id, the empty product_id, qty "many"
  });

  it('breaks ties at --top as the streaming miner does: more orders, then the id in code-point order', async () => {
    const { ids, lines } = generate(5, 20, 300);
    const path = tmp.file('ties.csv');
    await writeLines(path, lines);
    const expected = await streaming(path, ids, 6, 2);
    const actual = await inDuckDb(path, ids, 6, 2);
    expectSamePairs(actual.pairs, expected.pairs);
    const partners = async (top: number) => {
      const [mined, streamed] = [(await inDuckDb(path, ids, 6, top)).pairs, (await streaming(path, ids, 6, top)).pairs];
      expectSamePairs(mined, streamed);
      return mined.filter((p) => p.from === 'tie-anchor').map((p) => p.to);
    };
    // Four partners in exactly 6 orders each: the first in code-point order are kept. The
    // emoji (U+1F600) sorts after U+FF5A, where UTF-16 code units would put it first.
    expect(actual.pairs.filter((p) => p.from === 'tie-anchor').map((p) => p.to)).toEqual(['tie-a', 'tie-z']);
    expect(await partners(3)).toEqual(['tie-a', 'tie-z', 'tie-ｚ']);
    expect(await partners(4)).toEqual(['tie-a', 'tie-z', 'tie-ｚ', 'tie-😀']);
    expect('tie-😀' < 'tie-ｚ').toBe(true);
    expect(compareCodePoints('tie-😀', 'tie-ｚ')).toBeGreaterThan(0);
  });

  it('reads the same orders from Parquet, with the same result', async () => {
    const { ids, lines } = generate(6, 30, 1000);
    const csv = tmp.file('orders-6.csv');
    const parquet = tmp.file('orders-6.parquet');
    await writeLines(csv, lines);
    // Parquet from the CSV's good rows, qty as a number, the columns in another order and case.
    await withDuckDb(duckdb, (db) =>
      db.run(
        `COPY (SELECT CAST(qty AS DOUBLE) AS QTY, product_id AS Product_Id, order_id FROM read_csv(${sqlString(csv)}, ${CSV_OPTIONS}) WHERE NOT regexp_matches(coalesce(qty, ''), '[a-z]'))
         TO ${sqlString(parquet)} (FORMAT parquet)`,
      ),
    );
    const expected = await streaming(csv, ids, 2, 4);
    const actual = await inDuckDb(parquet, ids, 2, 4);
    expect(actual.format).toBe('Parquet');
    expectSamePairs(actual.pairs, expected.pairs);
    expect(actual.total).toBe(expected.total);
  });

  it('runs the Spark text unchanged but for its quoting (DuckDB has no backtick identifiers)', async () => {
    const { ids, lines } = generate(7, 40, 1200);
    const path = tmp.file('orders-7.csv');
    await writeLines(path, lines);
    const expected = await streaming(path, ids, 2, 5);

    const spark = coPurchaseSql({ dialect: 'spark', minOrders: 2, top: 5 });
    // The only backticks are the two output names: `from` and `to`.
    expect(spark.match(/`[^`]*`/g)).toEqual(['`from`', '`to`']);
    const rows = await withDuckDb(duckdb, async (db) => {
      // order_lines as the build counts them: purchases of catalog products.
      await db.run(`CREATE TABLE catalog (id VARCHAR)`);
      const appender = await db.createAppender('catalog');
      for (const id of ids) {
        appender.appendVarchar(id);
        appender.endRow();
      }
      appender.closeSync();
      await db.run(
        `CREATE TABLE order_lines AS SELECT order_id, product_id FROM read_csv(${sqlString(path)}, ${CSV_OPTIONS})
         WHERE product_id IN (SELECT id FROM catalog) AND order_id IS NOT NULL AND coalesce(qty, '1') NOT IN ('0', 'many')`,
      );
      return (await db.runAndReadAll(spark.replaceAll('`', '"'))).getRowObjectsJS();
    });
    const index = new Map(ids.map((id, i) => [id, i]));
    const pairs = rows.map((r) => ({ from: String(r.from), to: String(r.to), orders: Number(r.orders), attachRate: Number(r.attachRate), lift: Number(r.lift) }));
    expectSamePairs(inCatalogOrder(pairs, (id) => index.get(id)!), expected.pairs);
    // Its own order: anchors by id, each one's best first.
    expect(pairs.map((p) => p.from)).toEqual([...pairs.map((p) => p.from)].sort(compareCodePoints));
  });

  it('gives bit-identical figures, rounded half up as Math.round', async () => {
    // Halves at the 5th decimal (as the binary double has them) round as Math.round rounds.
    const rows = await withDuckDb(duckdb, async (db) =>
      (
        await db.runAndReadAll(
          'SELECT ROUND(x * 10000) / 10000 AS r, x FROM (SELECT CAST(v AS DOUBLE) AS x FROM (VALUES (0.12345), (0.00005), (0.99995), (1.00005), (0.3333333333333333)) t(v))',
        )
      ).getRowObjectsJS(),
    );
    for (const { r, x } of rows) expect(r).toBe(Math.round(Number(x) * 1e4) / 1e4);
  });
});
