import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';

const dir = mkdtempSync(join(tmpdir(), 'offerwise-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T = 'treatment';
const H = 'holdout';
const LOG = [
  { t: 'impression', group: T, segment: 'new', placement: 'cart' },
  { t: 'impression', group: T, segment: 'new', placement: 'cart' },
  { t: 'click', group: T, segment: 'new', placement: 'cart' },
  { t: 'add', group: T, segment: 'new', placement: 'cart' },
  ...[108, 120, 132].map((value, i) => ({
    t: 'purchase', group: T, segment: 'new', placement: 'post-purchase', orderId: `t${i}`, value,
    items: [{ id: 'fuel', price: 8, qty: 1, offer: 'cross-sell' }, { id: 'tent', price: value - 8, qty: 1 }],
  })),
  ...[90, 100, 110].map((value, i) => ({ t: 'purchase', group: H, segment: 'returning', placement: 'post-purchase', orderId: `h${i}`, value, items: [] })),
].map((e) => JSON.stringify(e));
// Lines 11–13: a bad line, a repeated order (an event, not an order), a blank line (neither).
const text = [...LOG, 'not json', LOG[4], ''].join('\n') + '\n';
const events = join(dir, 'events.ndjson');
writeFileSync(events, text);
const catalog = join(dir, 'catalog.json');
writeFileSync(catalog, JSON.stringify({ version: 1, products: [{ id: 'fuel', title: 'Fuel', price: 8, url: '/fuel', cost: 3 }] }));

/** Runs `offerwise …args` in-process with captured streams. */
async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([stdin]),
  });
  return { code, stdout, stderr };
}

