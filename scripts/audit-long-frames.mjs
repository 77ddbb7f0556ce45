// Part 1 of `npm run audit`: does the widget add long frames to a store's page? The same
// plain store page with a generated 1,000-product catalog, on a 4× slower CPU (CDP
// Emulation.setCPUThrottlingRate), BEFORE (no widget) and AFTER (the widget's script tag),
// loads alternating, each in a fresh browser context (cold caches).
//
// The page formats its own price with Intl.NumberFormat in <head>, as store themes do: the
// browser's one-time number-format setup (50-240 ms at 4×) is then the page's, and the widget
// is measured on what it adds. That one-time cost is measured alone, in a fresh page, and
// reported beside the table, not against the goal.
//
// What counts as the widget's: every script it loads, by URL (dist/offerwise.js and each
// dist/offerwise-*.js chunk it imports). A long animation frame (≥ 50 ms, Chrome's
// long-animation-frame entries, which name the scripts that ran in the frame) is the
// widget's own when the widget's scripts ran in it longer than the page's; its blocking time
// is Chrome's `blockingDuration` (each long task's part over 50 ms, rendering included).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { generateCatalog, productImage } from './audit-catalog.mjs';
import { ARGS, calibrate, fixtureHtml, load, max, median, openPage, PRODUCT, SYSTEM_CHROMIUM, widgetChunkRoutes } from './audit-main-thread.mjs';
import { summarizeLoad } from './audit-attribution.mjs';
import { startServer } from './audit-server.mjs';

const RATE = 4;
const pathOf = (url) => {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
};
/** How long the page keeps recording after the first card (or, without the widget, after load). */
const SETTLE_MS = 1_500;
/** The first Intl.NumberFormat of a fresh page, alone: the browser's one-time setup. */
async function firstIntl(browser, origin) {
  const { context, page } = await openPage(browser, origin, RATE);
  try {
    return await page.evaluate(() => {
      const t0 = performance.now();
      new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(369.99);
      const t1 = performance.now();
      new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(12.5);
      return { first: t1 - t0, second: performance.now() - t1 };
    });
  } finally {
    await context.close();
  }
}

async function measure(browser, origin, path) {
  const { context, page } = await openPage(browser, origin, RATE);
  try {
    return summarizeLoad(await load(page, `${origin}${path}`));
  } finally {
    await context.close();
  }
}

const fmtMs = (n) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')} ms` : 'n/a');
const mm = (xs, f = (v) => String(v)) => (xs.length ? `${f(median(xs))} (${f(max(xs))})` : 'n/a');

