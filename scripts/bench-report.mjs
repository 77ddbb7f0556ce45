#!/usr/bin/env node
// Benchmarks `offerwise report` (the built dist/cli/offerwise.mjs, as a user runs it): generates
// seeded event logs with a realistic mix (impressions, clicks, adds, dismissals, purchases
// with offer items and costs, two groups, four segments, five placements, a few repeated
// purchase events and malformed lines), runs the report on each as a child process, and
// prints wall time and peak RSS. Two sizes by default, so that "memory stays flat" shows as
// a number: peak RSS should barely move between 100,000 and 1,000,000 lines.
//
//   npm run bench                          # 100,000 and 1,000,000 lines
//   node scripts/bench-report.mjs --lines 2000000 --format table --keep
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { seededRandom as random } from './seeded-random.mjs';

const BIN = new URL('../dist/cli/offerwise.mjs', import.meta.url).pathname;
const TIME = '/usr/bin/time';

const { values } = parseArgs({
  options: {
    lines: { type: 'string' },
    seed: { type: 'string', default: '42' },
    format: { type: 'string', default: 'json' },
    keep: { type: 'boolean', default: false },
  },
});
const sizes = values.lines ? [Number(values.lines)] : [100_000, 1_000_000];
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) fail('--lines must be a positive integer');
if (!existsSync(BIN)) fail(`${BIN} is missing: run \`npm run build\` first`);

const dir = mkdtempSync(join(tmpdir(), 'offerwise-bench-'));
const fmt = (n) => n.toLocaleString('en-US');
try {
  console.log(machine());
  console.log(`report --format ${values.format}, seed ${values.seed}, ${existsSync(TIME) ? `peak RSS from ${TIME} -v` : 'peak RSS from process.resourceUsage() in the child'}\n`);
  const rows = [];
  for (const n of sizes) {
    const file = join(dir, `events-${n}.ndjson`);
    const t0 = performance.now();
    await generate(file, n, Number(values.seed));
    const generated = (performance.now() - t0) / 1000;
    const run = await measure(file, values.format);
    rows.push({ n, bytes: statSync(file).size, generated, ...run });
    if (!values.keep) rmSync(file);
  }
  console.log(table(rows));
  if (values.keep) console.log(`\nkept in ${dir}`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

function fail(message) {
  console.error(`bench-report: ${message}`);
  process.exit(1);
}

function machine() {
  const c = cpus();
  return `machine: ${c.length} × ${c[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.versions.node}`;
}

/** Runs the report on `file`; wall time measured here, peak RSS from /usr/bin/time or the child itself. */
async function measure(file, format) {
  const args = [BIN, 'report', file, '--format', format];
  let cmd = process.execPath;
  let preload;
  if (existsSync(TIME)) {
    args.unshift(process.execPath);
    args.unshift('-v');
    cmd = TIME;
  } else {
    // No time(1): a preloaded script reports the child's own peak RSS on exit.
    preload = join(dir, 'max-rss.cjs');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write(`\\nMaximum resident set size (kbytes): ${process.resourceUsage().maxRSS}\\n`));\n");
    args.unshift('--require', preload);
  }
  const t0 = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
  const [code] = await once(child, 'close');
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) fail(`the report exited ${code}:\n${stderr}`);
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]);
  const summary = /^report: .+$/m.exec(stderr.split('\n').filter((l) => l.startsWith('report: ') && !l.endsWith('…')).join('\n'))?.[0] ?? '';
  let orders = NaN;
  let rejected = NaN;
  if (format === 'json') ({ overall: { orders }, rejectedCount: rejected } = JSON.parse(stdout));
  return { seconds, rssMb: rssKb / 1024, orders, rejected, summary };
}

