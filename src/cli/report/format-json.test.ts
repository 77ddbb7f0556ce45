import { describe, expect, it } from 'vitest';
import { createReport } from './create-report';
import { formatJson } from './format-json';

const KPI_KEYS = ['impressions', 'clicks', 'adds', 'orders', 'attachRate', 'upgradeRate', 'offerRevenue', 'offerMargin', 'aov', 'ctr', 'addRate'];

describe('formatJson: analytics.md’s object', () => {
  const report = createReport();
  report.add({ t: 'impression', group: 'treatment', segment: 'new', placement: 'cart' }, 1);
  report.add({ t: 'purchase', group: 'treatment', segment: 'new', orderId: 'a', value: 0.1, items: [{ id: 'x', price: 0.1, qty: 1, offer: 'cross-sell' }] }, 2);
  report.add({ t: 'purchase', group: 'treatment', segment: 'new', orderId: 'b', value: 0.2, items: [{ id: 'y', price: 0.2, qty: 1, offer: 'cross-sell' }] }, 3);
  report.addLine('oops', 4);
  const json = JSON.parse(formatJson(report.result()));

  it('has exactly the contract’s fields (plus ctr, addRate, rejectedCount and currency)', () => {
    expect(Object.keys(json)).toEqual(['overall', 'bySegment', 'byPlacement', 'rejectedLines', 'rejectedCount', 'currency']);
    expect(Object.keys(json.overall)).toEqual(KPI_KEYS);
    expect(Object.keys(json.overall.aov)).toEqual(['treatment', 'holdout', 'lift', 'ci95']);
    expect(Object.keys(json.bySegment.new)).toEqual(KPI_KEYS);
    expect(Object.keys(json.byPlacement)).toEqual(['cart', 'unknown']);
    expect(json.rejectedLines).toEqual([{ line: 4, error: expect.stringMatching(/^not valid JSON/) }]);
    expect(json.rejectedCount).toBe(1);
  });

  it('uses null for what cannot be computed', () => {
    expect(json.overall.aov).toEqual({ treatment: 0.15, holdout: null, lift: null, ci95: null });
    expect(json.overall.offerMargin).toBeNull(); // no costs
    expect(json.byPlacement.cart.attachRate).toBeNull(); // no orders there
  });

  it('drops floating-point noise (0.1 + 0.2)', () => {
    expect(json.overall.offerRevenue).toBe(0.3);
  });

  it('names the currency, null when unknown, and keeps every amount a plain number', () => {
    expect(json.currency).toBeNull();
    const inEuros = JSON.parse(formatJson(report.result(), 'EUR'));
    expect(inEuros.currency).toBe('EUR');
    expect(inEuros.overall.offerRevenue).toBe(0.3);
    expect(inEuros.overall.aov.treatment).toBe(0.15);
    expect({ ...inEuros, currency: null }).toEqual(json);
  });
});
