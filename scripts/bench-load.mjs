#!/usr/bin/env node
// Load benchmark of the offers API (prints figures; not a test), on loopback only. A generated
// (seeded) 100,000-product catalog, written whole and sharded; then, one after the other:
//
//   - `offerwise serve` (the built dist/cli/offerwise.mjs) on the whole catalog file;
//   - the Worker of edge/cloudflare on workerd, on the sharded copy (its disk service), started
//     by edge/cloudflare/run-workerd.ts as the tests start it.
//
// Each is checked (its first answers must be serve's), warmed up (every request body once, which
// loads every shard, then 2 s of load), then loaded by autocannon for 10 s with 50 connections:
// POST /offers with bodies drawn from a few thousand different requests (product pages, carts,
// account pages; anchors spread over the whole catalog). Printed: requests/s, latency p50 and
// p99, errors (non-2xx, socket errors, timeouts), the server process's peak RSS (VmHWM) and
// how long it took to be ready, and whether the goal (p99 ≤ 20 ms at ≥ 2,000 requests/s) is
// met. The connections never wait between requests, so latency follows throughput: about
// 50 / (requests/s) on average; a p99 of 20 ms takes well over 2,500 requests/s.
//
//   node scripts/bench-load.mjs [--duration 10] [--connections 50] [--warmup 2] [--products 100000]
//                               [--only serve|workerd] [--anchors uniform|zipf] [--cli dist/cli/offerwise.mjs]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { runnerImport } from 'vite';
import { generateLinkedCatalog, zipf } from './bench-data.mjs';
import { benchCommandLine } from './bench-measure.mjs';
import { seededRandom } from './seeded-random.mjs';

const { opt, root, cli: CLI } = benchCommandLine();
const DURATION = Number(opt('duration', 10));
const CONNECTIONS = Number(opt('connections', 50));
const WARMUP = Number(opt('warmup', 2));
const PRODUCTS = Number(opt('products', 100_000));
const ANCHORS = opt('anchors', 'uniform');
const TARGETS = opt('only') ? [opt('only')] : ['serve', 'workerd'];
const GOAL = { p99: 20, rps: 2_000 };
/** Distinct request bodies, taken in turn by every connection. */
const BODIES = 4_096;
const TODAY = '2026-11-22';
/** The whole script is killed past this (it takes about a minute). */
const WATCHDOG_MS = 180_000;

if (![DURATION, CONNECTIONS, WARMUP, PRODUCTS].every((n) => Number.isFinite(n) && n >= 0) || CONNECTIONS < 1 || PRODUCTS < 10)
  fail('--duration, --connections, --warmup and --products take positive numbers');
if (TARGETS.some((t) => t !== 'serve' && t !== 'workerd')) fail('--only takes serve or workerd');
if (ANCHORS !== 'uniform' && ANCHORS !== 'zipf') fail('--anchors takes uniform or zipf');

