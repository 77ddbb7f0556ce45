/**
 * "Simulate 1,000 shoppers": seeded random visits through the demo store, decided by the
 * widget's own engine, written as the analytics events of analytics.md (one object per
 * NDJSON line), so the result can be downloaded and fed to `npx offerwise report`.
 *
 * The behaviour model is deliberately simple and stated here so nobody mistakes its output
 * for evidence: a shopper sees the offers the engine chooses on a product page and in the
 * cart, clicks and adds them with fixed probabilities per kind and segment, and buys with
 * a probability per segment. Holdout shoppers see nothing and buy the same way.
 */
import { choose } from '../src/engine/choose';
import type { Catalog, Offer, Placement, Segment } from '../src/types';
import { seededRandom } from '../src/util/seeded-random';

export interface SimulationOptions {
  shoppers: number;
  /** Percent of shoppers in the holdout group (R12). */
  holdout: number;
  seed: number;
  /** `YYYY-MM-DD`; each shopper's visit is on this day. */
  today: string;
}

export type SimEvent = Record<string, unknown> & { t: string; group: 'treatment' | 'holdout' };


/** Segment mix, and how each segment customer looks to the engine (rules.md R6). */
const SEGMENTS: [Segment, number, { orders?: number; spent?: number; lastOrder?: string }][] = [
  ['new', 0.4, {}],
  ['returning', 0.35, { orders: 2, spent: 240, lastOrder: '2026-10-01' }],
  ['vip', 0.1, { orders: 8, spent: 1850, lastOrder: '2026-11-01' }],
  ['lapsed', 0.15, { orders: 3, spent: 300, lastOrder: '2025-06-01' }],
];
const BUY: Record<Segment, number> = { new: 0.22, returning: 0.35, vip: 0.5, lapsed: 0.25 };
const CLICK = 0.18;
const ADD: Record<'cross-sell' | 'upsell', number> = { 'cross-sell': 0.16, upsell: 0.09 };

export function simulate(catalog: Catalog, options: SimulationOptions): SimEvent[] {
  const rand = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  // Products some link starts from: the ones a shopper would come to buy.
  const anchors = [...catalog.linksFrom.keys()].filter((id) => catalog.byId.get(id)?.inStock);
  const events: SimEvent[] = [];
  let ts = Date.parse(options.today + 'T09:00:00Z');

  for (let n = 0; n < options.shoppers; n++) {
    let roll = rand();
    const [segment, , customer] = SEGMENTS.find(([, share]) => (roll -= share) < 0) ?? SEGMENTS[0]!;
    const group: SimEvent['group'] = rand() * 100 < options.holdout ? 'holdout' : 'treatment';
    const visitor = `v_${n.toString(36)}`;
    const main = catalog.byId.get(pick(anchors))!;
    const order: { id: string; price: number; qty: number; cost?: number; offer?: string }[] = [
      { id: main.id, price: main.price, qty: 1, ...(main.cost !== undefined && { cost: main.cost }) },
    ];
    let view = 0;
    const base = (placement: Placement) => ({
      ts: (ts += 1000 + Math.floor(rand() * 60_000)),
      visitor,
      view: `pv_${visitor}_${view}`,
      placement,
      segment,
      group,
    });

    for (const placement of ['product', 'cart'] as const) {
      view++;
      if (group === 'holdout') {
        events.push({ t: 'holdout', ...base(placement) });
        continue;
      }
      const cart = placement === 'cart' ? order.map(({ id, qty }) => ({ id, qty })) : [];
      const offers = choose(
        catalog,
        { placement, product: main.id, cart, owned: [], customer, dismissed: [], exclude: [], max: 2 },
        options.today,
      );
      const about = (o: Offer) => ({ productId: o.product.id, kind: o.kind, price: o.product.price });
      events.push({ t: 'render', ...base(placement), offers: offers.map((o) => o.product.id) });
      for (const offer of offers) {
        if (rand() < 0.85) events.push({ t: 'impression', ...base(placement), ...about(offer) });
        else continue;
        if (rand() < CLICK) events.push({ t: 'click', ...base(placement), ...about(offer) });
        if (rand() < ADD[offer.kind] * (segment === 'new' ? 0.7 : 1)) {
          events.push({ t: 'add', ...base(placement), ...about(offer) });
          const { id, price, cost } = offer.product;
          const item = { id, price, qty: offer.quantity, offer: offer.kind, ...(cost !== undefined && { cost }) };
          // An upgrade is bought instead of the product it upgrades; anything else on top.
          if (offer.kind === 'upsell' && offer.upsell !== 'addon') order[0] = item;
          else order.push(item);
        }
      }
    }

    if (rand() < BUY[segment]) {
      const value = order.reduce((sum, item) => sum + item.price * item.qty, 0);
      events.push({
        t: 'purchase',
        ...base('post-purchase'),
        orderId: `o-${options.seed}-${n}`,
        value: Math.round(value * 100) / 100,
        items: order,
      });
    }
  }
  return events;
}

/** One JSON object per line, as the beacon sends them and `report` reads them. */
export const toNdjson = (events: SimEvent[]): string => events.map((e) => JSON.stringify(e)).join('\n') + '\n';
