import { describe, expect, it } from 'vitest';
import { createReport, type ReportOptions } from './create-report';
import type { Kpis, ReportResult } from './report-types';

/** Events, shortest form: group first, then what matters. */
const T = 'treatment';
const H = 'holdout';
const ev = (t: string, group: string, extra: Record<string, unknown> = {}) => ({ t, group, ...extra });
const order = (orderId: string | number, group: string, value: number, items: object[] = [], extra: Record<string, unknown> = {}) =>
  ev('purchase', group, { orderId, value, items, ...extra });
const offerItem = (offer: 'cross-sell' | 'upsell', price: number, qty = 1, cost?: number, id = 'x') => ({ id, price, qty, offer, ...(cost !== undefined && { cost }) });
const plainItem = (price: number, qty = 1, id = 'p') => ({ id, price, qty });

/** Runs a log through the report: objects go through `add`, strings through `addLine`. */
function run(log: (object | string)[], options?: ReportOptions): ReportResult {
  const report = createReport(options);
  log.forEach((e, i) => (typeof e === 'string' ? report.addLine(e, i + 1) : report.add(e, i + 1)));
  return report.result();
}

/** The figures of one scope without the details, for comparing with hand computations. */
const figures = ({ detail: _detail, ...k }: Kpis) => k;

