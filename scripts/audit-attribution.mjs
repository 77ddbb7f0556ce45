// Reading what a page recorded, Chrome traces and V8 CPU profiles for `npm run audit`: which
// main-thread tasks and frames were long, and whether the widget's code was behind them.
//
// CPU profiles are taken of the ES module build (dist/offerwise.mjs and its chunk): it is the
// same source as dist/offerwise.js but not minified, and the bundler's `// src/<file>`
// comments name the source file of every function, so a sample can be put to its file.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const pathOf = (url) => {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
};

/** The main thread of the page: where the fixture's `audit:before-script` mark was recorded. */
function mainThread(events) {
  const mark = events.find((e) => e.name === 'audit:before-script' && e.cat?.includes('user_timing'));
  if (mark) return { pid: mark.pid, tid: mark.tid };
  const evalEvent = events.find((e) => e.name === 'EvaluateScript' && pathOf(e.args?.data?.url).endsWith('/offerwise.js'));
  return evalEvent ? { pid: evalEvent.pid, tid: evalEvent.tid } : undefined;
}

/** A script of the widget's: the entry or one of its chunks. */
export const WIDGET_SCRIPT = /\/offerwise(?:-[\w.-]+)?\.js$/;
export const isWidgetScript = (url) => WIDGET_SCRIPT.test(pathOf(url));

/** The figures of one load. */
export function summarizeLoad(raw) {
  const longTasks = raw.longtasks.filter((t) => t.duration >= 50);
  const frames = raw.frames.map((f) => {
    const widgetMs = f.scripts.filter((s) => isWidgetScript(s.sourceURL)).reduce((s, x) => s + x.duration, 0);
    const pageMs = f.scripts.filter((s) => !isWidgetScript(s.sourceURL)).reduce((s, x) => s + x.duration, 0);
    return { ...f, widgetMs, pageMs, withWidget: widgetMs > 0, widgetsOwn: widgetMs > 0 && widgetMs >= pageMs };
  });
  const own = frames.filter((f) => f.widgetsOwn);
  const scriptStart = Math.max(raw.beforeScript ?? 0, raw.script?.responseEnd ?? 0);
  return {
    raw,
    longTasks: longTasks.length,
    blocking: longTasks.reduce((s, t) => s + (t.duration - 50), 0),
    longFrames: frames.length,
    framesWithWidget: frames.filter((f) => f.withWidget).length,
    ownFrames: own,
    ownCount: own.length,
    ownBlocking: own.reduce((s, f) => s + (f.blockingDuration ?? Math.max(0, f.duration - 50)), 0),
    /** Of those, frames with a task over 50 ms in them (Chrome's blockingDuration above 0). */
    ownBlockingCount: own.filter((f) => (f.blockingDuration ?? f.duration - 50) > 0).length,
    longestOwn: own.reduce((m, f) => Math.max(m, f.duration), 0),
    toCard: raw.card ? raw.card - scriptStart : NaN,
    scripts: raw.scripts ?? [],
    offers: raw.renders[0]?.offers ?? [],
    errors: raw.errors,
    pageIntlMs: raw.intl ? raw.intl.end - raw.intl.start : NaN,
  };
}

