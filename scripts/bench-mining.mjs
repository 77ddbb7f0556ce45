#!/usr/bin/env node
// Benchmark of the two mining engines of `offerwise build`: the streaming miner (the default)
// against DuckDB (`--engine duckdb`, reading CSV and Parquet), on generated (seeded) order
// lines: wall time and peak RSS of the BUILT CLI, each build run once. Build it first
// (dist/cli/offerwise.mjs) and have @duckdb/node-api installed, then:
//
//   node scripts/bench-mining.mjs [--lines 1000000,10000000] [--products 10000]
//                                 [--cli dist/cli/offerwise.mjs] [--keep]
//
// The data is bench-build.mjs's: products in families of 8, Zipf-like popularity, ~4 lines
// an order, lines fully shuffled (no order's lines adjacent). The Parquet file is written
// from the CSV by DuckDB before timing. Every run must write the same catalog (checked).
// Files go to a temp directory, removed at the end unless --keep.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { zipf, writeFileLines } from './bench-data.mjs';
import { benchCommandLine, measureCli } from './bench-measure.mjs';
import { seededRandom as seeded } from './seeded-random.mjs';

const { opt, flag, cli } = benchCommandLine();
const SIZES = opt('lines', '1000000,10000000').split(',').map(Number);
const PRODUCTS = Number(opt('products', 10_000));
const FAMILY = 8;
let duckdb;
try {
  duckdb = await import('@duckdb/node-api');
} catch {
  console.error('bench-mining: @duckdb/node-api is not installed (npm install @duckdb/node-api).');
  process.exit(1);
}

const count = (n) => n.toLocaleString('en-US');
const mb = (bytes) => `${(bytes / (1 << 20)).toFixed(1)} MB`;
const sku = (i) => `sku-${String(i).padStart(5, '0')}`;
const sql = (text) => `'${text.replaceAll("'", "''")}'`;

/** products.csv and orders.csv of `lines` order lines (bench-build.mjs's data); the orders' count. */
async function generate(dir, lines) {
  const random = seeded(42);
  await writeFileLines(join(dir, 'products.csv'), 'id,title,price,url', PRODUCTS, (i) => `${sku(i)},Product ${i},${5 + Math.floor(random() * 500)},/products/${sku(i)}`);
  const orderOf = new Int32Array(lines);
  const productOf = new Int32Array(lines);
  const family = zipf(random, Math.ceil(PRODUCTS / FAMILY), 0.9);
  const anyProduct = zipf(random, PRODUCTS, 1.05);
  let orders = 0;
  for (let line = 0; line < lines; orders++) {
    const size = 1 + Math.floor(random() * 7);
    const f = family();
    for (let k = 0; k < size && line < lines; k++, line++) {
      const inFamily = k === 0 ? (random() < 0.6 ? 0 : Math.floor(random() * FAMILY)) : Math.floor(random() * FAMILY);
      orderOf[line] = orders;
      productOf[line] = k === 0 || random() < 0.7 ? Math.min(PRODUCTS - 1, f * FAMILY + inFamily) : anyProduct();
    }
  }
  for (let i = lines - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [orderOf[i], orderOf[j]] = [orderOf[j], orderOf[i]];
    [productOf[i], productOf[j]] = [productOf[j], productOf[i]];
  }
  await writeFileLines(join(dir, 'orders.csv'), 'order_id,product_id,qty', lines, (i) => `ORD-2024-${String(orderOf[i]).padStart(8, '0')},${sku(productOf[i])},1`);
  return orders;
}

console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.versions.node}`);
const results = [];
for (const lines of SIZES) {
  const dir = await mkdtemp(join(tmpdir(), 'offerwise-bench-mining-'));
  const file = (name) => join(dir, name);
  try {
    let t = performance.now();
    const orders = await generate(dir, lines);
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT * FROM read_csv(${sql(file('orders.csv'))}, header = true, all_varchar = true)) TO ${sql(file('orders.parquet'))} (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    console.log(
      `\n${count(lines)} order lines (${count(orders)} orders), ${count(PRODUCTS)} products: orders.csv ${mb(statSync(file('orders.csv')).size)}, ` +
        `orders.parquet ${mb(statSync(file('orders.parquet')).size)}; generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const runs = [
      ['streaming, CSV', ['--orders', file('orders.csv')]],
      ['DuckDB, CSV', ['--orders', file('orders.csv'), '--engine', 'duckdb']],
      ['DuckDB, Parquet', ['--orders', file('orders.parquet'), '--engine', 'duckdb']],
    ];
    let reference;
    for (const [name, orderArgs] of runs) {
      const out = file(`catalog-${results.length}.json`);
      const r = measureCli(cli, ['build', '--products', file('products.csv'), ...orderArgs, '--out', out]);
      if (r.status !== 0) {
        console.error(`${name}: exit ${r.status}\n${r.stderr.split('\tCommand being timed')[0]}`);
        process.exitCode = 1;
        continue;
      }
      const digest = createHash('sha256').update(readFileSync(out)).digest('hex');
      reference ??= digest;
      const same = digest === reference ? 'same catalog' : 'DIFFERENT CATALOG';
      if (digest !== reference) process.exitCode = 1;
      const links = /wrote .*?: [\d,]+ products, ([\d,]+) links/.exec(r.stdout)?.[1];
      results.push({ lines, name, wallMs: r.wallMs, maxRssMb: r.maxRssMb });
      console.log(`  ${name.padEnd(16)} ${(r.wallMs / 1000).toFixed(2).padStart(7)} s  ${r.maxRssMb.toFixed(0).padStart(6)} MB peak RSS  ${links} links, ${same}`);
    }
  } finally {
    if (flag('keep')) console.log(`files kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

console.log('\n| order lines | engine, input | wall time | peak RSS |\n| ---: | --- | ---: | ---: |');
for (const r of results) console.log(`| ${count(r.lines)} | ${r.name} | ${(r.wallMs / 1000).toFixed(1)} s | ${r.maxRssMb.toFixed(0)} MB |`);