/** Every process started here, and every temporary folder, gone on the way out whatever happens. */
const children = new Set();
const folders = new Set();
process.on('exit', () => {
  for (const pid of children) quietly(() => process.kill(pid, 'SIGKILL'));
  for (const folder of folders) quietly(() => rmSync(folder, { recursive: true, force: true }));
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
setTimeout(() => {
  console.error(`bench-load: still running after ${WATCHDOG_MS / 1000} s; stopping`);
  process.exit(1);
}, WATCHDOG_MS).unref();

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (kb) => `${fmt(kb / 1024)} MB`;
const dir = await mkdtemp(join(tmpdir(), 'offerwise-bench-load-'));
folders.add(dir);
let removeWorkerd = async () => {};
const rows = [];
try {
  console.log(machine());
  let t = performance.now();
  const doc = generateLinkedCatalog(PRODUCTS);
  const catalogFile = join(dir, 'catalog.json');
  const json = JSON.stringify(doc);
  await writeFile(catalogFile, json);
  // edge/cloudflare/run-workerd.ts is TypeScript: Vite's module runner loads it (and, in it, the
  // build's own shard writer) as the tests' runner does; the shard count is build --shard's default.
  const ts = async (path) => (await runnerImport(join(root, path), { configFile: false, root, logLevel: 'warn' })).module;
  const workerd = await ts('edge/cloudflare/run-workerd.ts');
  const shardCount = (await ts('src/cli/build/shard-catalog.ts')).defaultShardCount(PRODUCTS);
  const prepared = TARGETS.includes('workerd') ? await workerd.prepareWorkerd() : undefined;
  if (prepared) folders.add(prepared.dir);
  removeWorkerd = prepared?.remove ?? removeWorkerd;
  const shardDir = TARGETS.includes('workerd') ? await workerd.writeShardedCatalog(prepared.dir, 'catalog', doc, shardCount) : undefined;
  const bodies = requestBodies(doc, BODIES, ANCHORS);
  console.log(
    `catalog: ${fmt(doc.products.length)} products, ${fmt(doc.links.length)} links, ${fmt(json.length / 1e6, 1)} MB` +
      (shardDir ? `; sharded into ${shardCount} shards` : '') +
      `; ${fmt(BODIES)} request bodies, anchors ${ANCHORS}; prepared in ${fmt((performance.now() - t) / 1000, 1)} s`,
  );
  console.log(`load: autocannon, ${CONNECTIONS} connections, ${DURATION} s after a ${WARMUP} s warm-up, POST /offers\n`);

  /** The first answers of serve, held against workerd's: both must give the same offers. */
  let reference;
  for (const target of TARGETS) {
    t = performance.now();
    const server = target === 'serve' ? await startServe(catalogFile) : await startWorkerdTarget(workerd, prepared.dir, shardDir);
    const ready = performance.now() - t;
    try {
      const answers = await check(server.url, bodies.slice(0, 50));
      if (reference && JSON.stringify(answers) !== JSON.stringify(reference))
        throw new Error(`${target} answers differently from serve on the same requests`);
      reference ??= answers;
      const rssBefore = status(server.pid).VmRSS;
      // Warm-up: every request body once (a sharded server loads its shards, as it would
      // over its first minutes of traffic), then a couple of seconds of the load itself.
      t = performance.now();
      await load(server.url, bodies, { amount: bodies.length });
      const primed = performance.now() - t;
      if (WARMUP > 0) await load(server.url, bodies, { duration: WARMUP });
      const result = await load(server.url, bodies, { duration: DURATION });
      const proc = status(server.pid);
      rows.push({ target, ready, primed, result, peak: proc.VmHWM, rss: proc.VmRSS, rssBefore, note: server.note });
    } finally {
      await server.stop();
    }
  }
} finally {
  await removeWorkerd();
  await rm(dir, { recursive: true, force: true });
}

console.log(table(rows));
for (const r of rows) {
  const { result } = r;
  const errors = result.errors + result.non2xx; // autocannon counts timeouts among errors
  const met = result.latency.p99 <= GOAL.p99 && result.requests.average >= GOAL.rps && errors === 0;
  console.log(
    `${r.target}: goal (p99 ≤ ${GOAL.p99} ms at ≥ ${fmt(GOAL.rps)} requests/s, no errors) ${met ? 'met' : 'NOT met'}; ` +
      `${fmt(result.requests.total)} requests, p90 ${result.latency.p90} ms, p99.9 ${result.latency.p99_9} ms, max ${result.latency.max} ms; ` +
      `one pass over the ${fmt(BODIES)} bodies took ${fmt(r.primed / 1000, 1)} s; RSS ${mb(r.rssBefore)} ready, ${mb(r.rss)} after the load; ${r.note}`,
  );
}

function fail(message) {
  console.error(`bench-load: ${message}`);
  process.exit(1);
}

function quietly(fn) {
  try {
    fn();
  } catch {
    // already gone
  }
}

function machine() {
  const cpu = cpus();
  const busy = loadavg()[0].toFixed(2); // other work on the machine makes the figures noisy
  return `Offerwise load benchmark · Node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'} · ${fmt(totalmem() / 2 ** 30)} GB · load average ${busy} at start`;
}

/**
 * `count` request bodies as the widget sends them (offers-api.md), seeded: 60 % product pages,
 * 30 % carts of 1–3 lines, 10 % account pages with 2 owned products; a customer on each.
 * Anchors are uniform over the catalog (the worst case for a shard cache), or Zipf-like over
 * a shuffled catalog (a store's long tail).
 */
function requestBodies(doc, count, anchors) {
  const random = seededRandom(7);
  const ids = doc.products.map((p) => p.id);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  const pick = anchors === 'zipf' ? zipf(random, ids.length, 1) : () => Math.floor(random() * ids.length);
  const id = () => ids[pick()];
  const bodies = [];
  for (let i = 0; i < count; i++) {
    const kind = random();
    const customer = { orders: Math.floor(random() * 6), spent: Math.round(random() * 800), lastOrder: '2026-10-01' };
    const common = { version: 1, customer, dismissed: [], exclude: [], max: 2, freeShipping: 50, locale: 'en-US', today: TODAY };
    if (kind < 0.6) bodies.push({ ...common, placement: 'product', product: id() });
    else if (kind < 0.9) {
      const lines = 1 + Math.floor(random() * 3);
      bodies.push({ ...common, placement: 'cart', cart: Array.from({ length: lines }, () => ({ id: id(), qty: 1 + Math.floor(random() * 2) })) });
    } else
      bodies.push({ ...common, placement: 'account', owned: [{ id: id(), purchasedAt: '2026-01-05' }, { id: id(), purchasedAt: '2026-06-12' }] });
  }
  return bodies.map((b) => JSON.stringify(b));
}

/** The answers to `bodies`, one at a time; every one must be a 200 (and some must offer something). */
async function check(url, bodies) {
  const answers = [];
  for (const body of bodies) {
    const res = await fetch(`${url}/offers`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`POST /offers answered ${res.status}: ${text}`);
    answers.push(JSON.parse(text));
  }
  if (!answers.some((a) => a.offers.length > 0)) throw new Error('no request got an offer: the generated data or the server is wrong');
  return answers;
}

/** autocannon on POST /offers for a `duration` (s) or an `amount` of requests, each with the next of `bodies`. */
async function load(url, bodies, until) {
  let next = 0;
  const run = autocannon({
    url: `${url}/offers`,
    connections: CONNECTIONS,
    ...until,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
  });
  return run;
}

/** /proc/<pid>/status's memory lines, in kB. */
function status(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(text.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { VmHWM: kb('VmHWM'), VmRSS: kb('VmRSS') };
}

/** `offerwise serve` on `file` and a free loopback port, resolved once it prints its URL. */
async function startServe(file) {
  const child = spawn(process.execPath, [CLI, 'serve', '--catalog', file, '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child.pid);
  const exited = once(child, 'exit');
  let out = '';
  let err = '';
  let ready = false;
  // Read to the end: serve logs a line per request, and a full pipe would stall it.
  child.stdout.on('data', (chunk) => {
    if (!ready) out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    if (err.length < 10_000) err += chunk;
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child.pid);
  };
  const url = await new Promise((resolve, reject) => {
    const onData = () => {
      const m = out.match(/Offerwise offers API on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        ready = true;
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        resolve(m[1]);
      }
    };
    const onExit = (code) => reject(new Error(`offerwise serve exited (${code}):\n${err}`));
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  const summary = out.match(/^(\d+ products, \d+ links)/m)?.[1] ?? '';
  return { url, pid: child.pid, stop, note: `serve: ${summary}${err ? `; stderr: ${err.trim().split('\n')[0]}` : ''}` };
}

/** The Worker on workerd (run-workerd.ts), on the sharded directory; ready once /health answers. */
async function startWorkerdTarget(workerd, workerdDir, shardDir) {
  const running = await workerd.startWorkerd(workerdDir, shardDir, []);
  children.add(running.pid);
  return {
    url: running.url,
    pid: running.pid,
    stop: async () => {
      await running.stop();
      children.delete(running.pid);
    },
    get note() {
      const log = running.output().trim();
      return `workerd: ${log ? `output: ${log.split('\n').slice(0, 2).join(' / ')}` : 'no output'}`;
    },
  };
}

function table(list) {
  const head = ['target', 'requests/s', 'p50', 'p99', 'errors', 'peak memory', 'ready time'];
  const lines = [`| ${head.join(' | ')} |`, '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const r of list) {
    const { result } = r;
    const errors = result.errors + result.non2xx; // autocannon counts timeouts among errors
    const name = r.target === 'serve' ? '`offerwise serve`, whole catalog' : `workerd, sharded catalog`;
    lines.push(
      `| ${name} | ${fmt(result.requests.average)} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${fmt(errors)} | ${mb(r.peak)} | ${fmt(r.ready / 1000, 1)} s |`,
    );
  }
  return lines.join('\n');
}
