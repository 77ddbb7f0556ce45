import * as duckdb from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCatalog } from '../../catalog/validate-catalog';
import { EXIT } from '../cli-io';
import { coPurchaseSql } from '../sql/co-purchase-sql';
import { generate, productLines } from './co-purchase-fixtures';
import { sqlString, withDuckDb, type LoadDuckDb } from './duckdb-session';
import { runBuild } from './run-build';
import { captureIo, makeTempDir, writeLines } from './test-fixtures';

/**
 * `build --engine duckdb` and `build --pairs`, end to end: the catalog they write is the
 * streaming build's, byte for byte, on the same input.
 */
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const file = (name: string) => tmp.file(name);
const WOO_PRODUCTS = fileURLToPath(new URL('./fixtures/woo-products.csv', import.meta.url));

/** What a machine without the optional peer dependency gives `import('@duckdb/node-api')`. */
const missingDuckDb: LoadDuckDb = () =>
  Promise.reject(Object.assign(new Error("Cannot find package '@duckdb/node-api' imported from /app/offerwise.mjs"), { code: 'ERR_MODULE_NOT_FOUND' }));

async function build(args: string[], loadDuckDb?: LoadDuckDb) {
  const io = captureIo();
  const code = await runBuild(args, io, loadDuckDb ? { loadDuckDb } : {});
  return { code, out: io.out(), err: io.err() };
}

/** Build with `inputs` once per variant; every build must succeed. Returns each catalog's text. */
async function catalogs(inputs: string[], variants: Record<string, string[]>) {
  const texts: Record<string, string> = {};
  const runs: Record<string, Awaited<ReturnType<typeof build>>> = {};
  for (const [name, extra] of Object.entries(variants)) {
    const out = file(`${name}.json`);
    const r = await build([...inputs, ...extra, '--out', out]);
    expect(r.code, r.err).toBe(EXIT.ok);
    texts[name] = await readFile(out, 'utf8');
    runs[name] = r;
  }
  return { texts, runs };
}

beforeAll(async () => {
  tmp = await makeTempDir();
  const { ids, lines } = generate(11, 50, 3000);
  await writeLines(file('products.csv'), productLines(ids), '\r\n');
  await writeLines(file('orders.csv'), lines);
  await writeLines(file('links.csv'), ['from,to,kind,reason', 'tie-anchor,tie-a,cross-sell,Curated', '"a,b","say ""hi""",upsell,Better']);
});
afterAll(() => tmp?.remove());

