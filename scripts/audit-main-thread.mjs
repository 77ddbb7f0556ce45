// The diagnostic part of `npm run audit -- --detail` (its fixture page and page helpers also
// serve part 1, audit-long-frames.mjs): the widget's main-thread cost on a plain store page with a
// generated 1,000-product catalog, on a 4× slower CPU (CDP Emulation.setCPUThrottlingRate)
// and unthrottled for reference. Prints figures; asserts nothing.
//
// Per CPU setting, each load in a fresh browser context (cold HTTP and code caches):
// - RUNS measured loads of dist/offerwise.js: long tasks, time to the first card, script cost;
// - RUNS traced loads (Chrome trace): EvaluateScript of offerwise.js, the mount, the catalog
//   promise jobs and the contents of every task of 50 ms or more;
// - up to 3 loads with JSON.parse timed: where the catalog task's time goes;
// - up to 3 traced and CPU-profiled loads of the same widget from the ES module build, whose
//   source-file comments say what each sampled function is (validation, indexing, …).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { analyzeTrace, profileBreakdown, sourceMapOfEsm } from './audit-attribution.mjs';
import { generateCatalog, productImage } from './audit-catalog.mjs';
import { startServer } from './audit-server.mjs';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
export const ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const PRODUCT = 'p42';
/**
 * dist/offerwise.mjs imports Preact and signals by name, as a bundler resolves them; the ES
 * module fixture maps each name to the package's own ES module file with an import map.
 */
const ESM_PEERS = {
  preact: 'preact/dist/preact.mjs',
  'preact/hooks': 'preact/hooks/dist/hooks.mjs',
  '@preact/signals': '@preact/signals/dist/signals.module.js',
  '@preact/signals-core': '@preact/signals-core/dist/signals-core.module.js',
};
const ESM_PEERS_MAP = Object.fromEntries(Object.keys(ESM_PEERS).map((name) => [name, `/node_modules/${ESM_PEERS[name]}`]));
const WAIT_MS = 60_000; // the longest any one page may take to show its cards

export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const max = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x));
  return v.length ? Math.max(...v) : NaN;
};
const ms = (n, d = 1) => (Number.isFinite(n) ? `${n.toFixed(d)} ms` : 'n/a');

/**
 * The fixture store page: observers first, then content, the widget's tag, more content.
 * - `widget: false` leaves the widget's tag out (the page before the widget);
 * - `warmIntl`: the page formats its own price with Intl.NumberFormat in <head>, as a store
 *   page does, so the browser's one-time number-format setup is paid before the widget;
 * - `settleMs`: how long the page keeps recording after the card (or, without the widget,
 *   after `load`), so work the widget does after its first card is counted too.
 */