describe('offerwise report (in-process)', () => {
  it('table (the default)', async () => {
    const r = await cli(['report', events]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Offerwise report: ' + events);
    expect(r.stdout).toContain('13 lines: 11 events, 1 rejected, 1 repeated purchase event ignored');
    expect(r.stdout).toMatch(/^overall .*\+20\.0%\s+\[-7\.2%, \+47\.2%\]$/m);
    expect(r.stdout).toContain('line 11: not valid JSON');
    expect(r.stderr).toBe(''); // the table already says it all
  });

  it('json', async () => {
    const r = await cli(['report', events, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.overall).toMatchObject({ impressions: 2, clicks: 1, adds: 1, orders: 6, attachRate: 1, upgradeRate: 0, offerRevenue: 24, offerMargin: null });
    expect(json.overall.aov.lift).toBeCloseTo(0.2, 10);
    expect(json.overall.aov.ci95[0]).toBeCloseTo(-0.072035, 6);
    expect(json.bySegment.returning.aov).toEqual({ treatment: null, holdout: 100, lift: null, ci95: null });
    expect(json.rejectedLines).toEqual([{ line: 11, error: expect.stringMatching(/^not valid JSON/) }]);
    expect(r.stderr).toMatch(/^report: 13 lines: 11 events, 1 rejected, 1 repeated purchase event ignored in \d+\.\d s\n$/); // stdout is for machines here
  });

  it('html, to a file with -o', async () => {
    const out = join(dir, 'report.html');
    const r = await cli(['report', events, '-f', 'html', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`html written to ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
  });

  it('--catalog fills in costs', async () => {
    const r = await cli(['report', events, '--catalog', catalog, '--format', 'json']);
    expect(JSON.parse(r.stdout).overall.offerMargin).toBe((8 - 3) * 3);
  });

  it('--catalog takes a catalog saved with a UTF-8 byte-order mark', async () => {
    const bom = join(dir, 'bom-catalog.json');
    writeFileSync(bom, '\uFEFF' + readFileSync(catalog, 'utf8'));
    const r = await cli(['report', events, '--catalog', bom, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).overall.offerMargin).toBe((8 - 3) * 3);
  });

  it('reads a path that is not a regular file: a named pipe, a device', async () => {
    // What `report <(zcat events.gz)` and `report /dev/stdin` hand it: a pipe, with no size.
    const fifo = join(dir, 'events.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = new Promise<void>((resolve, reject) => {
      const stream = createWriteStream(fifo);
      stream.on('error', reject).end(text, () => resolve());
    });
    const [r] = await Promise.all([cli(['report', fifo, '--format', 'json']), writer]);
    expect(r.stderr).not.toMatch(/not a file/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).overall.orders).toBe(6);
    const empty = await cli(['report', '/dev/null']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('0 lines: 0 events, 0 rejected');
  });

  it('reads stdin when the path is -', async () => {
    const r = await cli(['report', '-', '--format', 'json'], text);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).overall.orders).toBe(6);
  });

  it('a byte-order mark and CRLF line ends are fine', async () => {
    const r = await cli(['report', '-', '--format', 'json'], '\uFEFF' + LOG.join('\r\n'));
    expect(JSON.parse(r.stdout).rejectedCount).toBe(0);
  });

  it('rejects a 5 MB line unread, counts it, and reads the lines after it', async () => {
    const huge = join(dir, 'huge-line.ndjson');
    writeFileSync(huge, [LOG[0], `{"t":"impression","group":"treatment","segment":"${'x'.repeat(5_000_000)}"}`, ...LOG.slice(1)].join('\n') + '\n');
    const r = await cli(['report', huge, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.rejectedCount).toBe(1);
    expect(json.rejectedLines).toEqual([{ line: 2, error: 'line longer than 1,000,000 bytes' }]);
    expect(json.overall).toMatchObject({ impressions: 2, clicks: 1, adds: 1, orders: 6 });
  });

  it('reports progress on stderr on long files', async () => {
    const long = join(dir, 'long.ndjson');
    writeFileSync(long, '{"t":"impression","group":"treatment"}\n'.repeat(260_000));
    const r = await cli(['report', long, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^report: 250,000 lines…\nreport: 260,000 lines: 260,000 events, 0 rejected in \d+\.\d s\n$/);
    expect(JSON.parse(r.stdout).overall.impressions).toBe(260_000);
  });
});

describe('offerwise: usage and errors', () => {
  it.each([
    [[], 2, /^Usage: offerwise <command>/, 'stderr'],
    [['--help'], 0, /^Usage: offerwise <command>[\s\S]*report/, 'stdout'],
    [['help', 'report'], 0, /^Usage: offerwise report/, 'stdout'],
    [['report', '--help'], 0, /Welch-Satterthwaite degrees of freedom/, 'stdout'],
    [['report', events, '-h'], 0, /^Usage: offerwise report/, 'stdout'],
    [['--version'], 0, /^\d+\.\d+\.\d+\n$/, 'stdout'],
    [['validate', '--help'], 0, /^usage: offerwise validate <catalog\.json>/, 'stdout'],
    [['help', 'serve'], 0, /^usage: offerwise serve --catalog/, 'stdout'],
    [['sql', '--help'], 0, /^Usage: offerwise sql \[--dialect duckdb\|bigquery\|spark\]/, 'stdout'],
    [['sql', '--dialect', 'oracle'], 2, /^offerwise sql: --dialect: expected duckdb, bigquery, spark, got "oracle"\nRun "offerwise sql --help"/, 'stderr'],
    [['sql', '--top', '0'], 2, /^offerwise sql: --top must be a whole number ≥ 1, got "0"\n/, 'stderr'],
    [['validate'], 2, /^offerwise validate: /, 'stderr'],
    [['frobnicate'], 2, /^offerwise: unknown command "frobnicate" \(commands: validate, build, sql, serve, report\)\nRun "offerwise --help" for usage\.\n$/, 'stderr'],
    [['--frob'], 2, /^offerwise: unknown option --frob\n/, 'stderr'],
    [['report'], 2, /^offerwise report: report needs an events file \(or - for stdin\)\nRun "offerwise report --help"/, 'stderr'],
    [['report', events, '--bogus'], 2, /^offerwise report: unknown option --bogus\n/, 'stderr'],
    [['report', events, '--format'], 2, /^offerwise report: option --format needs a value\n/, 'stderr'],
    [['report', events, '--format', 'xml'], 2, /^offerwise report: --format must be one of table, json, html\n/, 'stderr'],
    [['report', events, '-f', '-1'], 2, /^offerwise report: --format must be one of table, json, html\n/, 'stderr'],
    [['report', events, '--format', '--catalog', catalog], 2, /^offerwise report: option --format needs a value\n/, 'stderr'],
    [['report', events, events], 2, /reads one events file, got 2/, 'stderr'],
    [['report', join(dir, 'missing.ndjson')], 1, /^offerwise report: .*missing\.ndjson: no such file\n$/, 'stderr'],
    [['report', dir], 1, /: is a directory\n$/, 'stderr'],
    [['report', events, '--catalog', events], 1, /events\.ndjson: not valid JSON \(.+\)\n$/, 'stderr'],
    [['report', events, '--catalog', join(dir, 'nope.json')], 1, /nope\.json: no such file\n$/, 'stderr'],
  ] as const)('%j exits %i', async (args, code, message, stream) => {
    const r = await cli([...args]);
    expect(r.code).toBe(code);
    expect(r[stream]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  });

  it('a catalog that is JSON but not a catalog', async () => {
    const bad = join(dir, 'bad-catalog.json');
    writeFileSync(bad, '{"version":2,"products":[]}');
    const r = await cli(['report', events, '--catalog', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-catalog\.json: catalog version must be 1\n$/);
  });
});

// The built executable, as npm would install it. `npm run build` makes it.
const BIN = resolve(import.meta.dirname, '../../dist/cli/offerwise.mjs');
const built = existsSync(BIN);

describe.skipIf(!built)(`dist/cli/offerwise.mjs${built ? '' : ' (skipped: not built; run `npm run build` first)'}`, () => {
  const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

  it.each([
    ['table', /^Offerwise report: .*\n13 lines: 11 events, 1 rejected/],
    ['json', /^\{\n {2}"overall": \{/],
    ['html', /^<!doctype html>/],
  ])('report --format %s', (format, start) => {
    const r = run(['report', events, '--format', format]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(start);
  });

  it('the json matches the in-process run', async () => {
    const r = run(['report', events, '--catalog', catalog, '--format', 'json']);
    expect(r.stdout).toBe((await cli(['report', events, '--catalog', catalog, '--format', 'json'])).stdout);
  });

  it('is executable with a node shebang and exits 2 on a usage error', () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const r = spawnSync(BIN, ['report', events, '--nope'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('offerwise report: unknown option --nope\nRun "offerwise report --help" for usage.\n');
  });
});
