import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../src/catalog/parse-catalog';
import { simulate, toNdjson } from './simulate';

const parsed = parseCatalog(JSON.parse(readFileSync(new URL('../public/catalog.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error(parsed.error);
const catalog = parsed.catalog;
const run = (seed = 7, shoppers = 1000, holdout = 10) => simulate(catalog, { shoppers, holdout, seed, today: '2026-11-22' });

describe('simulate 1,000 shoppers', () => {
  it('is deterministic for a seed and different across seeds', () => {
    expect(toNdjson(run(7))).toBe(toNdjson(run(7)));
    expect(toNdjson(run(8))).not.toBe(toNdjson(run(7)));
  });

  it('writes analytics.md events: known types, groups, and purchases with items', () => {
    const events = run();
    const types = new Set(events.map((e) => e.t));
    expect([...types].sort()).toEqual(['add', 'click', 'holdout', 'impression', 'purchase', 'render']);
    for (const e of events) {
      expect(['treatment', 'holdout']).toContain(e.group);
      expect(e).toMatchObject({ ts: expect.any(Number), visitor: expect.any(String), view: expect.any(String), segment: expect.any(String) });
    }
    const purchases = events.filter((e) => e.t === 'purchase');
    expect(purchases.length).toBeGreaterThan(200);
    for (const p of purchases) {
      const items = p.items as { price: number; qty: number }[];
      expect(p.value).toBeCloseTo(items.reduce((s, i) => s + i.price * i.qty, 0), 2);
    }
  });

  it('holdout shoppers see nothing, and their share is about the configured percent', () => {
    const events = run(3, 4000, 20);
    const visitors = (group: string) => new Set(events.filter((e) => e.group === group).map((e) => e.visitor)).size;
    const share = visitors('holdout') / (visitors('holdout') + visitors('treatment'));
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
    expect(events.some((e) => e.group === 'holdout' && ['impression', 'click', 'add'].includes(e.t))).toBe(false);
    expect(events.some((e) => e.group === 'holdout' && Array.isArray(e.items) && (e.items as { offer?: string }[]).some((i) => i.offer))).toBe(false);
  });

  it('treatment orders carry accepted offers marked cross-sell or upsell', () => {
    const items = run().flatMap((e) => (e.t === 'purchase' && e.group === 'treatment' ? (e.items as { offer?: string }[]) : []));
    expect(items.some((i) => i.offer === 'cross-sell')).toBe(true);
    expect(items.some((i) => i.offer === 'upsell')).toBe(true);
  });
});