describe('createReport: KPI math on hand-computed logs', () => {
  it.each<[string, (object | string)[], Partial<Kpis>]>([
    [
      'an empty log: counts are 0, ratios null',
      [],
      {
        impressions: 0, clicks: 0, adds: 0, orders: 0, ctr: null, addRate: null, attachRate: null, upgradeRate: null,
        offerRevenue: 0, offerMargin: 0, aov: { treatment: null, holdout: null, lift: null, ci95: null },
      },
    ],
    [
      'the funnel: impressions, clicks and adds from either group; other events count nothing',
      [ev('impression', T), ev('impression', T), ev('impression', T), ev('impression', H), ev('click', T), ev('add', T), ev('render', T), ev('dismiss', T), ev('holdout', H)],
      { impressions: 4, clicks: 1, adds: 1, ctr: 0.25, addRate: 0.25, orders: 0 },
    ],
    [
      'a repeated orderId counts once, the first event wins',
      [order('o1', T, 100), order('o1', T, 500), order('o1', H, 900), order('o2', T, 200)],
      { orders: 2, aov: { treatment: 150, holdout: null, lift: null, ci95: null } },
    ],
    [
      'orderId 7 and "7" are one order',
      [order(7, T, 100), order('7', T, 300)],
      { orders: 1, aov: { treatment: 100, holdout: null, lift: null, ci95: null } },
    ],
    [
      'attach and upgrade rates: share of treatment orders; holdout orders do not count',
      [
        order('a', T, 50, [offerItem('cross-sell', 10), offerItem('cross-sell', 5)]), // attached (once)
        order('b', T, 60, [offerItem('upsell', 20)]), // upgraded
        order('c', T, 70, [offerItem('cross-sell', 10), offerItem('upsell', 20)]), // both
        order('d', T, 80, [plainItem(80)]), // neither
        order('e', H, 90, [plainItem(90)]),
      ],
      { orders: 5, attachRate: 2 / 4, upgradeRate: 2 / 4, offerRevenue: 10 + 5 + 20 + 10 + 20 },
    ],
    [
      'offer revenue is Σ price × qty of offer items in treatment orders',
      [order('a', T, 100, [offerItem('cross-sell', 7.5, 4), plainItem(70)]), order('b', H, 100, [offerItem('cross-sell', 99)])],
      { offerRevenue: 30 },
    ],
    [
      'offer margin: Σ (price − cost) × qty when every cost is known',
      [order('a', T, 100, [offerItem('cross-sell', 10, 3, 4), offerItem('upsell', 50, 1, 35), plainItem(40)])],
      { offerRevenue: 80, offerMargin: (10 - 4) * 3 + (50 - 35) },
    ],
    [
      'offer margin is null when one offer item has no cost',
      [order('a', T, 100, [offerItem('cross-sell', 10, 1, 4)]), order('b', T, 100, [offerItem('upsell', 50)])],
      { offerRevenue: 60, offerMargin: null },
    ],
    [
      'a missing cost on a non-offer item does not matter',
      [order('a', T, 100, [offerItem('cross-sell', 10, 1, 4), plainItem(90)])],
      { offerMargin: 6 },
    ],
    [
      'zero holdout orders: treatment AOV, no lift, no CI',
      [order('a', T, 100), order('b', T, 140)],
      { orders: 2, aov: { treatment: 120, holdout: null, lift: null, ci95: null } },
    ],
    [
      'zero treatment orders: holdout AOV, no lift, attach rate null',
      [order('a', H, 90), order('b', H, 110)],
      { orders: 2, attachRate: null, upgradeRate: null, aov: { treatment: null, holdout: 100, lift: null, ci95: null } },
    ],
  ])('%s', (_, log, expected) => {
    expect(figures(run(log).overall)).toMatchObject(expected);
  });

  it('AOV, lift and CI against the hand computation (compare-aov.test.ts)', () => {
    const r = run([order('t1', T, 108), order('t2', T, 120), order('t3', T, 132), order('h1', H, 90), order('h2', H, 100), order('h3', H, 110)]);
    const { aov, detail } = r.overall;
    expect(aov.treatment).toBeCloseTo(120, 12);
    expect(aov.holdout).toBeCloseTo(100, 12);
    expect(aov.lift).toBeCloseTo(0.2, 12);
    expect(aov.ci95![0]).toBeCloseTo(-0.072035, 6);
    expect(aov.ci95![1]).toBeCloseTo(0.472035, 6);
    expect(detail.df).toBeCloseTo(4, 10);
    expect(detail.treatment).toMatchObject({ orders: 3, mean: 120 });
    expect(detail.holdout.ci95![0]).toBeCloseTo(75.158623, 5);
  });

  it('malformed lines are counted and listed with their line numbers; the rest still counts', () => {
    const r = run([
      JSON.stringify(ev('impression', T)),
      'not json',
      JSON.stringify(ev('impression', 'control')),
      JSON.stringify(order('a', T, -5)),
      JSON.stringify(order('b', T, 40)),
    ]);
    expect(r.overall).toMatchObject({ impressions: 1, orders: 1 });
    expect(r.events).toBe(2);
    expect(r.rejectedCount).toBe(3);
    expect(r.rejectedLines.map((l) => l.line)).toEqual([2, 3, 4]);
    expect(r.rejectedLines[1]!.error).toBe('group must be one of treatment|holdout');
    expect(r.rejectedLines[2]!.error).toBe('value must be a number ≥ 0 and at most 1e15');
  });

  it('rejects amounts above 1e15, so the lift interval never overflows to NaN', () => {
    // Values near 1e154 squared overflow a double: the interval of these groups was [NaN, NaN].
    const r = run([
      ...[1e154, 2e154, 3e154].map((v, i) => order(`t${i}`, T, v)),
      ...[1e154, 1.5e154, 2e154].map((v, i) => order(`h${i}`, H, v)),
      ...[108, 120, 132].map((v, i) => order(`t-ok${i}`, T, v)),
      ...[90, 100, 110].map((v, i) => order(`h-ok${i}`, H, v)),
    ]);
    expect(r.rejectedCount).toBe(6);
    expect(new Set(r.rejectedLines.map((l) => l.error))).toEqual(new Set(['value must be a number ≥ 0 and at most 1e15']));
    expect(r.overall.aov.lift).toBeCloseTo(0.2, 12);
    expect(r.overall.aov.ci95![0]).toBeCloseTo(-0.072035, 6);
    expect(r.overall.aov.ci95!.every(Number.isFinite)).toBe(true);
  });

  it('a rejected purchase does not claim its orderId', () => {
    const r = run([order('a', T, -1), order('a', T, 30)]);
    expect(r.overall.orders).toBe(1);
    expect(r.overall.aov.treatment).toBe(30);
  });

  it('lists at most maxListedRejects rejected lines but counts them all', () => {
    const r = run(Array.from({ length: 25 }, () => '{'), { maxListedRejects: 10 });
    expect(r.rejectedCount).toBe(25);
    expect(r.rejectedLines).toHaveLength(10);
    expect(r.rejectedLines.at(-1)!.line).toBe(10);
  });

  it('counts duplicate purchase events', () => {
    expect(run([order('a', T, 1), order('a', T, 1), order('a', H, 1)]).duplicateOrders).toBe(2);
  });
});