export function fixtureHtml({ timeJsonParse = false, esm = false, widget = true, warmIntl = false, settleMs = 300 } = {}) {
  const intl = warmIntl
    ? `
<script>
  // The store's own price, formatted the way the store's theme does it.
  window.__audit.intl = { start: performance.now() };
  window.__audit.price = new Intl.NumberFormat(document.documentElement.lang, { style: 'currency', currency: 'USD' }).format(369.99);
  window.__audit.intl.end = performance.now();
</script>`
    : '';
  const jsonParseTimer = timeJsonParse
    ? `
  // Attribution run only: time the catalog's JSON.parse (strings over 100 kB).
  var parse = JSON.parse;
  JSON.parse = function (text, reviver) {
    var t0 = performance.now();
    try { return parse.call(this, text, reviver); }
    finally { if (typeof text === 'string' && text.length > 100000) a.jsonParse.push({ start: t0, end: performance.now(), chars: text.length }); }
  };`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Litware Kettle · Audit fixture store</title>
<link rel="icon" href="data:,">
<script>
(function () {
  var a = (window.__audit = { longtasks: [], frames: [], renders: [], errors: [], jsonParse: [], card: null });
  // Tell the harness over the console (no script of its own runs in the page before that),
  // two frames and a pause after the card, so long-task and long-animation-frame entries are in.
  a.finish = function () {
    if (a.finishing) return;
    a.finishing = true;
    requestAnimationFrame(function () { requestAnimationFrame(function () { setTimeout(function () { console.debug('audit:done'); }, ${settleMs}); }); });
  };
  // Registered before the widget's own listener: the start of its mount at DOMContentLoaded.
  document.addEventListener('DOMContentLoaded', function () { a.dclBeforeMount = performance.now(); }, { once: true });
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) {
        a.longtasks.push({ start: e.startTime, duration: e.duration, name: e.name,
          attribution: (e.attribution || []).map(function (t) {
            return { name: t.name, containerType: t.containerType, containerSrc: t.containerSrc, containerId: t.containerId, containerName: t.containerName };
          }) });
      });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { a.noLongtask = String(e); }
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) {
        a.frames.push({ start: e.startTime, duration: e.duration, blockingDuration: e.blockingDuration,
          renderStart: e.renderStart, styleAndLayoutStart: e.styleAndLayoutStart,
          scripts: (e.scripts || []).map(function (s) {
            return { invoker: s.invoker, invokerType: s.invokerType, sourceURL: s.sourceURL, sourceFunctionName: s.sourceFunctionName,
              sourceCharPosition: s.sourceCharPosition, start: s.startTime, executionStart: s.executionStart, duration: s.duration,
              forcedStyleAndLayoutDuration: s.forcedStyleAndLayoutDuration, pauseDuration: s.pauseDuration };
          }) });
      });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (e) { a.noLoaf = String(e); }
  document.addEventListener('offerwise:render', function (e) {
    var offers = (e.detail && e.detail.offers) || [];
    a.renders.push({ t: performance.now(), offers: offers.map(function (o) { return o.productId; }) });
    if (a.renders.length === 1) performance.mark('audit:render');
  });
  document.addEventListener('offerwise:error', function (e) {
    a.errors.push({ t: performance.now(), code: e.detail && e.detail.code, message: e.detail && e.detail.message });
    a.finish();
  });${jsonParseTimer}
  if (!${widget}) addEventListener('load', function () { a.finish(); }, { once: true });
})();
</script>${intl}
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2328; }
  header, main, footer { max-width: 960px; margin: 0 auto; padding: 16px; }
  .product { display: grid; grid-template-columns: 320px 1fr; gap: 24px; }
  .product img { width: 320px; height: 320px; background: #eee; }
</style>
</head>
<body>
<header><a href="/">Fixture Store</a> · <a href="/cart">Cart (0)</a></header>
<main>
  <article class="product">
    <img src="/img/${PRODUCT}.svg" width="320" height="320" alt="">
    <div>
      <h1>Litware Kettle Lite, White</h1>
      <p>$369.99 · 3.4 out of 5 (327 reviews)</p>
      <p>A 1.7 l stainless steel kettle with six temperature presets, a keep-warm mode and a
      countdown display. Boils a full kettle in under four minutes.</p>
      <button type="button">Add to cart</button>
      <script>window.__audit.beforeScript = performance.now(); performance.mark('audit:before-script');</script>
      ${
        !widget
          ? '<!-- no widget on this page -->'
          : esm
          ? `<div data-offerwise></div>
      <script type="importmap">${JSON.stringify({ imports: ESM_PEERS_MAP })}</script>
      <script type="module">
        import { mount } from '/dist/offerwise.mjs';
        mount(document.querySelector('[data-offerwise]'), { catalog: '/catalog.json', placement: 'product', product: '${PRODUCT}', orders: '2' });
      </script>`
          : `<script src="/dist/offerwise.js" data-catalog="/catalog.json" data-placement="product" data-product="${PRODUCT}" data-orders="2"></script>`
      }
      <script>
      (function () {
        var a = window.__audit;
        a.afterScript = performance.now();
        // A plain tag mounts at DOMContentLoaded: this listener runs right after the widget's.
        document.addEventListener('DOMContentLoaded', function () { a.dclAfterMount = performance.now(); watch(); }, { once: true });
        function root() {
          var slot = document.querySelector('[data-offerwise]');
          return slot && slot.shadowRoot;
        }
        function seen() {
          var r = root();
          if (!a.card && r && r.querySelector('[part~="card"]')) { a.card = performance.now(); performance.mark('audit:card'); a.finish(); }
          return !!a.card;
        }
        function watch() {
          var r = root();
          a.hasShadowRoot = !!r;
          if (!r) return;
          var mo = new MutationObserver(function () { if (seen()) mo.disconnect(); });
          mo.observe(r, { childList: true, subtree: true });
        }
        // Fallback: poll once a frame, for at most 60 s.
        var until = performance.now() + 60000;
        (function poll() { if (!seen() && performance.now() < until) requestAnimationFrame(poll); })();
      })();
      </script>
    </div>
  </article>
  <section><h2>Description</h2><p>Brushed steel body, limescale filter, 360° base, auto shut-off.</p></section>
</main>
<footer>© Fixture Store</footer>
</body>
</html>`;
}

/**
 * Routes for the chunks offerwise.js may import from its own URL (dist/offerwise-*.js), served
 * under `prefix` beside it, as a store's server or CDN would.
 */
export function widgetChunkRoutes(dist, prefix) {
  const routes = {};
  for (const f of existsSync(dist) ? readdirSync(dist) : []) {
    if (/^offerwise-[\w.-]+\.js$/.test(f)) routes[`${prefix}${f}`] = { body: readFileSync(join(dist, f)), type: 'text/javascript; charset=utf-8' };
  }
  return routes;
}

/** A fixed amount of JavaScript work, to check that throttling took effect. */
const CALIBRATE = () => {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) % 1_000_003;
  return { ms: performance.now() - t0, x };
};


const metricMap = (m) => Object.fromEntries(m.metrics.map((e) => [e.name, e.value]));
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink.user_timing'];

/** A fresh context and page on a blank page of the server, throttled at `rate`. */
export async function openPage(browser, origin, rate) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${origin}/blank.html`);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await cdp.send('Performance.enable');
  return { context, page, cdp };
}

