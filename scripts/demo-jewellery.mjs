#!/usr/bin/env node
// The demo store's jewellery corner, whose cross-sells come from `offerwise build --visual`:
//
//   npm run build && node scripts/demo-jewellery.mjs
//
// 1. Draws each product's picture with scripts/jewellery-images.mjs (a studio tile, SVG, as the
//    demo's other products have) into public/img/<id>.svg.
// 2. Runs the BUILT CLI on the corner's products (and its curated links, which keep their
//    pairs): `build --visual --pair-categories necklaces:earrings,necklaces:rings,earrings:rings
//    --image-dir public`, reading those pictures as a store's would be read.
// 3. Writes the corner's products and the visual links the build made into public/catalog.json,
//    in place of the ones there (the rest of the catalog is left as it is, line for line).
// The same files on every run: the drawings are seeded and the build is deterministic.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jewellerySvg } from './jewellery-images.mjs';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist/cli/offerwise.mjs');
const catalogPath = join(root, 'public/catalog.json');
const PAIRS = 'necklaces:earrings,necklaces:rings,earrings:rings';
if (!existsSync(cli)) {
  console.error('demo-jewellery: build the CLI first (npm run build).');
  process.exit(1);
}

/** The corner: each product's shop fields, and how it is drawn (`seed`, and its style where it matters). */
const CATEGORY = { necklace: 'necklaces', earrings: 'earrings', ring: 'rings' };
const CORNER = [
  ['necklace-gold', '14k Gold Pendant Necklace', 220, { cost: 95, rating: 4.8, reviewCount: 27 }, 'necklace', 'gold', 0],
  ['necklace-silver', 'Sterling Silver Pendant Necklace', 120, { cost: 40, rating: 4.6, reviewCount: 58 }, 'necklace', 'silver', 0],
  ['necklace-rose-gold', 'Rose Gold Drop Necklace', 180, { cost: 70, rating: 4.7, reviewCount: 19 }, 'necklace', 'rose-gold', 1],
  ['necklace-matte-black', 'Matte Black Bar Necklace', 95, { cost: 30 }, 'necklace', 'matte-black', 2],
  ['earrings-gold', '14k Gold Hoop Earrings', 140, { cost: 60, rating: 4.8, reviewCount: 41 }, 'earrings', 'gold', 2],
  ['earrings-silver', 'Sterling Silver Stud Earrings', 45, { cost: 12, rating: 4.7, reviewCount: 4 }, 'earrings', 'silver', 0],
  ['earrings-rose-gold', 'Rose Gold Drop Earrings', 85, { cost: 30 }, 'earrings', 'rose-gold', 1],
  ['earrings-matte-black', 'Matte Black Stud Earrings', 39, { cost: 11 }, 'earrings', 'matte-black', 0],
  ['ring-gold', '14k Gold Band Ring', 160, { cost: 70, rating: 4.9, reviewCount: 12 }, 'ring', 'gold', 1],
  ['ring-silver', 'Sterling Silver Ring with a White Stone', 70, { cost: 22 }, 'ring', 'silver', 0, true],
  ['ring-rose-gold', 'Rose Gold Band Ring', 110, { cost: 40 }, 'ring', 'rose-gold', 1],
  ['ring-matte-black', 'Matte Black Band Ring', 55, { cost: 16 }, 'ring', 'matte-black', 2],
].map(([id, title, price, more, shape, material, style, stone = false], i) => ({
  product: { id, title, price, url: `/demo/product.html?id=${id}`, image: `/img/${id}.svg`, category: CATEGORY[shape], ...more },
  spec: { shape, material, backdrop: i % 2 ? 'light-grey' : 'white', seed: 1000 + i, style, stone },
}));
const ids = new Set(CORNER.map((c) => c.product.id));

// 1. The pictures.
for (const { product, spec } of CORNER) await writeFile(join(root, 'public', product.image), jewellerySvg(spec, { compact: true }));

// 2. The build, on the corner alone, with its curated links (a pair they join keeps its link).
const catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));
const curated = catalog.links.filter((l) => l.source !== 'visual' && ids.has(l.from) && ids.has(l.to));
const dir = await mkdtemp(join(tmpdir(), 'offerwise-demo-jewellery-'));
let built;
try {
  const csv = (value) => (value === undefined ? '' : /[",\n]/.test(String(value)) ? `"${String(value).replaceAll('"', '""')}"` : String(value));
  const table = (columns, rows) => [columns.join(','), ...rows.map((row) => columns.map((c) => csv(row[c])).join(','))].join('\n') + '\n';
  await writeFile(join(dir, 'products.csv'), table(['id', 'title', 'price', 'url', 'image', 'category', 'cost'], CORNER.map((c) => c.product)));
  await writeFile(join(dir, 'links.csv'), table(['from', 'to', 'kind', 'upsell', 'reason', 'weight'], curated));
  const args = ['build', '--products', join(dir, 'products.csv'), '--links', join(dir, 'links.csv'), '--visual', '--pair-categories', PAIRS, '--image-dir', join(root, 'public'), '--image-cache', join(dir, 'cache'), '--out', join(dir, 'catalog.json')];
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  process.stderr.write(run.stderr.replaceAll(dir, '$TMP'));
  process.stdout.write(run.stdout.replaceAll(dir, '$TMP'));
  if (run.status !== 0) process.exit(run.status ?? 1);
  built = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8'));
} finally {
  await rm(dir, { recursive: true, force: true });
}

// 3. The corner's products where the first of them stood, its visual links after the last
// link from it; every other line of the file as it was.
const visual = built.links.filter((l) => l.source === 'visual');
let text = readFileSync(catalogPath, 'utf8');
text = editArray(text, 'products', (items) => {
  const at = items.findIndex((o) => o && ids.has(o.id));
  const rest = items.filter((o) => !(o && ids.has(o.id)));
  const where = at < 0 ? rest.length : at;
  return [...rest.slice(0, where), ...CORNER.map((c) => c.product), ...rest.slice(where)];
});
text = editArray(text, 'links', (items) => {
  const rest = items.filter((o) => o?.source !== 'visual');
  const after = rest.findLastIndex((o) => o && ids.has(o.from)) + 1 || rest.length;
  return [...rest.slice(0, after), ...visual, ...rest.slice(after)];
});
await writeFile(catalogPath, text);
console.log(`public/catalog.json: ${CORNER.length} jewellery products, ${visual.length} visual links`);

/**
 * Edit the array `key` of the demo's hand-written catalog, one item a line
 * (`    { "id": "…", "price": 220 },`), blank lines between groups kept (as `null` in `edit`'s
 * list). An item `edit` keeps keeps its line as written (`4.0` stays `4.0`); the commas follow.
 */
function editArray(text, key, edit) {
  const lines = text.split('\n');
  const start = lines.indexOf(`  "${key}": [`);
  const end = lines.findIndex((line, i) => i > start && /^  \],?$/.test(line));
  const written = new Map();
  const items = lines.slice(start + 1, end).map((line) => {
    if (line.trim() === '') return null;
    const o = JSON.parse(line.trim().replace(/,$/, ''));
    written.set(o, line.replace(/,$/, ''));
    return o;
  });
  const edited = edit(items);
  const last = edited.findLastIndex((o) => o !== null);
  const item = (o) => written.get(o) ?? `    { ${Object.entries(o).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
  const body = edited.map((o, i) => (o === null ? '' : item(o) + (i < last ? ',' : '')));
  return [...lines.slice(0, start + 1), ...body, ...lines.slice(end)].join('\n');
}