describe('build --engine duckdb', () => {
  it('writes the streaming build\'s catalog, byte for byte (curated links merged, ties, unicode, bad rows)', async () => {
    for (const mining of [[], ['--min-orders', '1', '--top', '2'], ['--min-orders', '6', '--top', '3']]) {
      const inputs = ['--products', file('products.csv'), '--links', file('links.csv'), '--orders', file('orders.csv'), ...mining];
      const { texts, runs } = await catalogs(inputs, { streaming: [], duckdb: ['--engine', 'duckdb'] });
      expect(texts.duckdb).toBe(texts.streaming);
      const doc = JSON.parse(texts.duckdb!);
      expect(validateCatalog(doc)).toEqual([]);
      expect(doc.links.length).toBeGreaterThan(20);
      // The same bad records listed by line; the same price warnings.
      const lineErrors = (err: string) => err.split('\n').filter((l) => /orders\.csv:\d+: expected/.test(l));
      expect(lineErrors(runs.duckdb!.err)).toEqual(lineErrors(runs.streaming!.err));
      expect(runs.duckdb!.err.match(/never offered|priced above/g)).toEqual(runs.streaming!.err.match(/never offered|priced above/g));
    }
  });

  it('says what it did in the summary', async () => {
    const r = await build(['--products', file('products.csv'), '--orders', file('orders.csv'), '--engine', 'duckdb', '--out', file('summary.json')]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toMatch(/orders\.csv: [\d,]+ rows, [\d,]+ orders with a catalog product; 2 bad rows left out; .*3 rows with an empty order_id or product_id or a qty that is not a number left out \(without --engine duckdb they are listed by line\)\n/);
    expect(r.out).toMatch(/\nmining in DuckDB v\d+\.\d+\.\d+: [\d,]+ pairs kept \(in ≥ 3 orders, lift > 1, top 10 per anchor\)\n/);
    expect(r.out).toMatch(/\nmemory: DuckDB, out of core: up to .+ in memory, the rest spilled to a temporary directory; .*orders\.csv read twice/);
  });

  it("maps SKUs and variation ids to their product as the streaming build does (WooCommerce's export)", async () => {
    // 20 is a variable product: its variations 21 and 22, and the SKUs, name it too.
    await writeLines(file('woo-orders.csv'), [
      'order_id,product_id',
      ...Array.from({ length: 5 }, (_, o) => [`a${o},woo-vneck-tee-red`, `a${o},woo-beanie`]).flat(),
      ...Array.from({ length: 2 }, (_, o) => [`b${o},22`, `b${o},30`, `b${o},20`]).flat(),
      ...Array.from({ length: 3 }, (_, o) => `c${o},10`),
      'd,woo-unknown',
    ]);
    const { texts } = await catalogs(['--products', WOO_PRODUCTS, '--orders', file('woo-orders.csv'), '--min-orders', '2'], {
      streaming: [],
      duckdb: ['--engine', 'duckdb'],
    });
    expect(texts.duckdb).toBe(texts.streaming);
    expect(JSON.parse(texts.duckdb!).links.map((l: { from: string; to: string; orders: number }) => `${l.from}→${l.to} ${l.orders}`)).toEqual([
      '20→30 7',
      '30→20 7',
    ]);
  });

  it('reads Parquet orders (only with --engine duckdb)', async () => {
    const parquet = file('orders.parquet');
    await withDuckDb(duckdb, (db) =>
      db.run(
        `COPY (SELECT * FROM read_csv(${sqlString(file('orders.csv'))}, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true, ignore_errors = true))
         TO ${sqlString(parquet)} (FORMAT parquet)`,
      ),
    );
    const { texts, runs } = await catalogs(['--products', file('products.csv'), '--links', file('links.csv')], {
      streaming: ['--orders', file('orders.csv')],
      parquet: ['--orders', parquet, '--engine', 'duckdb'],
    });
    expect(texts.parquet).toBe(texts.streaming);
    expect(runs.parquet!.out).toMatch(/orders\.parquet \(Parquet\): /);
    const streamed = await build(['--products', file('products.csv'), '--orders', parquet, '--out', file('no.json')]);
    expect(streamed.code).toBe(EXIT.usage);
    expect(streamed.err).toMatch(/orders\.parquet is Parquet: mine it with --engine duckdb\n/);
  });

  it('without DuckDB installed, says how to install it and exits 2, writing nothing', async () => {
    const out = file('never.json');
    const r = await build(['--products', file('products.csv'), '--orders', file('orders.csv'), '--engine', 'duckdb', '--out', out], missingDuckDb);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'offerwise build: --engine duckdb needs DuckDB, an optional peer dependency that is not installed. Install it beside offerwise (npm install @duckdb/node-api) and run the build again.\n',
    );
    expect(existsSync(out)).toBe(false);
  });

  it("refuses Shopify's order export (its columns are read by the streaming engine)", async () => {
    const shopify = fileURLToPath(new URL('./fixtures/shopify-orders.csv', import.meta.url));
    const r = await build(['--products', file('products.csv'), '--orders', shopify, '--engine', 'duckdb', '--out', file('no.json')]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/--engine duckdb reads orders\.csv's columns .*Shopify's order export is mined without it\n/);
  });
});