/**
 * Open `url` and wait for the fixture's `audit:done` console message (cards shown or an error,
 * then two frames and a pause). Playwright runs nothing in the page until then: no polling, so
 * none of its own script lands in the widget's window. Then read what the page recorded.
 */
export async function load(page, url) {
  const done = page.waitForEvent('console', { predicate: (m) => m.text() === 'audit:done', timeout: WAIT_MS });
  await page.goto(url, { waitUntil: 'commit' });
  await done;
  return page.evaluate(() => {
    const res = (suffix) => {
      const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith(suffix));
      return e && {
        start: e.startTime, responseEnd: e.responseEnd, transferSize: e.transferSize,
        encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
      };
    };
    const { finish, ...recorded } = window.__audit;
    void finish;
    // Every script of the widget's: the entry and the chunks it imports from its own URL.
    const scripts = performance
      .getEntriesByType('resource')
      .filter((r) => /\/offerwise(?:-[\w.-]+)?\.js$/.test(new URL(r.name).pathname))
      .map((r) => ({ url: new URL(r.name).pathname, start: r.startTime, responseEnd: r.responseEnd, transferSize: r.transferSize }));
    return { ...recorded, scripts, script: res('/dist/offerwise.js'), catalog: res('/catalog.json') };
  });
}

