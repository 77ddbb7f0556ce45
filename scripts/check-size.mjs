#!/usr/bin/env node
// `npm run size`: the bytes a store's page downloads (house style: budget the bytes in CI).
// Measures dist/offerwise.js (the file a store pastes) and every chunk it may load on demand
// (dist/offerwise-*.js), raw and gzip level 9 (Node's zlib). Fails when offerwise.js is over
// 24,000 B gzip or all of them together over 30,000 B; reports offerwise.js against the
// "done" (20,000 B) and goal (18,000 B) marks without failing. With the hidden source maps
// the build writes (dist/*.js.map), it also prints where the bytes go, per source group and
// file, as a markdown table for the README.
// Usage: node scripts/check-size.mjs [--dist DIR] [--by-module]   (--by-module: a row per module)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { attribute, groupOf, moduleOf } from './size-attribution.mjs';

export const ENTRY = 'offerwise.js';
export const LIMITS = {
  /** Fails above these (gzip bytes). */
  entryBudget: 24_000,
  // The issue's bound for the script and its chunks together.
  totalBudget: 30_000,
  /** Reported only. */
  entryDone: 20_000,
  entryGoal: 18_000,
};

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const distArg = args.indexOf('--dist');
const dist = distArg >= 0 && args[distArg + 1] ? args[distArg + 1] : join(root, 'dist');
const shown = (file) => relative(process.cwd(), join(dist, file)) || file;
const fmt = (n) => `${Math.round(n).toLocaleString('en-US')} B`;

if (!existsSync(join(dist, ENTRY))) {
  console.error(`size: ${shown(ENTRY)} not found. Build first: npm run build`);
  process.exit(1);
}
// The entry first, then its chunks by name; source maps and the ESM builds are not shipped to
// a store's page (offerwise.mjs and server.mjs are for bundlers and servers).
const chunks = readdirSync(dist)
  .filter((f) => /^offerwise-[\w.-]+\.js$/.test(f))
  .sort();
const files = [ENTRY, ...chunks].map((name) => {
  const raw = readFileSync(join(dist, name));
  return { name, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, code: raw.toString('utf8') };
});
const entry = files[0];
const total = { raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };

console.log(`| file | raw | gzip -9 |\n| --- | ---: | ---: |`);
for (const f of files) console.log(`| \`${shown(f.name)}\`${f === entry ? ' (the script tag)' : ''} | ${fmt(f.raw)} | ${fmt(f.gzip)} |`);
console.log(`| **all ${files.length} file${files.length === 1 ? '' : 's'}** | ${fmt(total.raw)} | **${fmt(total.gzip)}** |`);

const over = [];
if (entry.gzip > LIMITS.entryBudget) over.push(`${ENTRY} is ${fmt(entry.gzip - LIMITS.entryBudget)} over its budget of ${fmt(LIMITS.entryBudget)} gzip`);
if (total.gzip > LIMITS.totalBudget) over.push(`all files together are ${fmt(total.gzip - LIMITS.totalBudget)} over their budget of ${fmt(LIMITS.totalBudget)} gzip`);
const mark = (limit, name) => (entry.gzip <= limit ? `${name} ≤ ${fmt(limit)}: met (${fmt(limit - entry.gzip)} to spare)` : `${name} ≤ ${fmt(limit)}: not met (${fmt(entry.gzip - limit)} to go)`);
console.log(`\n${ENTRY}: ${fmt(entry.gzip)} gzip · budget ${fmt(LIMITS.entryBudget)} (fails above) · ${mark(LIMITS.entryDone, 'done')} · ${mark(LIMITS.entryGoal, 'goal')}`);
console.log(`all files: ${fmt(total.gzip)} gzip · budget ${fmt(LIMITS.totalBudget)} (fails above)`);

// Where the bytes go: each file's characters put to its sources through its map.
const mapped = files.filter((f) => existsSync(join(dist, `${f.name}.map`)));
if (!mapped.length) {
  console.log(`\n(no ${shown(`${ENTRY}.map`)}: build with source maps to see where the bytes go)`);
} else {
  let SourceMapConsumer;
  try {
    ({ SourceMapConsumer } = await import('source-map-js'));
  } catch {
    console.log('\n(where the bytes go needs the source-map-js package: npm i -D source-map-js)');
  }
  if (SourceMapConsumer) {
    const columns = [];
    for (const f of mapped) {
      const map = JSON.parse(readFileSync(join(dist, `${f.name}.map`), 'utf8'));
      const consumer = new SourceMapConsumer(map);
      // Sources in the map are relative to the map's folder; name them from the repository.
      const mapDir = relative(root, dist).split('\\').join('/') || '.';
      columns.push({ file: f, rows: attribute(f.code, consumer, f.gzip, { mapDir, by: args.includes('--by-module') ? moduleOf : groupOf }) });
    }
    const groups = new Map();
    for (const { file, rows } of columns) {
      for (const r of rows) {
        const g = groups.get(r.group) ?? { group: r.group, by: new Map(), gzip: 0 };
        g.by.set(file.name, r.gzip);
        g.gzip += r.gzip;
        groups.set(r.group, g);
      }
    }
    const sum = columns.reduce((s, c) => s + c.file.gzip, 0);
    const sorted = [...groups.values()].sort((a, b) => b.gzip - a.gzip || a.group.localeCompare(b.group));
    const head = columns.map((c) => `\`${basename(c.file.name)}\``);
    console.log(`\nWhere the bytes go (gzip -9 bytes, estimated: each file's minified characters put to their sources through ${columns.length === 1 ? 'its source map' : 'the source maps'}, scaled to the file's gzip size)\n`);
    console.log(`| ${args.includes('--by-module') ? 'module' : 'source'} | ${head.join(' | ')} |${columns.length > 1 ? ' all |' : ''} share |`);
    console.log(`| --- | ${columns.map(() => '---:').join(' | ')} |${columns.length > 1 ? ' ---: |' : ''} ---: |`);
    for (const g of sorted) {
      const cells = columns.map((c) => (g.by.has(c.file.name) ? fmt(g.by.get(c.file.name)) : ''));
      console.log(`| ${g.group} | ${cells.join(' | ')} |${columns.length > 1 ? ` ${fmt(g.gzip)} |` : ''} ${((g.gzip / sum) * 100).toFixed(1)}% |`);
    }
    console.log(`| **total** | ${columns.map((c) => `**${fmt(c.file.gzip)}**`).join(' | ')} |${columns.length > 1 ? ` **${fmt(sum)}** |` : ''} 100% |`);
    const unmapped = files.filter((f) => !mapped.includes(f));
    if (unmapped.length) console.log(`(no source map for ${unmapped.map((f) => f.name).join(', ')}: left out of this table)`);
  }
}

if (over.length) {
  console.error(`\nsize: OVER BUDGET: ${over.join('; ')}.`);
  process.exit(1);
}