describe('build --pairs', () => {
  /** The warehouse's way: `offerwise sql`'s text over order_lines, its result written out. */
  async function pairsFile(name: string, format: 'csv' | 'parquet', minOrders = 3, top = 10) {
    const path = file(name);
    await withDuckDb(duckdb, async (db) => {
      await db.run(`CREATE TABLE catalog AS SELECT id FROM read_csv(${sqlString(file('products.csv'))}, header = true, all_varchar = true, quote = '"', escape = '"')`);
      await db.run(
        `CREATE TABLE order_lines AS SELECT order_id, product_id FROM read_csv(${sqlString(file('orders.csv'))}, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true, ignore_errors = true)
         WHERE product_id IN (SELECT id FROM catalog) AND order_id IS NOT NULL AND coalesce(qty, '1') NOT IN ('0', 'many')`,
      );
      await db.run(`COPY (${coPurchaseSql({ dialect: 'duckdb', minOrders, top })}) TO ${sqlString(path)} (FORMAT ${format}${format === 'csv' ? ', HEADER' : ''})`);
    });
    return path;
  }

  it('takes rows computed elsewhere, CSV or Parquet, and writes the catalog --orders would', async () => {
    const csv = await pairsFile('pairs.csv', 'csv');
    const parquet = await pairsFile('pairs.parquet', 'parquet');
    const { texts, runs } = await catalogs(['--products', file('products.csv'), '--links', file('links.csv')], {
      streaming: ['--orders', file('orders.csv')],
      csv: ['--pairs', csv],
      parquet: ['--pairs', parquet],
    });
    expect(texts.csv).toBe(texts.streaming);
    expect(texts.parquet).toBe(texts.streaming);
    expect(runs.csv!.err).not.toMatch(/pairs\.csv/); // no bad row (the price warnings are the streaming build's too)
    expect(runs.parquet!.out).toMatch(/pairs\.parquet \(Parquet\): ([\d,]+) rows, \1 pairs kept\nlinks: /);
  });

  it('checks every row: bad ones reported by line and left out, unknown products counted, names in any case', async () => {
    await writeLines(file('checked.csv'), [
      'FROM,To,orders,attachrate,LIFT,note',
      '"a,b",007,12,0.4,2.5,kept', // 2
      '007,"a,b",12,0.3,2.5,kept', // 3
      'tie-anchor,ghost,3,0.5,2,unknown product', // 4
      '"a,b",7,4,1.5,2,attachRate above 1', // 5
      '"a,b",7,-1,0.5,2,orders below 0', // 6
      '"a,b",7,2.5,0.5,,orders not whole; lift empty', // 7
      '7,7,3,0.5,2,itself', // 8
      '"a,b",007,12,0.4,2.5,again', // 9
      ',7,3,0.5,2,from empty', // 10
    ]);
    const r = await build(['--products', file('products.csv'), '--pairs', file('checked.csv'), '--out', file('checked.json')]);
    expect(r.code).toBe(EXIT.ok);
    const f = file('checked.csv');
    expect(r.err.replace(/^warning: .*\n/gm, '')).toBe(
      [
        `${f}:1: unknown column "note" ignored`,
        `${f}:5: attachRate "1.5": expected a number from 0 to 1`,
        `${f}:6: orders "-1": expected a whole number ≥ 0`,
        `${f}:7: orders "2.5": expected a whole number ≥ 0; lift is empty`,
        `${f}:8: from and to are the same product "7"`,
        `${f}:9: the pair a,b → 007 again (first at line 2)`,
        `${f}:10: from is empty`,
        '',
      ].join('\n'),
    );
    expect(r.out).toMatch(/checked\.csv: 9 rows, 2 pairs kept; 6 bad rows left out; 1 row naming 1 product not in the catalog ignored \(e\.g\. "ghost"\)\n/);
    const doc = JSON.parse(await readFile(file('checked.json'), 'utf8'));
    // In catalog order: "a,b" comes before "007" in products.csv.
    expect(doc.links).toEqual([
      { from: 'a,b', to: '007', kind: 'cross-sell', reason: 'Often bought with Product a,b', attachRate: 0.4, lift: 2.5, orders: 12, source: 'mined' },
      { from: '007', to: 'a,b', kind: 'cross-sell', reason: 'Often bought with Product 007', attachRate: 0.3, lift: 2.5, orders: 12, source: 'mined' },
    ]);
  });

  it('Parquet needs DuckDB: without it, says how to install it and exits 2', async () => {
    const parquet = await pairsFile('pairs-2.parquet', 'parquet', 2, 3);
    const r = await build(['--products', file('products.csv'), '--pairs', parquet, '--out', file('never.json')], missingDuckDb);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/pairs-2\.parquet: reading Parquet needs DuckDB, .*\(npm install @duckdb\/node-api\)/);
  });

  it.each([
    [['--orders', 'o.csv', '--pairs', 'p.csv'], 'give one of --orders <file> (pairs mined here) or --pairs <file> (pairs mined elsewhere), not both'],
    [['--pairs', 'p.csv', '--top', '3'], '--top goes with --orders: the rows of --pairs were chosen where they were computed ("offerwise sql --top …")'],
    [['--engine', 'duckdb'], '--engine goes with --orders <file> (the engine that mines them)'],
    [['--orders', 'o.csv', '--engine', 'spark'], '--engine: expected streaming or duckdb, got "spark"'],
  ])('%j is a usage error', async (args, message) => {
    const r = await build(['--products', file('products.csv'), ...args, '--out', file('x.json')]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toBe(`offerwise build: ${message}\nRun "offerwise build --help" for usage.\n`);
  });
});
