#!/usr/bin/env node
// Benchmark of `offerwise build` on generated (seeded) data: wall time and peak RSS of the
// BUILT CLI. Build it first (dist/cli/offerwise.mjs), then:
//
//   node scripts/bench-build.mjs [--products 10000] [--lines 1000000] [--numeric-ids] [--shard]
//                                [--cli dist/cli/offerwise.mjs] [--keep]
//
// The data: products in families of 8 (a phone and its accessories, a machine and its
// consumables), popularity Zipf-like over families; ~4 lines per order (so ~250,000 orders
// for 1,000,000 lines), most items from the first item's family, some from anywhere. Lines
// are fully shuffled, so no order's lines are adjacent (the worst case for memory). Order
// ids are strings like `ORD-2024-0123456` unless --numeric-ids. Files go to a temp directory,
// removed at the end unless --keep.
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipf, writeFileLines } from './bench-data.mjs';
import { benchCommandLine, measureCli } from './bench-measure.mjs';
import { seededRandom as seeded } from './seeded-random.mjs';

const { opt, flag, cli } = benchCommandLine();
const PRODUCTS = Number(opt('products', 10_000));
const LINES = Number(opt('lines', 1_000_000));
const FAMILY = 8;

const random = seeded(42);

const sku = (i) => `sku-${String(i).padStart(5, '0')}`;
const mb = (bytes) => `${(bytes / (1 << 20)).toFixed(1)} MB`;

const dir = await mkdtemp(join(tmpdir(), 'offerwise-bench-'));
const file = (name) => join(dir, name);
try {
  let t = performance.now();
  const families = Math.ceil(PRODUCTS / FAMILY);
  await writeFileLines(file('products.csv'), 'id,title,price,url,category,inStock,cost', PRODUCTS, (i) => {
    const price = (5 + Math.floor(random() * 500)).toFixed(2);
    return `${sku(i)},"Product ${i}, family ${Math.floor(i / FAMILY)}",${price},/products/${sku(i)},cat-${Math.floor(i / FAMILY) % 60},${random() < 0.95},${(price * 0.6).toFixed(2)}`;
  });

  // Order lines: (order, product) in two typed arrays, then shuffled as a whole.
  const orderOf = new Int32Array(LINES);
  const productOf = new Int32Array(LINES);
  const family = zipf(random, families, 0.9);
  const anyProduct = zipf(random, PRODUCTS, 1.05);
  let orders = 0;
  for (let line = 0; line < LINES; orders++) {
    const size = 1 + Math.floor(random() * 7); // 1 … 7, 4 on average
    const f = family();
    for (let k = 0; k < size && line < LINES; k++, line++) {
      // The family's first product is its "main" one: most orders start there.
      const inFamily = k === 0 ? (random() < 0.6 ? 0 : Math.floor(random() * FAMILY)) : Math.floor(random() * FAMILY);
      const p = k === 0 || random() < 0.7 ? Math.min(PRODUCTS - 1, f * FAMILY + inFamily) : anyProduct();
      orderOf[line] = orders;
      productOf[line] = p;
    }
  }
  for (let i = LINES - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [orderOf[i], orderOf[j]] = [orderOf[j], orderOf[i]];
    [productOf[i], productOf[j]] = [productOf[j], productOf[i]];
  }
  const orderId = flag('numeric-ids') ? (o) => String(100_000_000 + o) : (o) => `ORD-2024-${String(o).padStart(7, '0')}`;
  await writeFileLines(file('orders.csv'), 'order_id,product_id,qty,customer_id,date', LINES, (i) => {
    const o = orderOf[i];
    return `${orderId(o)},${sku(productOf[i])},1,cust-${o % 90_000},2024-${String(1 + (o % 12)).padStart(2, '0')}-${String(1 + (o % 28)).padStart(2, '0')}`;
  });
  const generated = performance.now() - t;
  console.log(
    `generated ${PRODUCTS.toLocaleString('en-US')} products and ${LINES.toLocaleString('en-US')} order lines ` +
      `(${orders.toLocaleString('en-US')} orders, ${mb(statSync(file('orders.csv')).size)}) in ${(generated / 1000).toFixed(1)} s`,
  );

  const runs = [['--out', file('catalog.json')]];
  if (flag('shard')) runs.push(['--shard', file('shop')]);
  for (const output of runs) {
    const buildArgs = ['build', '--products', file('products.csv'), '--orders', file('orders.csv'), ...output];
    const figures = measureCli(cli, buildArgs);
    console.log(`\n$ offerwise ${buildArgs.join(' ').replaceAll(dir, '$TMP')}`);
    console.log(figures.stdout.replaceAll(dir, '$TMP').trimEnd());
    if (figures.status !== 0) {
      console.error(figures.stderr.split('\tCommand being timed')[0].replaceAll(dir, '$TMP'));
      if (/unknown command "build"/.test(figures.stderr)) console.error('The built CLI has no build command yet: wire src/cli/build into main.ts and rebuild.');
      process.exitCode = 1;
      continue;
    }
    const rate = LINES / (figures.wallMs / 1000);
    console.log(
      `\nwall time ${(figures.wallMs / 1000).toFixed(2)} s  ·  peak RSS ${figures.maxRssMb.toFixed(0)} MB (${figures.how})  ·  ` +
        `${Math.round(rate).toLocaleString('en-US')} order lines/s`,
    );
  }
} finally {
  if (flag('keep')) console.log(`\nfiles kept in ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
