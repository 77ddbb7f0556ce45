#!/usr/bin/env node
// `npm run audit`: what the widget costs a store's page, in figures (nothing here asserts).
//  1. Main-thread cost on a plain page with a generated 1,000-product catalog, on a 4× slower
//     CPU and unthrottled: long tasks, time to the first card, script evaluation, and what the
//     long tasks were doing (scripts/audit-main-thread.mjs).
//  2. Lighthouse (performance, mobile defaults) on the demo product page with and without the
//     widget's script tag (scripts/audit-lighthouse.mjs).
// Needs the built widget and demo: `npm run build && npx vite build --mode demo`.
// Options: --runs N (default 5), --no-lighthouse, --no-main-thread.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cpus, totalmem, release, platform } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Math.max(1, Math.min(20, Number(args[runsArg + 1]) || 5)) : 5;

const needed = ['dist/offerwise.js', 'dist-demo/demo/product.html', 'dist-demo/offerwise.js', 'dist-demo/catalog.json'];
const missing = needed.filter((f) => !existsSync(`${root}/${f}`));
if (missing.length) {
  console.error(`audit: ${missing.join(', ')} not found. Build the widget and the demo first:\n  npm run build && npx vite build --mode demo`);
  process.exit(1);
}

const started = Date.now();
const cpu = cpus();
console.log(`Offerwise audit · ${new Date().toISOString().slice(0, 10)}`);
console.log(`machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, ${platform()} ${release()}, Node ${process.version}`);
const size = (f) => {
  const b = readFileSync(`${root}/${f}`);
  return `${b.length.toLocaleString('en-US')} B (${gzipSync(b).length.toLocaleString('en-US')} B gzip), built ${statSync(`${root}/${f}`).mtime.toISOString().replace('T', ' ').slice(0, 19)}`;
};
console.log(`dist/offerwise.js ${size('dist/offerwise.js')}`);
console.log(`dist-demo/offerwise.js ${size('dist-demo/offerwise.js')}`);
if (!readFileSync(`${root}/dist/offerwise.js`).equals(readFileSync(`${root}/dist-demo/offerwise.js`))) {
  console.log('note: dist-demo/ holds a different offerwise.js than dist/ (rebuild the demo to compare the same build)');
}

// Imported only now, so a missing build is reported before anything heavy loads.
const { auditMainThread } = await import('./audit-main-thread.mjs');
const { auditLighthouse } = await import('./audit-lighthouse.mjs');
const part1 = args.includes('--no-main-thread') ? undefined : await auditMainThread({ root, runs });
const part2 = args.includes('--no-lighthouse') ? undefined : await auditLighthouse({ root, runs });

// The headline figures again, in one place (median / max of the runs).
const f = ([m, x], d = 0) => `${m.toFixed(d)} / ${x.toFixed(d)}`;
console.log('\n== Summary (median / max) ==');
for (const [rate, r] of Object.entries(part1?.results ?? {}).sort((a, b) => b[0] - a[0])) {
  console.log(
    `${rate === '1' ? 'unthrottled' : `CPU ${rate}×`}: first card ${f(r.toCard)} ms after script start; long tasks in the widget window ${f(r.longCount)} (longest ${f(r.longest)} ms, blocking ${f(r.blocking)} ms); evaluation ${f(r.evaluate, 1)} ms, mount ${f(r.mount, 1)} ms, catalog task ${f(r.catalogJob)} ms`,
  );
}
if (part2) {
  const d = (k, unit = ' ms', digits = 0) =>
    `${part2[k].with.toFixed(digits)}${unit} vs ${part2[k].without.toFixed(digits)}${unit} (${part2[k].delta >= 0 ? '+' : '−'}${Math.abs(part2[k].delta).toFixed(digits)})`;
  console.log(`Lighthouse demo product page, with vs without the widget: score ${d('score', '')}, TBT ${d('tbt')}, LCP ${d('lcp')}, CLS ${d('cls', '', 3)}`);
}
console.log(`\naudit took ${((Date.now() - started) / 1000).toFixed(0)} s`);