/** The figures of one load, from what the page recorded. */
function summarize(raw) {
  const scriptStart = Math.max(raw.beforeScript ?? 0, raw.script?.responseEnd ?? 0);
  const firstRender = raw.renders[0];
  const windowEnd = firstRender?.t ?? raw.card ?? NaN;
  const inWindow = raw.longtasks.filter((t) => t.start < windowEnd && t.start + t.duration > scriptStart);
  return {
    raw,
    scriptStart,
    evalCost: raw.afterScript - scriptStart,
    mountCost: raw.dclAfterMount - raw.dclBeforeMount,
    toRender: windowEnd - scriptStart,
    toCard: raw.card - scriptStart,
    catalogTask: windowEnd - (raw.catalog?.responseEnd ?? NaN),
    offers: firstRender?.offers ?? [],
    errors: raw.errors,
    longtasks: raw.longtasks,
    inWindow,
    blockingInWindow: inWindow.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
  };
}

async function measuredLoad(browser, origin, rate) {
  const { context, page, cdp } = await openPage(browser, origin, rate);
  try {
    const before = metricMap(await cdp.send('Performance.getMetrics'));
    const raw = await load(page, `${origin}/fixture.html`);
    const after = metricMap(await cdp.send('Performance.getMetrics'));
    const run = summarize(raw);
    const reset = after.ScriptDuration < before.ScriptDuration || after.TaskDuration < before.TaskDuration;
    run.scriptDuration = reset ? NaN : (after.ScriptDuration - before.ScriptDuration) * 1000;
    run.taskDuration = reset ? NaN : (after.TaskDuration - before.TaskDuration) * 1000;
    return run;
  } finally {
    await context.close();
  }
}

export async function calibrate(browser, origin, rate) {
  const { context, page } = await openPage(browser, origin, rate);
  try {
    await page.evaluate(CALIBRATE); // warm-up
    const times = [];
    for (let i = 0; i < 3; i++) times.push((await page.evaluate(CALIBRATE)).ms);
    return Math.min(...times); // the least disturbed by whatever else the machine runs
  } finally {
    await context.close();
  }
}

/** A load under a Chrome trace (and, with `profile`, the V8 sampling profiler). */
async function tracedLoad(browser, origin, rate, { path = '/fixture.html', profile = false } = {}) {
  const { context, page, cdp } = await openPage(browser, origin, rate);
  try {
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    let raw;
    let buffer;
    try {
      raw = await load(page, `${origin}${path}`);
    } finally {
      buffer = await browser.stopTracing();
    }
    const cpu = profile ? (await cdp.send('Profiler.stop')).profile : undefined;
    const json = JSON.parse(buffer.toString('utf8'));
    return { run: summarize(raw), trace: analyzeTrace(json.traceEvents ?? json), profile: cpu };
  } finally {
    await context.close();
  }
}

