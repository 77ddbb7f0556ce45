// Part 2 of `npm run audit`: Lighthouse (performance category only, its mobile defaults:
// emulated mid-range phone, simulated slow 4G and 4× CPU) on the demo store's product page
// served from dist-demo/, with the widget and with its one script tag removed. Runs alternate
// (with, without, with, …), each in a freshly launched Chrome. Prints figures; asserts nothing.
import { existsSync, readdirSync } from 'node:fs';
import { widgetChunkRoutes } from './audit-main-thread.mjs';
import { startServer } from './audit-server.mjs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const PAGE = '/demo/product.html?id=blender-basic';
/** The widget's tag in the demo's product page (`<script src="/offerwise.js" defer data-…></script>`). */
const WIDGET_TAG = /[ \t]*<script\b[^>]*\bsrc=["']\/offerwise\.js["'][^>]*>\s*<\/script>\n?/g;
const RUN_TIMEOUT_MS = 120_000; // one Lighthouse run; Lighthouse has its own, shorter, page timeouts

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Serve dist-demo; `?no-widget=1` serves the same HTML without the widget's script tag. */
export function withoutWidget(html) {
  let count = 0;
  const text = html.replace(WIDGET_TAG, () => (count++, ''));
  return { text, count };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`${what} took longer than ${ms / 1000} s`)), ms))),
  ]);
}

async function oneRun(lighthouse, launch, url) {
  const chromePath = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
  const chrome = await launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const result = await withTimeout(
      lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] }),
      RUN_TIMEOUT_MS,
      'a Lighthouse run',
    );
    const lhr = result?.lhr;
    if (!lhr) throw new Error('Lighthouse returned no result');
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const audit = (id) => lhr.audits[id]?.numericValue;
    const boot = lhr.audits['bootup-time']?.details?.items ?? [];
    // Every script of the widget's: offerwise.js and the chunks it imports beside it.
    const widget = boot.filter((i) => /\/offerwise(?:-[\w.-]+)?\.js$/.test(String(i.url)));
    return {
      score: lhr.categories.performance.score === null ? NaN : lhr.categories.performance.score * 100,
      fcp: audit('first-contentful-paint'),
      lcp: audit('largest-contentful-paint'),
      tbt: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      si: audit('speed-index'),
      mainThread: audit('mainthread-work-breakdown'),
      widgetScripting: widget.reduce((s, i) => s + (i.scripting ?? 0), 0),
      widgetTotal: widget.reduce((s, i) => s + (i.total ?? 0), 0),
      settings: lhr.configSettings,
      benchmarkIndex: lhr.environment?.benchmarkIndex,
      lighthouseVersion: lhr.lighthouseVersion,
      userAgent: lhr.environment?.hostUserAgent,
      warnings: lhr.runWarnings ?? [],
      lcpElement: lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet,
    };
  } finally {
    await chrome.kill();
  }
}

