import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { pickCurrency, reportCommand } from './run-report';

const dir = mkdtempSync(join(tmpdir(), 'offerwise-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T = 'treatment';
const H = 'holdout';
/** A small log; `currency` is put on every purchase when given. */
function events(name: string, currency?: string): string {
  const extra = currency ? { currency } : {};
  const log = [
    { t: 'add', group: T, visitor: 'v0', placement: 'cart', productId: 'fuel' },
    ...[108, 120, 132].map((value, i) => ({
      t: 'purchase', group: T, visitor: `v${i}`, placement: 'post-purchase', orderId: `t${i}`, value, ...extra,
      items: [{ id: 'fuel', price: 8, qty: 1, offer: 'cross-sell' }, { id: 'tent', price: value - 8, qty: 1 }],
    })),
    ...[90, 100, 110].map((value, i) => ({ t: 'purchase', group: H, placement: 'post-purchase', orderId: `h${i}`, value, items: [], ...extra })),
  ];
  const path = join(dir, name);
  writeFileSync(path, log.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return path;
}
function catalog(name: string, currency?: string): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ version: 1, ...(currency && { currency }), products: [{ id: 'fuel', title: 'Fuel', price: 8, url: '/fuel', cost: 3 }] }));
  return path;
}

async function report(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await reportCommand.run(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from(['']),
  });
  return { code, stdout, stderr };
}

const plain = events('plain.ndjson');
const inEuros = events('eur.ndjson', 'EUR');

describe('report: the currency of amounts', () => {
  it('takes --catalog’s currency: symbols in the table, a currency field in the JSON', async () => {
    const usd = catalog('usd.json', 'USD');
    const table = await report([plain, '--catalog', usd]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^overall .*\$24\.00\s+\$15\.00\s+\$120\.00\s+\$100\.00\s+\+20\.0%/m);
    expect(table.stdout).toContain('AOV lift +20.0% (+$20.00 per order; 95% interval -7.2% to +47.2%): the interval includes 0');
    const json = JSON.parse((await report([plain, '--catalog', usd, '--format', 'json'])).stdout);
    expect(json.currency).toBe('USD');
    expect(json.overall.offerRevenue).toBe(24);
  });

  it('takes the events’ currency without a catalog', async () => {
    const r = await report([inEuros]);
    expect(r.stdout).toMatch(/^overall .*€24\.00\s+n\/a\s+€120\.00\s+€100\.00/m);
    expect(r.stderr).toBe('');
    expect(JSON.parse((await report([inEuros, '-f', 'json'])).stdout).currency).toBe('EUR');
  });

  it('prints plain numbers, and currency null, with neither', async () => {
    const r = await report([plain]);
    expect(r.stdout).toMatch(/^overall .*\s24\.00\s+n\/a\s+120\.00\s+100\.00\s/m);
    expect(r.stdout).not.toMatch(/[$€]/);
    expect(JSON.parse((await report([plain, '-f', 'json'])).stdout).currency).toBeNull();
  });

  it('does not take the widget’s USD fallback for a catalog without a currency', async () => {
    const r = await report([inEuros, '--catalog', catalog('none.json'), '-f', 'json']);
    expect(JSON.parse(r.stdout).currency).toBe('EUR');
    expect(r.stderr).toContain('currency');
  });

  it('the catalog wins over the events, and says so', async () => {
    const r = await report([inEuros, '--catalog', catalog('usd2.json', 'USD'), '-f', 'json']);
    expect(JSON.parse(r.stdout).currency).toBe('USD');
    expect(r.stderr).toContain('report: events carry EUR, the catalog USD: amounts are shown in USD\n');
  });

  it('in HTML too', async () => {
    const r = await report([inEuros, '-f', 'html']);
    expect(r.stdout).toMatch(/<dt>Offer revenue<\/dt><dd>€24\.00<\/dd>/);
    expect(r.stdout).toContain('<p class="verdict">AOV lift +20.0% (+€20.00 per order;');
  });

  it('puts offer revenue where the visitor added the item', async () => {
    const json = JSON.parse((await report([plain, '-f', 'json'])).stdout);
    expect(json.byPlacement.cart).toMatchObject({ adds: 1, orders: 0, offerRevenue: 8 });
    expect(json.byPlacement['post-purchase']).toMatchObject({ orders: 6, offerRevenue: 16, attachRate: 1 });
  });
});

describe('pickCurrency', () => {
  it.each<[string, string | undefined, string[], string | null, string[]]>([
    ['the catalog’s', 'USD', [], 'USD', []],
    ['the catalog’s, when the events agree', 'USD', ['USD'], 'USD', []],
    ['the catalog’s over the events’, with a warning', 'USD', ['EUR', 'USD', 'GBP'], 'USD', ['events carry EUR, GBP, the catalog USD: amounts are shown in USD']],
    ['the events’ one', undefined, ['EUR'], 'EUR', []],
    ['none from several in the events, with a warning', undefined, ['EUR', 'USD'], null, ['events carry several currencies (EUR, USD): amounts are shown as plain numbers']],
    ['none at all', undefined, [], null, []],
  ])('%s', (_, fromCatalog, fromEvents, expected, warnings) => {
    const said: string[] = [];
    expect(pickCurrency(fromCatalog, fromEvents, (w) => said.push(w))).toBe(expected);
    expect(said).toEqual(warnings);
  });
});
