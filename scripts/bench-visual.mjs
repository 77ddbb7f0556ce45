#!/usr/bin/env node
// Benchmark of `offerwise build --visual` with the BUILT CLI (dist/cli/offerwise.mjs): wall time
// and peak RSS, and how often a link joins products of the same look.
//
//   node scripts/bench-visual.mjs [--pictures 10000] [--distinct 240] [--vectors 100000]
//                                 [--dimensions 512] [--cli dist/cli/offerwise.mjs] [--keep]
//
// - Pictures: `--pictures` products, each with its own JPEG file under --image-dir, the full
//   path of the default descriptor (decode with sharp, mask the backdrop, describe). The files
//   are `--distinct` studio photos drawn by scripts/jewellery-images.mjs (necklaces, earrings and
//   rings in four materials), hard-linked over and over: each file is still read and decoded,
//   while drawing 10,000 photos would take the benchmark minutes of its own.
// - Vectors: `--vectors` products with embeddings of `--dimensions` numbers from Parquet
//   (through DuckDB), as a store running CLIP would give them: 400 looks, each product its
//   look's direction plus noise. Drawing and describing 100,000 pictures would take most of
//   an hour here, so this size measures the rest (reading vectors, the usearch index, linking).
// Both run past 5,000 products, so the search is usearch's approximate one. "Same look" is the
// share of visual links between products of one material (pictures) or one look (vectors).
import { cpus, totalmem, tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { link, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileLines } from './bench-data.mjs';
import { benchCommandLine, measureCli } from './bench-measure.mjs';
import { jewelleryPhoto, jewellerySet } from './jewellery-images.mjs';
import { seededRandom } from './seeded-random.mjs';

const { opt, flag, cli } = benchCommandLine();
const PICTURES = Number(opt('pictures', 10_000));
const DISTINCT = Number(opt('distinct', 240));
const VECTORS = Number(opt('vectors', 100_000));
const DIMENSIONS = Number(opt('dimensions', 512));
const LOOKS = 400;

const count = (n) => n.toLocaleString('en-US');
const CATEGORIES = ['necklaces', 'earrings', 'rings'];
const SHAPE_CATEGORY = { necklace: 'necklaces', earrings: 'earrings', ring: 'rings' };
/** A jeweller's prices: necklaces dearest, earrings cheapest, each with some spread. */
const price = (category, random) => ({ necklaces: 180, earrings: 60, rings: 110 })[category] + Math.round(random() * 80);
const PAIRS = 'necklaces:earrings,necklaces:rings,earrings:rings';

console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.versions.node}`);
const rows = [];
const dir = await mkdtemp(join(tmpdir(), 'offerwise-bench-visual-'));
const file = (name) => join(dir, name);
try {
  if (PICTURES > 0) await pictures();
  if (VECTORS > 0) await vectors();
  console.log('\n| products | from | wall time | peak RSS | visual links | same look |\n| ---: | --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${count(r.products)} | ${r.from} | ${(r.wallMs / 1000).toFixed(1)} s | ${r.maxRssMb.toFixed(0)} MB | ${count(r.links)} | ${(100 * r.sameLook).toFixed(1)}% |`);
} finally {
  if (flag('keep')) console.log(`\nfiles kept in ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}

/** `--pictures` products whose images are hard links to `--distinct` generated studio photos. */
async function pictures() {
  const random = seededRandom(7);
  let t = performance.now();
  const set = jewellerySet({ perCell: Math.max(1, Math.round(DISTINCT / 12)), seed: 2026 });
  await mkdir(file('photos'));
  await mkdir(file('img'));
  for (const spec of set) await writeFile(file(`photos/${spec.id}.jpg`), await jewelleryPhoto(spec));
  const drawn = performance.now() - t;
  t = performance.now();
  const materialOf = new Map();
  await writeFileLines(file('products.csv'), 'id,title,price,url,image,category,inStock', PICTURES, (i) => {
    const spec = set[i % set.length];
    const category = SHAPE_CATEGORY[spec.shape];
    materialOf.set(`p${i}`, spec.material);
    return `p${i},${spec.material} ${spec.shape} ${i},${price(category, random)},/p/${i},/img/p${i}.jpg,${category},${random() < 0.95}`;
  });
  for (let i = 0; i < PICTURES; i++) await link(file(`photos/${set[i % set.length].id}.jpg`), file(`img/p${i}.jpg`));
  console.log(`\n${count(PICTURES)} products with pictures: ${set.length} distinct photos drawn in ${(drawn / 1000).toFixed(1)} s, linked as ${count(PICTURES)} files in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  run(PICTURES, 'pictures (default descriptor)', ['--image-dir', dir], (id) => materialOf.get(id));
}

/** `--vectors` products with generated embeddings in Parquet (through DuckDB). */
async function vectors() {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const t = performance.now();
  const random = seededRandom(11);
  await writeFileLines(file('products-v.csv'), 'id,title,price,url,category,inStock', VECTORS, (i) => {
    const category = CATEGORIES[Math.floor(i / LOOKS) % 3];
    return `v${i},Product ${i},${price(category, random)},/p/v${i},${category},${random() < 0.95}`;
  });
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const db = await instance.connect();
  // Box–Muller normals; one thread, so the seed gives the same vectors every time.
  const normal = 'sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())';
  await db.run('SELECT setseed(0.42)');
  await db.run(`CREATE TABLE looks AS SELECT s, list_transform(range(${DIMENSIONS}), j -> ${normal}) AS c FROM range(${LOOKS}) t(s)`);
  await db.run(
    `COPY (SELECT 'v' || i AS id, list_transform(range(${DIMENSIONS}), j -> (c[j + 1] + 0.45 * ${normal})::FLOAT) AS embedding ` +
      `FROM range(${VECTORS}) t(i) JOIN looks ON s = i % ${LOOKS} ORDER BY i) TO '${file('vectors.parquet')}' (FORMAT parquet)`,
  );
  db.closeSync();
  instance.closeSync();
  console.log(`\n${count(VECTORS)} products with ${DIMENSIONS}-number embeddings (${LOOKS} looks): generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  run(VECTORS, `embeddings, ${DIMENSIONS} numbers (Parquet)`, ['--embeddings', file('vectors.parquet')], (id) => Number(id.slice(1)) % LOOKS, 'products-v.csv');
}

/** One build: its summary, then the figures, and the share of links within one look. */
function run(products, from, more, lookOf, productsFile = 'products.csv') {
  const out = file(`catalog-${products}.json`);
  const buildArgs = ['build', '--products', file(productsFile), '--visual', '--pair-categories', PAIRS, ...more, '--out', out];
  console.log(`$ offerwise ${buildArgs.join(' ').replaceAll(dir, '$TMP')}`);
  const r = measureCli(cli, buildArgs);
  console.log(r.stdout.replaceAll(dir, '$TMP').trimEnd());
  if (r.status !== 0) {
    console.error(r.stderr.split('\tCommand being timed')[0].replaceAll(dir, '$TMP'));
    process.exitCode = 1;
    return;
  }
  const links = JSON.parse(readFileSync(out, 'utf8')).links.filter((l) => l.source === 'visual');
  const sameLook = links.filter((l) => lookOf(l.from) === lookOf(l.to)).length / Math.max(1, links.length);
  console.log(`wall time ${(r.wallMs / 1000).toFixed(1)} s  ·  peak RSS ${r.maxRssMb.toFixed(0)} MB (${r.how})  ·  ${count(links.length)} visual links, ${(100 * sameLook).toFixed(1)}% of them within one look`);
  rows.push({ products, from, wallMs: r.wallMs, maxRssMb: r.maxRssMb, links: links.length, sameLook });
}
