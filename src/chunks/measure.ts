import type { CartLine, OfferDetail, Placement, Product, Segment } from '../types';
import { safeJson } from '../util/safe-json';

/**
 * Measurement transport (analytics.md), a chunk loaded on demand: one page view's beacon
 * batches, GA4 pushes and the purchases read from the dataLayer. Pure of globals: the
 * page's `dataLayer`, the clock and the sender are passed in by the widget. What is tracked
 * and when is decided by actions/track.ts, in the main script.
 */

/** `t` of a beacon line. */
export type BeaconType = 'render' | 'impression' | 'click' | 'add' | 'dismiss' | 'holdout' | 'purchase';
export type Group = 'treatment' | 'holdout';

/** Where one slot's events go, and who they are about. */
export interface Audience {
  placement: Placement;
  segment: Segment;
  group: Group;
  /** The beacon URL, when events are collected. */
  beacon?: string | undefined;
  /** `data-consent`: false sends no beacon and pushes nothing to GA4. */
  consent: boolean;
}

export interface MeasureEnv {
  now(): number;
  /** POST `body` to `url` (sendBeacon, else fetch with keepalive). */
  send(url: string, body: string): void;
  /** The page's GA4 `dataLayer`, when it has one. */
  dataLayer(): { push(...items: unknown[]): unknown } | undefined;
}

/** A beacon batch is sent when it holds this many events (and whenever the page is hidden). */
export const BATCH_SIZE = 10;


/** A GA4 ecommerce item from an offer (analytics.md §2). */
export const ga4Item = (offer: OfferDetail, product: Product) => ({
  item_id: offer.productId,
  item_name: product.title,
  price: offer.price,
  index: offer.position,
  item_category: product.category,
});

export type Measure = ReturnType<typeof createMeasure>;

/**
 * One page view's measurement: every beacon line carries the visitor id (asked for only when
 * a line is sent) and the page view id.
 */
export function createMeasure(env: MeasureEnv, visitor: () => string, view: string) {
  const queues = new Map<string, string[]>();
  const flush = (): void => {
    for (const [url, lines] of queues) if (lines.length) env.send(url, lines.splice(0).join('\n') + '\n');
  };
  return {
    flush,
    /** Queue one beacon line; sends the batch when it is full. */
    beacon(t: BeaconType, to: Audience, fields: Record<string, unknown> = {}): void {
      if (!to.beacon || !to.consent) return;
      const { placement, segment, group } = to;
      const queue = queues.get(to.beacon) ?? [];
      queues.set(to.beacon, queue);
      queue.push(safeJson({ t, ts: env.now(), visitor: visitor(), view, placement, segment, group, ...fields }));
      if (queue.length >= BATCH_SIZE) flush();
    },
    /** Push a GA4 ecommerce event, after the `{ecommerce: null}` that clears the last one. */
    ga4(event: 'view_item_list' | 'select_item', to: Audience, items: object[]): void {
      const dataLayer = to.consent ? env.dataLayer() : undefined;
      if (!dataLayer) return;
      dataLayer.push({ ecommerce: null });
      dataLayer.push({
        event,
        ecommerce: { item_list_id: 'offerwise-' + to.placement, item_list_name: 'Offerwise ' + to.placement, items },
      });
    },
  };
}

/** An order to report as a `purchase` event (analytics.md). */
export interface Order {
  lines: (CartLine & { price?: number })[];
  orderId?: string | undefined;
  value?: number | undefined;
}

/** A GA4 `purchase`, pushed as an object or by gtag (`['event', 'purchase', params]`). */
export function ga4Order(entry: unknown): Order | undefined {
  const e = entry as Record<string | number, unknown> | null;
  const data = (e?.event === 'purchase' ? e.ecommerce : e?.[0] === 'event' && e[1] === 'purchase' ? e[2] : 0) as
    | Record<string, unknown>
    | undefined;
  if (!data || !Array.isArray(data.items)) return undefined;
  const lines = data.items.flatMap((item: Record<string, unknown> | null) => {
    const id = item?.item_id;
    const price = Number(item?.price);
    return typeof id == 'string' && id ? [{ id, qty: Number(item.quantity) || 1, ...(price >= 0 && { price }) }] : [];
  });
  const value = Number(data.value);
  return { lines, orderId: data.transaction_id == null ? undefined : String(data.transaction_id), value: value >= 0 ? value : undefined };
}
