#!/usr/bin/env node
// `npm run audit`: what the widget costs a store's page, in figures, and whether its goals hold
// (it prints them; it fails only when it cannot measure).
//  1. Long frames, BEFORE and AFTER: a plain store page with a generated 1,000-product
//     catalog on a 4× slower CPU, without and with the widget's tag, on a page that has
//     already formatted a number with Intl (scripts/audit-long-frames.mjs).
//  2. Lighthouse (performance, mobile defaults) on the demo product page with and without the
//     widget's script tag, median of 5 runs each (scripts/audit-lighthouse.mjs).
//  Goals: TBT delta ≤ 50 ms, performance score unchanged, no long frame of the widget's own.
// Needs the built widget and demo: `npm run build && npx vite build --mode demo`.
// Options: --runs N (default 5), --no-lighthouse, --no-long-frames, --detail (also the
// diagnostic part: traces, CPU profiles, timings, at 4× and unthrottled; adds minutes),
// --root DIR (audit the builds of another checkout).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = opt('root') ? resolve(opt('root')) : fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const runs = opt('runs') ? Math.max(1, Math.min(20, Number(opt('runs')) || 5)) : 5;

/** The goals the audit checks (embed.md's promise of a polite guest, in numbers). */
export const GOALS = { tbtDeltaMs: 50, scoreDelta: 0, ownLongFrames: 0 };

const needed = ['dist/offerwise.js', 'dist-demo/demo/product.html', 'dist-demo/offerwise.js', 'dist-demo/catalog.json'];
const missing = needed.filter((f) => !existsSync(`${root}/${f}`));
if (missing.length) {
  console.error(`audit: ${missing.join(', ')} not found. Build the widget and the demo first:\n  npm run build && npx vite build --mode demo`);
  process.exit(1);
}

const started = Date.now();
const cpu = cpus();
const busy = () => `load average ${loadavg()[0].toFixed(1)} on ${cpu.length} cores`;
console.log(`Offerwise audit · ${new Date().toISOString().slice(0, 10)}`);
console.log(`machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, ${platform()} ${release()}, Node ${process.version}; ${busy()} at the start`);
const size = (f) => {
  const b = readFileSync(`${root}/${f}`);
  return `${b.length.toLocaleString('en-US')} B (${gzipSync(b, { level: 9 }).length.toLocaleString('en-US')} B gzip), built ${statSync(`${root}/${f}`).mtime.toISOString().replace('T', ' ').slice(0, 19)}`;
};
console.log(`dist/offerwise.js ${size('dist/offerwise.js')}`);
for (const f of readdirSync(`${root}/dist`).filter((x) => /^offerwise-[\w.-]+\.js$/.test(x)).sort()) console.log(`dist/${f} ${size(`dist/${f}`)}`);
if (!readFileSync(`${root}/dist/offerwise.js`).equals(readFileSync(`${root}/dist-demo/offerwise.js`))) {
  console.log('note: dist-demo/ holds a different offerwise.js than dist/ (rebuild the demo to compare the same build)');
}

// Imported only now, so a missing build is reported before anything heavy loads.
const timed = async (what, run) => {
  const t0 = Date.now();
  const result = await run();
  console.log(`(${what}: ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return result;
};
const frames = args.includes('--no-long-frames') ? undefined : await timed('long frames', async () => (await import('./audit-long-frames.mjs')).auditLongFrames({ root, runs }));
const lighthouse = args.includes('--no-lighthouse') ? undefined : await timed('Lighthouse', async () => (await import('./audit-lighthouse.mjs')).auditLighthouse({ root, runs }));
if (args.includes('--detail')) await timed('detail', async () => (await import('./audit-main-thread.mjs')).auditMainThread({ root, runs }));

// The headline figures and the goals, in one table to paste into the README.
const ms = (n) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')} ms` : 'n/a');
const signed = (n, f) => (Number.isFinite(n) ? `${n >= 0 ? '+' : '−'}${f(Math.abs(n))}` : 'n/a');
const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? '**holds**' : '**does not hold**');
console.log('\n== Summary ==');
console.log('| goal | measured | |');
console.log('| --- | --- | --- |');
if (lighthouse) {
  const { tbt, score, runs: n } = lighthouse;
  console.log(`| Lighthouse TBT delta ≤ ${GOALS.tbtDeltaMs} ms | ${ms(tbt.with)} with vs ${ms(tbt.without)} without: ${signed(tbt.delta, ms)} (median of ${n.with} / ${n.without}) | ${verdict(tbt.delta <= GOALS.tbtDeltaMs)} |`);
  console.log(`| Lighthouse performance score unchanged | ${score.with.toFixed(0)} with vs ${score.without.toFixed(0)} without: ${signed(score.delta, (v) => v.toFixed(0))} | ${verdict(Math.round(score.delta) >= -GOALS.scoreDelta)} |`);
} else console.log('| Lighthouse TBT delta and score | not measured | |');
if (frames) {
  const own = frames.ownFrames;
  console.log(
    `| no long frame of the widget's own (CPU 4×, 1,000 products, Intl warm) | ${own.median} median, ${own.max} at most, in ${own.runsWith} of ${frames.runs} loads (${frames.ownBlockingFrames.median} with a task over 50 ms); blocking ${ms(frames.ownBlocking.median)} (max ${ms(frames.ownBlocking.max)}) | ${verdict(own.max <= GOALS.ownLongFrames)} |`,
  );
  console.log(`| (page) blocking time before → after the widget | ${ms(frames.before.blocking)} → ${ms(frames.after.blocking)}: ${signed(frames.after.blocking - frames.before.blocking, ms)}; long tasks ${frames.before.longTasks} → ${frames.after.longTasks} | |`);
  console.log(`| (not counted) the browser's first Intl.NumberFormat, alone | ${ms(frames.intlSetup)} at 4× | |`);
} else console.log('| long frames | not measured | |');
console.log(`\naudit took ${((Date.now() - started) / 1000).toFixed(0)} s; ${busy()} at the end${loadavg()[0] > cpu.length ? ' (a busy machine: other work inflates every figure)' : ''}`);
