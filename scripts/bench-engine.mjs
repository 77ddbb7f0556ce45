#!/usr/bin/env node
// Engine benchmark (prints figures; not a test). For generated catalogs of 1k, 10k and 100k
// products: the time to parse and index the catalog, decisions per second of the engine,
// the same for a naive engine that scans every link for each anchor (the baseline), and,
// at 100k, the bytes one product page fetches from a sharded catalog vs the whole file.
// Needs `npm run build` (it runs the built dist/server.mjs and dist/cli/offerwise.mjs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateLinkedCatalog as generate } from './bench-data.mjs';
import { seededRandom as random } from './seeded-random.mjs';

const root = new URL('..', import.meta.url).pathname;
const { parseCatalog, choose } = await import(join(root, 'dist/server.mjs'));
const SIZES = [1_000, 10_000, 100_000];
const TODAY = '2026-11-22';

function time(fn) {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
}

/** Decisions per second over ~1 s of varied contexts (product, cart, account pages). */
function rate(catalog, decide, n, rand) {
  const contexts = [];
  for (let i = 0; i < 500; i++) {
    const id = () => `p${Math.floor(rand() * n)}`;
    const kind = i % 3;
    contexts.push({
      placement: kind === 0 ? 'product' : kind === 1 ? 'cart' : 'account',
      product: id(),
      cart: kind === 1 ? [{ id: id(), qty: 1 }, { id: id(), qty: 2 }, { id: id(), qty: 1 }] : [],
      owned: kind === 2 ? [{ id: id(), purchasedAt: '2026-01-01' }, { id: id(), purchasedAt: '2026-05-01' }] : [],
      customer: { orders: 3, spent: 300, lastOrder: '2026-10-01' },
      dismissed: [],
      exclude: [],
      max: 2,
    });
  }
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) for (const c of contexts) (decide(catalog, c, TODAY), count++);
  return count / ((performance.now() - start) / 1000);
}

/** The baseline: the same engine, but each anchor's links found by scanning every link. */
function naive(catalog) {
  const scan = (pick) => ({ get: (key) => catalog.links.filter((l) => pick(l) === key) });
  return {
    ...catalog,
    linksFrom: scan((l) => l.from),
    linksFromCategory: scan((l) => (l.from.startsWith('category:') ? l.from.slice(9) : undefined)),
  };
}

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const rows = [];
const dir = mkdtempSync(join(tmpdir(), 'offerwise-bench-'));
try {
  for (const n of SIZES) {
    const doc = generate(n);
    const json = JSON.stringify(doc);
    const [parseMs, parsed] = time(() => parseCatalog(JSON.parse(json)));
    if (!parsed.ok) throw new Error(parsed.error);
    const fast = rate(parsed.catalog, choose, n, random(7));
    const slow = rate(naive(parsed.catalog), choose, n, random(7));
    rows.push({ n, links: doc.links.length, bytes: json.length, gzip: gzipSync(json).length, parseMs, fast, slow });

    if (n === 100_000) {
      // Sharded vs whole: write the catalog as CSV, shard it with the CLI, and add up what a
      // product page fetches (index.json + the anchor's shard; + its category's, if any).
      const csv = (list, cols) =>
        [cols.join(','), ...list.map((o) => cols.map((c) => (o[c] === undefined ? '' : String(o[c]))).join(','))].join('\n');
      writeFileSync(join(dir, 'products.csv'), csv(doc.products, ['id', 'title', 'price', 'url', 'image', 'category', 'cost', 'rating', 'reviewCount']));
      writeFileSync(join(dir, 'links.csv'), csv(doc.links, ['from', 'to', 'kind', 'upsell', 'attachRate']));
      execFileSync(process.execPath, [join(root, 'dist/cli/offerwise.mjs'), 'build', '--products', join(dir, 'products.csv'), '--links', join(dir, 'links.csv'), '--shard', join(dir, 'shards')], { stdio: 'ignore' });
      const index = JSON.parse(readFileSync(join(dir, 'shards/index.json'), 'utf8'));
      const shardFile = (k) => join(dir, 'shards', index.shards.path.replace('{n}', String(k)));
      const fnv = (s) => {
        let h = 0x811c9dc5;
        for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
        return h;
      };
      const page = 'p4242';
      const files = [join(dir, 'shards/index.json'), shardFile(fnv(page) % index.shards.count)];
      const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
      const gz = files.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);
      rows.at(-1).sharded = { count: index.shards.count, bytes, gz };
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`Offerwise engine benchmark · Node ${process.version} · ${process.arch}`);
console.log('products   links    catalog (gzip)    parse+index   decisions/s   naive scan/s   speed-up');
for (const r of rows) {
  console.log(
    [
      fmt(r.n).padStart(8),
      fmt(r.links).padStart(8),
      `${fmt(r.bytes / 1e6, 1)} MB (${fmt(r.gzip / 1e3)} KB)`.padStart(18),
      `${fmt(r.parseMs)} ms`.padStart(13),
      fmt(r.fast).padStart(13),
      fmt(r.slow).padStart(14),
      `${fmt(r.fast / r.slow, 0)}×`.padStart(10),
    ].join(' '),
  );
}
const big = rows.find((r) => r.sharded);
if (big) {
  const s = big.sharded;
  console.log(
    `\nOne product page at ${fmt(big.n)} products: sharded (${s.count} shards) fetches index.json + 1 shard = ${fmt(s.bytes / 1e3)} KB (${fmt(s.gz / 1e3, 1)} KB gzip); ` +
      `the whole catalog is ${fmt(big.bytes / 1e6, 1)} MB (${fmt(big.gzip / 1e3)} KB gzip): ${fmt(big.gzip / s.gz, 0)}× fewer gzip bytes.`,
  );
}