const isTask = (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
const inside = (outer, e) => e !== outer && e.ts >= outer.ts && e.ts + e.dur <= outer.ts + outer.dur;

/**
 * What a trace says about the page's main thread: the widget's script evaluation, its mount
 * (the DOMContentLoaded listener), the promise jobs that did the catalog work, and each task of
 * 50 ms or more, with its top-level contents.
 */
export function analyzeTrace(events) {
  const thread = mainThread(events);
  if (!thread) return { error: 'the page main thread was not found in the trace' };
  const main = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid);
  const complete = main.filter((e) => e.ph === 'X' && typeof e.dur === 'number');
  const markTs = (name) => main.find((e) => e.name === name)?.ts;
  const widgetUrl = (e) => pathOf(e.args?.data?.url).endsWith('/offerwise.js');
  const evaluate = complete.find((e) => e.name === 'EvaluateScript' && widgetUrl(e));
  const compile = evaluate ? complete.filter((e) => e.name === 'v8.compile' && inside(evaluate, e)) : [];
  // Script streaming: Chrome parses the bundle on a worker thread while it downloads.
  const streamed = events.filter((e) => e.name === 'v8.parseOnBackground' && e.ph === 'X' && pathOf(e.args?.data?.url).endsWith('/offerwise.js'));
  // The mount: the DOMContentLoaded dispatch (the widget's listener and the promise jobs that
  // run right after it), less the fixture's own listeners.
  const dcl = complete.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'DOMContentLoaded');
  const pageListeners = complete.filter(
    (e) => e.name === 'FunctionCall' && !/\/offerwise(?:-[\w.-]+)?\.m?js$|\/choose-[\w-]+\.js$/.test(pathOf(e.args?.data?.url)) && dcl.some((d) => inside(d, e)),
  );
  const mountMs = dcl.reduce((s, e) => s + e.dur / 1000, 0) - pageListeners.reduce((s, e) => s + e.dur / 1000, 0);
  const start = evaluate?.ts ?? markTs('audit:before-script');
  const render = markTs('audit:render');
  const card = markTs('audit:card');
  const end = render ?? card;
  // Promise jobs between the script and the first card, outside the mount: the fixture runs
  // none of its own there but its observers (well under a millisecond), so these are the widget's.
  const microtasks = complete.filter(
    (e) => e.name === 'RunMicrotasks' && start !== undefined && e.ts >= start && e.ts <= (card ?? end) && !dcl.some((d) => inside(d, e)),
  );
  const topTasks = complete.filter((e) => isTask(e) && !complete.some((o) => isTask(o) && inside(o, e)));
  const describe = (task) => {
    const within = complete.filter((e) => inside(task, e)).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const top = [];
    for (const e of within) if (!top.some((t) => inside(t, e))) top.push(e);
    const sums = new Map();
    for (const e of top) {
      let key = e.name;
      if (e.args?.data?.url) key += ` ${pathOf(e.args.data.url)}`;
      if (e.name === 'EventDispatch') {
        const calls = within.filter((c) => c.name === 'FunctionCall' && inside(e, c) && c.args?.data?.url);
        const listeners = [...new Set(calls.map((c) => pathOf(c.args.data.url)))].sort((a, b) => (b.includes('offerwise') ? 1 : 0) - (a.includes('offerwise') ? 1 : 0));
        key += ` ${e.args?.data?.type ?? ''}${listeners.length ? ` (listeners in ${listeners.join(', ')}, and the promise jobs they start)` : ''}`;
      }
      sums.set(key, (sums.get(key) ?? 0) + e.dur / 1000);
    }
    const gcEvents = within.filter((e) => /^(MinorGC|MajorGC|V8\.GCScavenger|V8\.GCFinalizeMC|V8\.GCIncrementalMarking)$/.test(e.name));
    const gc = gcEvents.filter((e) => !gcEvents.some((o) => inside(o, e)));
    return {
      ts: task.ts,
      ms: task.dur / 1000,
      inWindow: start !== undefined && end !== undefined && task.ts <= end && task.ts + task.dur >= start,
      beforeScript: start !== undefined && task.ts + task.dur < start,
      hasEvaluate: !!evaluate && inside(task, evaluate),
      parts: [...sums].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms),
      gcMs: gc.reduce((s, e) => s + e.dur / 1000, 0),
    };
  };
  return {
    thread,
    start,
    render,
    card,
    evaluateMs: evaluate ? evaluate.dur / 1000 : NaN,
    compileMs: compile.reduce((s, e) => s + e.dur / 1000, 0),
    backgroundParseMs: streamed.reduce((s, e) => s + e.dur / 1000, 0),
    mountMs,
    catalogJobsMs: microtasks.reduce((s, e) => s + e.dur / 1000, 0),
    longestCatalogJobMs: microtasks.reduce((m, e) => Math.max(m, e.dur / 1000), 0),
    longTasks: topTasks.filter((t) => t.dur >= 50_000).map(describe),
  };
}

/**
 * Map the ES module build's code back to source files: each `// src/…` comment the bundler
 * writes starts a file's section; the functions the package exports are found by name.
 */