function table(rows) {
  const head = ['lines', 'file', 'generate', 'report wall', 'lines/s', 'peak RSS', 'orders', 'rejected'];
  const body = rows.map((r) => [
    fmt(r.n),
    `${(r.bytes / 2 ** 20).toFixed(1)} MiB`,
    `${r.generated.toFixed(1)} s`,
    `${r.seconds.toFixed(2)} s`,
    fmt(Math.round(r.n / r.seconds)),
    `${r.rssMb.toFixed(1)} MiB`,
    Number.isNaN(r.orders) ? '' : fmt(r.orders),
    Number.isNaN(r.rejected) ? '' : fmt(r.rejected),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padStart(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...body.map(line), '', ...rows.map((r) => r.summary)].join('\n');
}


/**
 * Writes `total` NDJSON lines of page views: a treatment view renders 1–3 cards (impressions)
 * that are sometimes clicked, added or dismissed; a holdout view logs `holdout`; about one view
 * in fifteen ends in a purchase (on post-purchase), whose items carry costs most of the time
 * and, in treatment, sometimes an offer item (treatment orders are a little larger). One
 * purchase in a hundred is sent twice (a beacon retry) and one line in 20,000 is cut short.
 */
async function generate(file, total, seed) {
  const rnd = random(seed);
  const pick = (list, weights) => {
    let x = rnd() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < list.length; i++) if ((x -= weights[i]) < 0) return list[i];
    return list[list.length - 1];
  };
  const between = (lo, hi) => Math.round((lo + rnd() * (hi - lo)) * 100) / 100;
  const SEGMENTS = ['new', 'returning', 'vip', 'lapsed'];
  const PLACEMENTS = ['product', 'cart', 'checkout', 'post-purchase', 'account'];
  const out = createWriteStream(file);
  let chunk = [];
  let written = 0;
  let ts = 1763700000000;
  let order = 0;
  const emit = async (event) => {
    if (written >= total) return;
    let text = JSON.stringify(event);
    if (rnd() < 1 / 20_000) text = text.slice(0, Math.floor(text.length / 2)); // a torn write
    chunk.push(text);
    written++;
    if (chunk.length === 5000) await flush();
  };
  const flush = async () => {
    if (!chunk.length) return;
    if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
    chunk = [];
  };

  for (let view = 0; written < total; view++) {
    const base = {
      ts: (ts += Math.floor(rnd() * 2000)),
      visitor: `v_${Math.floor(rnd() * 200_000).toString(36)}`,
      view: `pv_${view.toString(36)}`,
      placement: pick(PLACEMENTS, [35, 30, 15, 10, 10]),
      segment: pick(SEGMENTS, [40, 35, 10, 15]),
      group: rnd() < 0.2 ? 'holdout' : 'treatment',
    };
    if (base.group === 'holdout') await emit({ t: 'holdout', ...base });
    else {
      await emit({ t: 'render', ...base });
      const cards = 1 + Math.floor(rnd() * 3);
      for (let c = 0; c < cards; c++) {
        const card = { ...base, productId: `p-${Math.floor(rnd() * 400)}`, kind: rnd() < 0.7 ? 'cross-sell' : 'upsell', price: between(5, 80) };
        await emit({ t: 'impression', ...card });
        if (rnd() < 0.06) await emit({ t: 'click', ...card });
        if (rnd() < 0.03) await emit({ t: 'add', ...card });
        if (rnd() < 0.02) await emit({ t: 'dismiss', ...card });
      }
    }
    if (rnd() < 1 / 15) {
      const items = [];
      for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) {
        const price = between(15, 250);
        items.push({ id: `p-${Math.floor(rnd() * 400)}`, price, qty: rnd() < 0.85 ? 1 : 2, ...(rnd() < 0.8 && { cost: Math.round(price * 0.55) }) });
      }
      if (base.group === 'treatment') {
        if (rnd() < 0.18) items.push({ id: `p-${Math.floor(rnd() * 400)}`, price: between(5, 40), qty: 1, cost: 3, offer: 'cross-sell' });
        if (rnd() < 0.07) items.push({ id: `p-${Math.floor(rnd() * 400)}`, price: between(20, 80), qty: 1, cost: 12, offer: 'upsell' });
      }
      const value = Math.round(items.reduce((a, it) => a + it.price * it.qty, 0) * 100) / 100;
      const purchase = { t: 'purchase', ...base, placement: 'post-purchase', orderId: `o-${++order}`, value, items };
      await emit(purchase);
      if (rnd() < 0.01) await emit(purchase);
    }
  }
  await flush();
  out.end();
  await once(out, 'finish');
}