/** A load with the catalog's JSON.parse timed: where the catalog task's time goes. */
async function phasedLoad(browser, origin, rate) {
  const { context, page } = await openPage(browser, origin, rate);
  try {
    const raw = await load(page, `${origin}/fixture-phases.html`);
    const jp = raw.jsonParse[0];
    const render = raw.renders[0]?.t;
    return {
      textToParse: jp ? jp.start - raw.catalog?.responseEnd : NaN,
      jsonParse: jp ? jp.end - jp.start : NaN,
      parseToRender: jp && render ? render - jp.end : NaN,
      renderToCard: render && raw.card ? raw.card - render : NaN,
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Printing

const perRun = (values, digits = 0) => `[${values.map((v) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a')).join(', ')}]`;
const row = (name, values, unit = true) =>
  `  ${name.padEnd(64)} ${(unit ? ms(median(values)) : String(median(values))).padStart(10)} ${(unit ? ms(max(values)) : String(max(values))).padStart(10)}   ${perRun(values)}`;
const header = (title) => `\n${title}`.padEnd(67) + '    median        max   per run';
const rel = (t, zero) => `${t - zero >= 0 ? '+' : ''}${(t - zero).toFixed(0)}`;

function printMeasured(runs) {
  console.log(header(`Measured loads of dist/offerwise.js (${runs.length} runs)`));
  console.log(row('(b) script start → first offerwise:render', runs.map((r) => r.toRender)));
  console.log(row('(b) script start → first card in the shadow root', runs.map((r) => r.toCard)));
  console.log(row('(c) evaluation, upper bound: inline script before the tag → after it', runs.map((r) => r.evalCost)));
  console.log(row('(c) mount at DOMContentLoaded (listener before → after the widget)', runs.map((r) => r.mountCost)));
  console.log(row('(c) CDP ScriptDuration, whole page (leaves out promise jobs)', runs.map((r) => r.scriptDuration)));
  console.log(row('    CDP TaskDuration, whole page', runs.map((r) => r.taskDuration)));
  console.log(row('    catalog response end → first offerwise:render', runs.map((r) => r.catalogTask)));
  console.log(row('(a) long tasks ≥ 50 ms, whole load (count)', runs.map((r) => r.longtasks.length), false));
  console.log(row('(a) long tasks ≥ 50 ms inside the widget window (count)', runs.map((r) => r.inWindow.length), false));
  console.log(row('(a) longest long task inside the window', runs.map((r) => (r.inWindow.length ? max(r.inWindow.map((t) => t.duration)) : 0))));
  console.log(row('(a) total long-task time inside the window', runs.map((r) => r.inWindow.reduce((s, t) => s + t.duration, 0))));
  console.log(row('(a) blocking time inside the window (Σ each task − 50 ms)', runs.map((r) => r.blockingInWindow)));
  for (const [i, r] of runs.entries()) {
    const list = r.longtasks
      .map((t) => {
        const where = r.inWindow.includes(t) ? 'in window' : t.start + t.duration <= r.scriptStart ? 'before the script' : 'after the render';
        const attr = [...new Set(t.attribution.map((a) => `${t.name}/${a.name}/${a.containerType}`))].join(' ');
        // The scripts that long animation frames saw running inside this task.
        const scripts = r.raw.frames
          .flatMap((f) => f.scripts)
          .filter((x) => x.start >= t.start - 1 && x.start <= t.start + t.duration)
          .map((x) => `${x.invokerType} ${x.invoker.replace(/^https?:\/\/[^/]+/, '')} in ${x.sourceURL ? new URL(x.sourceURL).pathname : '?'} ${x.duration.toFixed(0)} ms`);
        return `${t.duration.toFixed(0)} ms at ${rel(t.start, r.scriptStart)} ms (${where}; longtask attribution ${attr || 'none'}${scripts.length ? `; LoAF scripts: ${scripts.join(', ')}` : ''})`;
      })
      .join('; ');
    const errors = r.errors.length ? `; errors ${JSON.stringify(r.errors)}` : '';
    console.log(`  run ${i + 1}: cards ${r.offers.join(', ') || 'none'}${errors}; long tasks: ${list || 'none'}`);
  }
  // Long animation frames name the scripts behind a long frame (Chrome's own attribution).
  const first = runs[0];
  if (first.raw.noLoaf) return console.log(`  long-animation-frame entries: not available (${first.raw.noLoaf})`);
  console.log('  long animation frames of run 1 (≥ 50 ms), with the scripts in them (≥ 5 ms):');
  if (!first.raw.frames.length) console.log('    none');
  for (const f of first.raw.frames) {
    const styleLayout = f.styleAndLayoutStart ? f.start + f.duration - f.styleAndLayoutStart : 0;
    console.log(`    frame ${f.duration.toFixed(0)} ms at ${rel(f.start, first.scriptStart)} ms: blocking ${f.blockingDuration.toFixed(0)} ms, rendering (style, layout) ${styleLayout.toFixed(0)} ms`);
    for (const s of f.scripts) {
      const src = s.sourceURL ? new URL(s.sourceURL).pathname : '(no URL)';
      console.log(`      ${s.duration.toFixed(0).padStart(4)} ms  ${s.invokerType} "${s.invoker.replace(/^https?:\/\/[^/]+/, '')}" in ${src}${s.sourceFunctionName ? ` ${s.sourceFunctionName}()` : ''}; forced style/layout ${s.forcedStyleAndLayoutDuration.toFixed(0)} ms`);
    }
  }
}

function printTraced(traced) {
  const ok = traced.filter((t) => !t.trace.error);
  if (!ok.length) return console.log(`\nTraced loads: ${traced[0]?.trace.error ?? 'none'}`);
  console.log(header(`Traced loads of dist/offerwise.js (${ok.length} runs, Chrome trace)`));
  console.log(row('(c) EvaluateScript offerwise.js (compile + run of the bundle)', ok.map((t) => t.trace.evaluateMs)));
  console.log(row('    of which v8.compile on the main thread', ok.map((t) => t.trace.compileMs)));
  console.log(row('    parsed off the main thread while loading (script streaming)', ok.map((t) => t.trace.backgroundParseMs)));
  console.log(row('(c) mount: DOMContentLoaded listener + the promise jobs right after it', ok.map((t) => t.trace.mountMs)));
  console.log(row('(c) catalog work: later promise jobs (RunMicrotasks) until the card', ok.map((t) => t.trace.catalogJobsMs)));
  console.log(row('    the longest of those promise jobs', ok.map((t) => t.trace.longestCatalogJobMs)));
  console.log(row('(a) tasks ≥ 50 ms inside the widget window (count)', ok.map((t) => t.trace.longTasks.filter((x) => x.inWindow).length), false));
  const t = ok[0].trace;
  console.log('  traced run 1, every task ≥ 50 ms on the main thread and what is directly inside it:');
  if (!t.longTasks.length) console.log('    none');
  for (const task of t.longTasks) {
    const where = task.inWindow ? 'in the widget window' : task.beforeScript ? 'before the widget script' : 'after the first render';
    console.log(`    ${task.ms.toFixed(0)} ms task at ${rel(task.ts / 1000, t.start / 1000)} ms (${where}${task.hasEvaluate ? ', evaluates offerwise.js' : ''}); garbage collection inside ${task.gcMs.toFixed(1)} ms`);
    for (const p of task.parts.filter((x) => x.ms >= 0.5).slice(0, 6)) console.log(`      ${p.ms.toFixed(1).padStart(7)} ms  ${p.name}`);
  }
}

function printPhased(phased) {
  const m = (k) => ms(median(phased.map((p) => p[k])));
  console.log(`\nWhere the catalog task goes (dist/offerwise.js, JSON.parse timed by a wrapper, median of ${phased.length} runs):`);
  console.log(`  catalog response end → JSON.parse starts ${m('textToParse')} · JSON.parse ${m('jsonParse')} (${perRun(phased.map((p) => p.jsonParse))}) · JSON.parse end → offerwise:render (validate, index, choose, formats, render setup) ${m('parseToRender')} (${perRun(phased.map((p) => p.parseToRender))}) · offerwise:render → card in DOM ${m('renderToCard')}`);
}

function printProfiled(profiled, map) {
  const ok = profiled.filter((p) => !p.trace.error && p.profile);
  if (!ok.length) return console.log('\nProfiled loads: no usable trace/profile');
  const windowRanges = [];
  const phaseRows = new Map();
  const fnTotals = new Map();
  const addAll = (k, list, i) => {
    for (const [phase, v] of list) {
      if (!phaseRows.has(phase)) phaseRows.set(phase, ok.map(() => [0, 0]));
      phaseRows.get(phase)[i][k] += v;
    }
  };
  ok.forEach((p, i) => {
    const { start, card } = p.trace;
    const longs = p.trace.longTasks.filter((t) => t.inWindow);
    const [win, ...tasks] = profileBreakdown(p.profile, map, [[start, card], ...longs.map((t) => [t.ts, t.ts + t.ms * 1000])]);
    windowRanges.push({ win, longMs: longs.reduce((s, t) => s + t.ms, 0), sampled: tasks.reduce((s, t) => s + t.total, 0) });
    addAll(0, win.phases, i);
    for (const t of tasks) {
      addAll(1, t.phases, i);
      for (const [fn, v] of t.functions) fnTotals.set(fn, (fnTotals.get(fn) ?? 0) + v / ok.length);
    }
  });
  console.log(`\nWhat the widget was doing (V8 CPU profile, 0.1 ms sampling, of the same widget from dist/offerwise.mjs mounted with the same options; median of ${ok.length} runs, self time by source file):`);
  console.log(`  ${'phase'.padEnd(58)} ${'whole window'.padStart(14)} ${'in long tasks'.padStart(14)}`);
  const rows = [...phaseRows].map(([phase, runs]) => [phase, median(runs.map((r) => r[0])), median(runs.map((r) => r[1]))]).sort((a, b) => b[2] - a[2] || b[1] - a[1]);
  for (const [phase, w, l] of rows) if (w >= 0.5 || l >= 0.5) console.log(`  ${phase.padEnd(58)} ${ms(w).padStart(14)} ${ms(l).padStart(14)}`);
  console.log(`  ${'(sampled time; window = script start → card)'.padEnd(58)} ${ms(median(windowRanges.map((w) => w.win.total))).padStart(14)} ${ms(median(windowRanges.map((w) => w.sampled))).padStart(14)}`);
  console.log(`  long tasks in the window in these runs: ${perRun(windowRanges.map((w) => w.longMs))} ms`);
  console.log('  hottest widget functions inside those long tasks (mean self time; file, bundle function@file:line):');
  for (const [fn, v] of [...fnTotals].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`    ${ms(v).padStart(9)}  ${fn}`);
}

// ---------------------------------------------------------------------------------------------

/** `n` loads one after another; a failed load is reported and left out. */
async function repeat(n, what, load) {
  const done = [];
  for (let i = 0; i < n; i++) {
    try {
      done.push(await load());
    } catch (error) {
      console.log(`  ${what} ${i + 1} failed: ${String(error?.message ?? error).split('\n')[0]}`);
    }
  }
  return done;
}

/** Run part 1 and print it. */
export async function auditMainThread({ root, runs = 5, rates = [4, 1] }) {
  const doc = generateCatalog(1000);
  const json = JSON.stringify(doc);
  const gz = gzipSync(json).length;
  const bundle = readFileSync(join(root, 'dist/offerwise.js'));
  const hasEsm = existsSync(join(root, 'dist/offerwise.mjs'));
  const fmt = (n) => n.toLocaleString('en-US');
  console.log('\n== 1. Main-thread cost: plain store page, generated catalog ==');
  console.log(`catalog: ${fmt(doc.products.length)} products, ${fmt(doc.links.length)} links (${(doc.links.length / doc.products.length).toFixed(1)} per product); ${fmt(json.length)} B raw, ${fmt(gz)} B gzip (served gzip)`);
  console.log(`widget: dist/offerwise.js ${fmt(bundle.length)} B raw, ${fmt(gzipSync(bundle).length)} B gzip`);
  console.log(`page: a plain <script src="/dist/offerwise.js" data-catalog="/catalog.json" data-placement="product" data-product="${PRODUCT}" data-orders="2"> in the body (it mounts at DOMContentLoaded); 1280×720; every load in a fresh browser context`);
  console.log('script start = max(performance.now() of an inline script right before the tag, responseEnd of offerwise.js); widget window = script start → first offerwise:render');

  const html = (body) => ({ body, type: 'text/html; charset=utf-8' });
  const js = (file) => ({ body: readFileSync(file), type: 'text/javascript; charset=utf-8' });
  const routes = {
    '/blank.html': html('<!doctype html><title>blank</title><link rel="icon" href="data:,">'),
    '/fixture.html': html(fixtureHtml()),
    '/fixture-phases.html': html(fixtureHtml({ timeJsonParse: true })),
    '/fixture-esm.html': html(fixtureHtml({ esm: true })),
    '/catalog.json': { body: json, type: 'application/json; charset=utf-8' },
    '/dist/offerwise.js': { body: bundle, type: 'text/javascript; charset=utf-8' },
    ...widgetChunkRoutes(join(root, 'dist'), '/dist/'),
  };
  for (const p of doc.products) routes[`/img/${p.id}.svg`] = { body: productImage(p.id), type: 'image/svg+xml' };
  let map;
  if (hasEsm) {
    map = sourceMapOfEsm(join(root, 'dist'));
    const entry = readFileSync(join(root, 'dist/offerwise.mjs'), 'utf8');
    routes['/dist/offerwise.mjs'] = js(join(root, 'dist/offerwise.mjs'));
    for (const m of entry.matchAll(/from\s*["']\.\/([\w/-]+\.m?js)["']/g)) routes[`/dist/${m[1]}`] = js(join(root, 'dist', m[1]));
    // Its shared modules and chunks, and the peers it imports by name (the page's import map).
    if (existsSync(join(root, 'dist/esm'))) for (const f of readdirSync(join(root, 'dist/esm'))) routes[`/dist/esm/${f}`] = js(join(root, 'dist/esm', f));
    for (const [name, url] of Object.entries(ESM_PEERS_MAP)) routes[url] = js(join(root, 'node_modules', ESM_PEERS[name]));
  }
  const server = await startServer({ routes });
  const browser = await chromium.launch({
    ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
    args: ARGS,
  });
  console.log(`browser: ${existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : "Playwright's Chromium"} ${browser.version()}, headless, launched by Playwright with ${ARGS.join(' ')}`);
  const results = {};
  try {
    const base = await calibrate(browser, server.origin, 1);
    for (const rate of rates) {
      const cal = rate === 1 ? base : await calibrate(browser, server.origin, rate);
      const label = rate === 1 ? 'Unthrottled (reference)' : `CPU throttled ${rate}×`;
      console.log(`\n---- ${label} ---- (check: a fixed JS loop took ${cal.toFixed(0)} ms, ${(cal / base).toFixed(2)}× the unthrottled ${base.toFixed(0)} ms)`);
      const measured = await repeat(runs, 'measured load', () => measuredLoad(browser, server.origin, rate));
      if (!measured.length) throw new Error('no measured load succeeded');
      printMeasured(measured);
      const traced = await repeat(runs, 'traced load', () => tracedLoad(browser, server.origin, rate));
      if (traced.length) printTraced(traced);
      const phased = await repeat(Math.min(runs, 3), 'JSON.parse-timed load', () => phasedLoad(browser, server.origin, rate));
      if (phased.length) printPhased(phased);
      if (hasEsm) {
        const profiled = await repeat(Math.min(runs, 3), 'profiled load', () =>
          tracedLoad(browser, server.origin, rate, { path: '/fixture-esm.html', profile: true }),
        );
        if (profiled.length) printProfiled(profiled, map);
      } else console.log('\n(dist/offerwise.mjs not found: the per-source-file profile is skipped)');
      const okTraces = traced.filter((t) => !t.trace.error).map((t) => t.trace);
      const longest = measured.map((r) => (r.inWindow.length ? max(r.inWindow.map((t) => t.duration)) : 0));
      results[rate] = {
        calibration: cal / base,
        toCard: [median(measured.map((r) => r.toCard)), max(measured.map((r) => r.toCard))],
        longCount: [median(measured.map((r) => r.inWindow.length)), max(measured.map((r) => r.inWindow.length))],
        longest: [median(longest), max(longest)],
        blocking: [median(measured.map((r) => r.blockingInWindow)), max(measured.map((r) => r.blockingInWindow))],
        evaluate: [median(okTraces.map((t) => t.evaluateMs)), max(okTraces.map((t) => t.evaluateMs))],
        mount: [median(okTraces.map((t) => t.mountMs)), max(okTraces.map((t) => t.mountMs))],
        catalogJob: [median(okTraces.map((t) => t.longestCatalogJobMs)), max(okTraces.map((t) => t.longestCatalogJobMs))],
      };
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { results, catalog: { raw: json.length, gzip: gz, products: doc.products.length, links: doc.links.length } };
}