export function sourceMapOfEsm(distDir) {
  const files = {};
  const read = (f) => (files[f] = readFileSync(join(distDir, f), 'utf8'));
  const entry = read('offerwise.mjs');
  for (const f of readdirSync(distDir)) if (/^[\w-]+\.js$/.test(f) && f !== 'offerwise.js' && entry.includes(`./${f}`)) read(f);
  const sections = {};
  for (const [f, text] of Object.entries(files)) {
    sections[f] = [];
    text.split('\n').forEach((line, i) => {
      const m = /^\/\/ ((?:src|node_modules)\/\S+)/.exec(line);
      if (m) sections[f].push({ line: i, file: m[1].replace(/\?.*$/, '') });
    });
  }
  // Public names of exported functions: offerwise.mjs `export { local as name }` ←
  // `import { exported as local } from "./chunk.js"` ← the chunk's `export { fn as exported }`.
  const named = {}; // `${file}|${function name}` → public export name
  const pairs = (text) => [...text.matchAll(/([\w$]+)\s+as\s+([\w$]+)/g)].map((m) => [m[1], m[2]]);
  const exportBlock = (text) => /export\s*\{([^}]*)\}\s*;?\s*$/.exec(text.trim())?.[1] ?? '';
  const publicOf = new Map(pairs(exportBlock(entry)).map(([local, name]) => [local, name]));
  for (const m of entry.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']\.\/([\w-]+\.js)["']/g)) {
    const chunk = files[m[2]];
    if (!chunk) continue;
    const chunkExports = new Map(pairs(exportBlock(chunk)).map(([local, exported]) => [exported, local]));
    for (const [exported, local] of pairs(m[1])) {
      const name = publicOf.get(local);
      const fn = chunkExports.get(exported);
      if (name && fn) named[`${m[2]}|${fn}`] = name;
    }
  }
  for (const [local, name] of publicOf) named[`offerwise.mjs|${local}`] = name;
  return {
    /** The source file of a function starting at 0-based `line` of `file`. */
    fileOf(file, line, functionName) {
      const exported = named[`${file}|${functionName}`];
      if (exported === 'indexCatalog') return 'src/catalog/index-catalog.ts';
      if (exported === 'parseCatalog') return 'src/catalog/parse-catalog.ts';
      if (exported === 'choose') return 'src/engine/choose.ts';
      const list = sections[file] ?? [];
      let found;
      for (const s of list) if (s.line <= line) found = s.file;
      // index-catalog.ts has no comment of its own: the bundler put it in the types.ts section.
      return found === 'src/types.ts' ? 'src/catalog/index-catalog.ts' : found;
    },
  };
}

/** What the widget was doing, by source file. */
export function phaseOf(file) {
  if (!file) return 'other';
  if (file === 'src/catalog/load-catalog.ts') return 'fetch + JSON.parse (load-catalog.ts)';
  if (file === 'src/catalog/index-catalog.ts') return 'indexing (index-catalog.ts)';
  if (/^src\/catalog\//.test(file)) return 'validation (parse-catalog, catalog-rules, safe-url)';
  if (/^src\/engine\//.test(file)) return 'choosing offers (engine)';
  if (file === 'src/ui/offer-text.ts') return 'number formats (offer-text.ts: Intl.NumberFormat)';
  if (/^src\/ui\//.test(file)) return 'rendering (src/ui)';
  if (/^src\/i18n\//.test(file)) return 'strings (i18n)';
  return 'setup (embed, widget, config, storage)';
}

/**
 * Self time of a CPU profile's samples, by phase, for samples inside [from, to] (µs, the
 * trace clock). Natives without a script (fetch, attachShadow…) count for their caller.
 */
export function profileBreakdown(profile, map, ranges) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const labels = new Map();
  const labelOf = (id) => {
    if (labels.has(id)) return labels.get(id);
    const { callFrame: f } = byId.get(id);
    let label;
    if (f.functionName === '(garbage collector)') label = { phase: 'garbage collection' };
    else if (f.functionName === '(program)') label = { phase: 'browser (style, layout, paint, parsing, compiling)' };
    else if (f.functionName === '(idle)' || f.functionName === '(root)') label = { phase: null };
    else if (!f.url) {
      const up = parent.get(id);
      const p = up !== undefined ? labelOf(up) : { phase: 'other' };
      label = { ...p, native: f.functionName };
    } else {
      const path = pathOf(f.url);
      const file = path.startsWith('/dist/') ? map.fileOf(path.slice(6), f.lineNumber, f.functionName) : undefined;
      label = file ? { phase: phaseOf(file), file, fn: `${f.functionName || '(anonymous)'}@${path.slice(path.lastIndexOf('/') + 1)}:${f.lineNumber + 1}` } : { phase: 'page + harness scripts' };
    }
    labels.set(id, label);
    return label;
  };
  const out = ranges.map(() => ({ phases: new Map(), functions: new Map(), total: 0 }));
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const next = i + 1 < profile.samples.length ? profile.timeDeltas[i + 1] : profile.endTime - t;
    const label = labelOf(profile.samples[i]);
    if (!label.phase) continue;
    ranges.forEach(([from, to], k) => {
      if (t < from || t > to) return;
      const o = out[k];
      const ms = Math.max(0, next) / 1000;
      o.total += ms;
      o.phases.set(label.phase, (o.phases.get(label.phase) ?? 0) + ms);
      const fn = label.fn ? `${label.file} ${label.fn}${label.native ? ` → ${label.native}` : ''}` : undefined;
      if (fn) o.functions.set(fn, (o.functions.get(fn) ?? 0) + ms);
    });
  }
  return out;
}