/** Run part 2 and print it. Returns undefined (after saying why) when Lighthouse cannot run. */
export async function auditLighthouse({ root, runs = 5 }) {
  console.log('\n== 2. Lighthouse: demo product page with and without the widget ==');
  let lighthouse;
  let launch;
  try {
    ({ default: lighthouse } = await import('lighthouse'));
    ({ launch } = await import('chrome-launcher'));
  } catch (error) {
    console.log(`Lighthouse is not available: ${error.message}`);
    console.log('Install it with `npm i -D lighthouse@12` (Lighthouse 13 needs Node 22.19 or newer).');
    return undefined;
  }
  let rewrites = 0;
  // The chunks offerwise.js imports from its own URL: served beside it from dist/ when the
  // demo build did not copy them.
  const demoFiles = new Set(existsSync(`${root}/dist-demo`) ? readdirSync(`${root}/dist-demo`) : []);
  const chunks = Object.fromEntries(Object.entries(widgetChunkRoutes(`${root}/dist`, '/')).filter(([path]) => !demoFiles.has(path.slice(1))));
  const server = await startServer({
    root: `${root}/dist-demo`,
    routes: chunks,
    rewrite: (path, query, html) => {
      if (path !== '/demo/product.html' || query.get('no-widget') !== '1') return undefined;
      const { text, count } = withoutWidget(html);
      rewrites = count;
      return text;
    },
  });
  const withUrl = `${server.origin}${PAGE}`;
  const withoutUrl = `${server.origin}${PAGE}&no-widget=1`;
  const results = { with: [], without: [] };
  try {
    // Check the variant before spending minutes on it: exactly one tag removed.
    const check = await fetch(withoutUrl).then((r) => r.text());
    if (rewrites !== 1 || /src=["']\/offerwise\.js["']/.test(check)) {
      console.log(`The no-widget variant is wrong: ${rewrites} widget tags removed from dist-demo/demo/product.html (expected 1). Skipped.`);
      return undefined;
    }
    console.log(`pages: ${PAGE} (as built in dist-demo/) and the same HTML with the one <script src="/offerwise.js" …> tag removed (?no-widget=1)`);
    if (Object.keys(chunks).length) console.log(`chunks served from dist/ beside /offerwise.js (dist-demo/ has none of them): ${Object.keys(chunks).join(', ')}`);
    const started = Date.now();
    for (let i = 0; i < runs; i++) {
      for (const [key, url] of [['with', withUrl], ['without', withoutUrl]]) {
        try {
          results[key].push(await oneRun(lighthouse, launch, url));
        } catch (error) {
          console.log(`  run ${i + 1} ${key} the widget failed: ${error.message}`);
          if (i === 0 && !results.with.length && !results.without.length) {
            console.log('Lighthouse could not run here; part 2 skipped.');
            return undefined;
          }
        }
      }
    }
    const any = results.with[0] ?? results.without[0];
    const s = any.settings;
    console.log(
      `Lighthouse ${any.lighthouseVersion}, formFactor ${s.formFactor}, throttling ${s.throttlingMethod} (RTT ${s.throttling.rttMs} ms, ${Math.round(s.throttling.throughputKbps)} Kbps, CPU ×${s.throttling.cpuSlowdownMultiplier}), screen ${s.screenEmulation.width}×${s.screenEmulation.height}; Chrome ${String(any.userAgent).match(/Chrome\/([\d.]+)/)?.[1] ?? '?'} (${existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : 'chrome-launcher’s pick'}); benchmarkIndex ${any.benchmarkIndex}; ${((Date.now() - started) / 1000).toFixed(0)} s for ${results.with.length + results.without.length} runs`,
    );
    const warnings = [...new Set([...results.with, ...results.without].flatMap((r) => r.warnings))];
    for (const w of warnings) console.log(`  Lighthouse warning: ${w}`);
    const fmt = {
      score: (v) => v.toFixed(0),
      ms: (v) => `${v.toFixed(0)} ms`,
      cls: (v) => v.toFixed(3),
    };
    const rows = [
      ['performance score', 'score', fmt.score],
      ['Total Blocking Time', 'tbt', fmt.ms],
      ['Largest Contentful Paint', 'lcp', fmt.ms],
      ['Cumulative Layout Shift', 'cls', fmt.cls],
      ['First Contentful Paint', 'fcp', fmt.ms],
      ['Speed Index', 'si', fmt.ms],
      ['main-thread work (mainthread-work-breakdown)', 'mainThread', fmt.ms],
      ['widget scripts in bootup-time: scripting', 'widgetScripting', fmt.ms],
      ['widget scripts in bootup-time: total', 'widgetTotal', fmt.ms],
    ];
    console.log(`\n| Lighthouse, median of ${results.with.length} / ${results.without.length} runs | with the widget | without | delta | each run: with · without |`);
    console.log('| --- | ---: | ---: | ---: | --- |');
    const summary = { runs: { with: results.with.length, without: results.without.length } };
    for (const [name, key, f] of rows) {
      const w = median(results.with.map((r) => r[key]));
      const wo = median(results.without.map((r) => r[key]));
      summary[key] = { with: w, without: wo, delta: w - wo };
      const d = w - wo;
      const delta = Number.isFinite(d) ? `${d >= 0 ? '+' : '−'}${f(Math.abs(d))}` : 'n/a';
      const per = (list) => list.map((r) => (Number.isFinite(r[key]) ? f(r[key]).replace(' ms', '') : 'n/a')).join(', ');
      console.log(`| ${name} | ${Number.isFinite(w) ? f(w) : 'n/a'} | ${Number.isFinite(wo) ? f(wo) : 'n/a'} | ${delta} | ${per(results.with)} · ${per(results.without)} |`);
    }
    const lcpOf = (list) => [...new Set(list.map((r) => r.lcpElement ?? '?'))].join(' / ');
    console.log(`LCP element: with the widget ${lcpOf(results.with)}; without ${lcpOf(results.without)}`);
    return summary;
  } finally {
    await server.close();
  }
}