describe('createReport: costs from the catalog', () => {
  const costs = new Map([['fuel', 2], ['case', 9]]);
  const costOf = (id: string) => costs.get(id);

  it('fills in costs the items lack; an item’s own cost wins', () => {
    const r = run([order('a', T, 100, [offerItem('cross-sell', 7, 2, undefined, 'fuel'), offerItem('upsell', 29, 1, 10, 'case')])], { costOf });
    expect(r.overall.offerMargin).toBe((7 - 2) * 2 + (29 - 10));
  });

  it('is still null when the catalog has no cost either', () => {
    const r = run([order('a', T, 100, [offerItem('cross-sell', 7, 1, undefined, 'unknown-id')])], { costOf });
    expect(r.overall.offerMargin).toBeNull();
    expect(r.overall.detail.offerItemsWithoutCost).toBe(1);
  });
});

describe('createReport: segments and placements', () => {
  const log = [
    ev('impression', T, { segment: 'new', placement: 'cart' }),
    ev('impression', T, { segment: 'vip', placement: 'product' }),
    ev('click', T, { segment: 'vip', placement: 'product' }),
    ev('impression', T), // neither: "unknown" in both breakdowns
    order('a', T, 100, [offerItem('cross-sell', 10)], { segment: 'new', placement: 'post-purchase' }),
    order('b', H, 80, [], { segment: 'new', placement: 'post-purchase' }),
    order('c', T, 300, [offerItem('upsell', 100)], { segment: 'vip', placement: 'post-purchase' }),
    order('c', T, 1, [], { segment: 'new', placement: 'cart' }), // duplicate: the first one's scope keeps it
  ];
  const r = run(log);

  it('each event counts in its segment and its placement', () => {
    expect(Object.keys(r.bySegment)).toEqual(['new', 'vip', 'unknown']); // the spec's order, unknown last
    expect(Object.keys(r.byPlacement)).toEqual(['product', 'cart', 'post-purchase', 'unknown']);
    expect(figures(r.bySegment.new!)).toMatchObject({ impressions: 1, orders: 2, attachRate: 1, upgradeRate: 0, offerRevenue: 10, aov: { treatment: 100, holdout: 80, lift: 0.25, ci95: null } });
    expect(figures(r.bySegment.vip!)).toMatchObject({ impressions: 1, clicks: 1, ctr: 1, orders: 1, attachRate: 0, upgradeRate: 1, offerRevenue: 100 });
    expect(figures(r.bySegment.unknown!)).toMatchObject({ impressions: 1, orders: 0 });
    expect(figures(r.byPlacement.cart!)).toMatchObject({ impressions: 1, orders: 0, attachRate: null });
    expect(figures(r.byPlacement['post-purchase']!)).toMatchObject({ impressions: 0, orders: 3, ctr: null, attachRate: 0.5, offerRevenue: 110 });
  });

  it('the breakdowns add up to the overall figures', () => {
    for (const breakdown of [r.bySegment, r.byPlacement]) {
      const parts = Object.values(breakdown);
      for (const key of ['impressions', 'clicks', 'adds', 'orders', 'offerRevenue'] as const)
        expect(parts.reduce((a, k) => a + k[key], 0)).toBe(r.overall[key]);
    }
  });

  it('pools segments past maxKeys under "(other)", so memory stays bounded', () => {
    const many = Array.from({ length: 50 }, (_, i) => ev('impression', T, { segment: `s${i}` }));
    const pooled = run(many, { maxKeys: 5 });
    expect(Object.keys(pooled.bySegment)).toEqual(['s0', 's1', 's2', 's3', '(other)']);
    expect(pooled.bySegment['(other)']!.impressions).toBe(46);
  });

  it('a segment called "__proto__" is a plain key', () => {
    const odd = run([ev('impression', T, { segment: '__proto__' })]);
    expect(Object.keys(odd.bySegment)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(odd.bySegment)).__proto__.impressions).toBe(1);
  });
});