/** Run part 1 and print it. Returns the figures the summary needs. */
export async function auditLongFrames({ root, runs = 5 }) {
  const doc = generateCatalog(1000);
  const json = JSON.stringify(doc);
  const dist = join(root, 'dist');
  const chunks = widgetChunkRoutes(dist, '/dist/');
  const routes = {
    '/blank.html': { body: '<!doctype html><title>blank</title><link rel="icon" href="data:,">', type: 'text/html; charset=utf-8' },
    '/before.html': { body: fixtureHtml({ widget: false, warmIntl: true, settleMs: SETTLE_MS }), type: 'text/html; charset=utf-8' },
    '/after.html': { body: fixtureHtml({ widget: true, warmIntl: true, settleMs: SETTLE_MS }), type: 'text/html; charset=utf-8' },
    '/catalog.json': { body: json, type: 'application/json; charset=utf-8' },
    '/dist/offerwise.js': { body: readFileSync(join(dist, 'offerwise.js')), type: 'text/javascript; charset=utf-8' },
    ...chunks,
  };
  for (const p of doc.products) routes[`/img/${p.id}.svg`] = { body: productImage(p.id), type: 'image/svg+xml' };
  const fmt = (n) => n.toLocaleString('en-US');
  console.log('\n== 1. Long frames: the store page before and after the widget (CPU 4× slower) ==');
  console.log(
    `page: plain product page, the widget's tag <script src="/dist/offerwise.js" data-catalog="/catalog.json" data-placement="product" data-product="${PRODUCT}" data-orders="2"> in the body (AFTER) or not (BEFORE); it formats its own price with Intl.NumberFormat in <head>; 1280×720; fresh browser context per load; recorded until ${fmt(SETTLE_MS)} ms after the first card (BEFORE: after load)`,
  );
  console.log(`catalog: ${fmt(doc.products.length)} products, ${fmt(doc.links.length)} links, ${fmt(json.length)} B (${fmt(gzipSync(json).length)} B gzip)`);
  console.log(`widget scripts served beside offerwise.js: ${Object.keys(chunks).map((p) => p.slice(6)).join(', ') || 'none (no dist/offerwise-*.js)'}`);

  const server = await startServer({ routes });
  const browser = await chromium.launch({ ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}), args: ARGS });
  const before = [];
  const after = [];
  const intl = [];
  let slowdown;
  try {
    const base = await calibrate(browser, server.origin, 1);
    slowdown = (await calibrate(browser, server.origin, RATE)) / base;
    console.log(`browser: ${browser.version()}, headless; CPU throttling check: a fixed JS loop ran ${slowdown.toFixed(2)}× slower at rate ${RATE}`);
    for (let i = 0; i < runs; i++) {
      for (const [list, path] of [[before, '/before.html'], [after, '/after.html']]) {
        try {
          list.push(await measure(browser, server.origin, path));
        } catch (error) {
          console.log(`  ${path} run ${i + 1} failed: ${String(error?.message ?? error).split('\n')[0]}`);
        }
      }
    }
    for (let i = 0; i < 3; i++) intl.push(await firstIntl(browser, server.origin));
  } finally {
    await browser.close();
    await server.close();
  }
  if (!after.length || !before.length) {
    console.log('No load succeeded on one of the pages: part 1 has no figures.');
    return undefined;
  }

  const pick = (list, k) => list.map((r) => r[k]);
  console.log(`\n| median (max) of ${after.length} loads each | before (no widget) | after (widget) | the widget's |`);
  console.log('| --- | ---: | ---: | ---: |');
  const row = (name, k, f, delta = true) => {
    const b = pick(before, k);
    const a = pick(after, k);
    const d = median(a) - median(b);
    console.log(`| ${name} | ${mm(b, f)} | ${mm(a, f)} | ${delta && Number.isFinite(d) ? `${d >= 0 ? '+' : '−'}${f(Math.abs(d))}` : ''} |`);
  };
  row('long tasks ≥ 50 ms', 'longTasks', String);
  row('blocking time (Σ each long task − 50 ms)', 'blocking', fmtMs);
  row('long animation frames ≥ 50 ms', 'longFrames', String);
  console.log(`| long frames with a widget script in them | | ${mm(pick(after, 'framesWithWidget'))} | |`);
  console.log(`| **the widget's own long frames** (its scripts ran longest) | | ${mm(pick(after, 'ownCount'))} | **${median(pick(after, 'ownCount'))}** |`);
  console.log(`| … of them with a task over 50 ms (blocking) | | ${mm(pick(after, 'ownBlockingCount'))} | |`);
  console.log(`| blocking time in the widget's own long frames | | ${mm(pick(after, 'ownBlocking'), fmtMs)} | **${fmtMs(median(pick(after, 'ownBlocking')))}** |`);
  console.log(`| the longest of them | | ${mm(pick(after, 'longestOwn'), fmtMs)} | |`);
  console.log(`| script start → first card | | ${mm(pick(after, 'toCard'), fmtMs)} | |`);
  console.log(`| the page's own first Intl.NumberFormat (in <head>) | ${mm(pick(before, 'pageIntlMs'), fmtMs)} | ${mm(pick(after, 'pageIntlMs'), fmtMs)} | |`);

  const firsts = intl.map((x) => x.first);
  console.log(
    `\nThe browser's one-time number-format setup, alone in a fresh page at 4×: the first Intl.NumberFormat ${fmtMs(median(firsts))} (runs ${firsts.map((v) => Math.round(v)).join(', ')} ms), a second one ${fmtMs(median(intl.map((x) => x.second)))}. Paid by the page above (its own price), so not counted against the widget; on a page that never formats a number, the widget's first price pays it.`,
  );
  const loaded = [...new Set(after.flatMap((r) => r.scripts.map((s) => s.url)))];
  console.log(`scripts the widget loaded: ${loaded.join(', ') || 'none recorded'}`);
  const cards = [...new Set(after.map((r) => r.offers.join(', ') || 'none'))];
  console.log(`cards shown: ${cards.join(' | ')}`);
  const errors = after.flatMap((r) => r.errors);
  if (errors.length) console.log(`offerwise:error events: ${[...new Set(errors.map((e) => `${e.code}: ${e.message}`))].join('; ')}`);

  // The widget's own long frames, each with the scripts that ran in it.
  const listed = after.flatMap((r, i) => r.ownFrames.map((f) => ({ run: i + 1, f, zero: Math.max(r.raw.beforeScript ?? 0, r.raw.script?.responseEnd ?? 0) })));
  if (listed.length) {
    console.log("the widget's own long frames (time from the script's start; scripts of 5 ms or more):");
    for (const { run, f, zero } of listed.slice(0, 8)) {
      const scripts = f.scripts
        .map((s) => `${Math.round(s.duration)} ms ${s.invokerType} "${s.invoker.replace(/^https?:\/\/[^/]+/, '')}" in ${pathOf(s.sourceURL) || '?'}`)
        .join('; ');
      console.log(`  run ${run}: ${Math.round(f.duration)} ms frame at +${Math.round(f.start - zero)} ms, blocking ${Math.round(f.blockingDuration ?? 0)} ms: ${scripts}`);
    }
    if (listed.length > 8) console.log(`  … and ${listed.length - 8} more`);
  }
  return {
    runs: after.length,
    slowdown,
    before: { longTasks: median(pick(before, 'longTasks')), blocking: median(pick(before, 'blocking')) },
    after: { longTasks: median(pick(after, 'longTasks')), blocking: median(pick(after, 'blocking')) },
    ownFrames: { median: median(pick(after, 'ownCount')), max: max(pick(after, 'ownCount')), runsWith: after.filter((r) => r.ownCount > 0).length },
    ownBlocking: { median: median(pick(after, 'ownBlocking')), max: max(pick(after, 'ownBlocking')) },
    ownBlockingFrames: { median: median(pick(after, 'ownBlockingCount')), max: max(pick(after, 'ownBlockingCount')) },
    toCard: median(pick(after, 'toCard')),
    intlSetup: median(firsts),
    scripts: loaded,
    errors: errors.length,
  };
}