describe('createReport: offer revenue goes to the placement where the item was added', () => {
  const add = (placement: string | undefined, productId = 'x', visitor = 'v1') =>
    ev('add', T, { visitor, productId, ...(placement && { placement }) });
  /** A treatment order sent from post-purchase, with one cross-sell item `x` at 10 (cost 4). */
  const bought = (orderId: string, visitor = 'v1', item = offerItem('cross-sell', 10, 1, 4)) =>
    order(orderId, T, 100, [item], { visitor, placement: 'post-purchase' });
  /** Offer revenue per placement, leaving out placements with none. */
  const revenueByPlacement = (r: ReportResult) =>
    Object.fromEntries(Object.entries(r.byPlacement).flatMap(([p, k]) => (k.offerRevenue ? [[p, k.offerRevenue]] : [])));

  it.each<[string, object[], Record<string, number>]>([
    ['added on the cart, bought later: the cart', [add('cart'), bought('o1')], { cart: 10 }],
    ['no add seen: the purchase event’s placement', [bought('o1')], { 'post-purchase': 10 }],
    ['another visitor’s add does not count', [add('cart', 'x', 'v2'), bought('o1')], { 'post-purchase': 10 }],
    ['an add of another product does not count', [add('cart', 'y'), bought('o1')], { 'post-purchase': 10 }],
    ['an add without a placement does not count', [add(undefined), bought('o1')], { 'post-purchase': 10 }],
    ['an add after the purchase does not count', [bought('o1'), add('cart')], { 'post-purchase': 10 }],
    ['a purchase without a visitor cannot be matched', [add('cart'), order('o1', T, 100, [offerItem('cross-sell', 10)], { placement: 'post-purchase' })], { 'post-purchase': 10 }],
    ['a visitor id over 128 characters is not tracked', [add('cart', 'x', 'v'.repeat(129)), bought('o1', 'v'.repeat(129))], { 'post-purchase': 10 }],
    ['the visitor’s latest add decides', [add('product'), add('cart'), bought('o1')], { cart: 10 }],
    ['an add is used by one order: the next order of it needs its own add', [add('cart'), bought('o1'), bought('o2')], { cart: 10, 'post-purchase': 10 }],
    ['a repeated purchase event does not use the add up', [add('cart'), bought('o1'), bought('o1'), bought('o2')], { cart: 10, 'post-purchase': 10 }],
    ['two lines of the product in one order both go there', [add('account'), order('o1', T, 100, [offerItem('upsell', 10), offerItem('upsell', 5)], { visitor: 'v1', placement: 'post-purchase' })], { account: 15 }],
  ])('%s', (_, log, expected) => {
    expect(revenueByPlacement(run(log))).toEqual(expected);
  });

  it('margin and missing costs follow the item; orders, AOV and rates stay with the purchase event', () => {
    const r = run([
      add('cart'),
      add('product', 'z'),
      order('o1', T, 100, [offerItem('cross-sell', 10, 2, 4), offerItem('upsell', 30, 1, undefined, 'z'), plainItem(50)], { visitor: 'v1', placement: 'post-purchase' }),
    ]);
    expect(figures(r.byPlacement.cart!)).toMatchObject({ adds: 1, orders: 0, offerRevenue: 20, offerMargin: 12, attachRate: null });
    expect(figures(r.byPlacement.product!)).toMatchObject({ adds: 1, orders: 0, offerRevenue: 30, offerMargin: null });
    expect(r.byPlacement.product!.detail.offerItemsWithoutCost).toBe(1);
    expect(figures(r.byPlacement['post-purchase']!)).toMatchObject({ orders: 1, attachRate: 1, upgradeRate: 1, offerRevenue: 0, offerMargin: 0, aov: { treatment: 100 } });
    expect(figures(r.overall)).toMatchObject({ offerRevenue: 50, offerMargin: null, attachRate: 1 });
    expect(figures(r.bySegment.unknown!)).toMatchObject({ offerRevenue: 50 });
  });

  it('the placements’ offer revenue still adds up to the overall figure', () => {
    const r = run([add('cart'), add('product', 'y', 'v2'), bought('o1'), bought('o2', 'v2', offerItem('upsell', 25, 2, undefined, 'y')), bought('o3', 'v3')]);
    expect(revenueByPlacement(r)).toEqual({ product: 50, cart: 10, 'post-purchase': 10 });
    expect(Object.values(r.byPlacement).reduce((a, k) => a + k.offerRevenue, 0)).toBe(r.overall.offerRevenue);
  });

  it('keeps at most maxTrackedAdds visitor–product pairs, letting the oldest go first', () => {
    const log = [add('cart', 'x', 'old'), add('cart', 'x', 'a'), add('cart', 'x', 'b'), bought('o1', 'old'), bought('o2', 'b')];
    expect(revenueByPlacement(run(log, { maxTrackedAdds: 2 }))).toEqual({ cart: 10, 'post-purchase': 10 });
    expect(revenueByPlacement(run(log))).toEqual({ cart: 20 });
  });

  it('collects the currencies events carry, each once, in order of appearance', () => {
    const r = run([ev('impression', T), order('a', T, 1, [], { currency: 'eur' }), order('b', T, 1, [], { currency: 'EUR' }), ev('add', T, { currency: 'USD' })]);
    expect(r.currencies).toEqual(['EUR', 'USD']);
    expect(run([]).currencies).toEqual([]);
  });
});
