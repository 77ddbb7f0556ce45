import type { Order } from '../chunks/measure';
import type { Catalog, Offer, OfferDetail } from '../types';
import { createBeacon, type Audience } from './beacon';
import type { Emit } from './emit';
import { readVisitor, writeVisitor, type StorageLike } from './visitor-store';

/** What tracking needs from the page; GA4 is the `measure` chunk's. */
export interface TrackEnv {
  emit: Emit;
  now(): number;
  storage: StorageLike | null;
  /** Load the measurement chunk; rejects when it cannot be loaded. */
  loadMeasure(): Promise<typeof import('../chunks/measure')>;
  /** Run `fn` when the browser is idle (so no chunk is requested before the first cards). */
  idle(fn: () => void): void;
  /** POST `body` to `url` (sendBeacon, else fetch with keepalive). */
  send(url: string, body: string): void;
  /** The page's GA4 `dataLayer`, when it has one. */
  dataLayer(): { push(...items: unknown[]): unknown } | undefined;
  /** Call `entry` for each `dataLayer` entry, pushed before or after now. */
  onDataLayer(entry: (entry: unknown) => void): void;
  /** Call `hidden` whenever the page is hidden or left (flush the beacon). */
  onHide(hidden: () => void): void;
}

/** Where one slot's events go: its audience and, for purchases, its catalog's prices. */
export interface Tracked {
  el: Element;
  to: Audience;
  catalog: Catalog | undefined;
}

/**
 * What the widget tracks (analytics.md), decided here in the main script: the DOM events
 * fire and beacon lines are queued at once (so a page hidden or left at once still sends
 * them); GA4 pushes and the page's own purchases go through the `measure` chunk, loaded
 * when the browser is idle after the first cards and replayed in order. Without a beacon,
 * a dataLayer or consent, the chunk never loads.
 */
export function createTracking(env: TrackEnv, visitor: () => string, view: string, chunkFailed: (error: unknown) => void) {
  const lines = createBeacon(env, visitor, view);
  env.onHide(lines.flush);
  let measure: Promise<typeof import('../chunks/measure') | undefined> | undefined;
  /** Every order, reported once per page view, with the first beacon audience known. */
  const orders: Order[] = [];
  const reported = new Set<string>();
  let buyer: Tracked | undefined;

  const load = () =>
    (measure ??= new Promise<void>((idle) => env.idle(idle)).then(env.loadMeasure).then(
      (chunk) => {
        // Purchases (a GA4 `purchase`, before or after load) matter only with a beacon.
        env.onDataLayer((entry) => addOrder(chunk.ga4Order(entry)));
        return chunk;
      },
      (error) => void chunkFailed(error),
    ));

  const { beacon } = lines;
  const ga4 = (event: 'view_item_list' | 'select_item', to: Audience, detail: OfferDetail, offer: Offer): void => {
    const dataLayer = to.consent && env.dataLayer();
    if (dataLayer) void load().then((chunk) => chunk?.pushGa4(dataLayer, event, to.placement, [chunk.ga4Item(detail, offer.product)]));
  };

  /** Queue `order` (if any), and report the queue once a slot with a beacon is known. */
  function addOrder(order?: Order): void {
    if (order) orders.push(order);
    if (buyer) sendOrders(buyer);
  }

  /**
   * One `purchase` line per order and page view, its items marked with the kind of offer
   * this visitor added them from; those marks are then cleared.
   */
  function sendOrders({ to, catalog }: Tracked): void {
    for (const { lines, orderId = view, value } of orders.splice(0)) {
      if (reported.has(orderId)) continue;
      reported.add(orderId);
      const data = readVisitor(env.storage);
      const added = { ...data.added };
      const items = lines.map(({ id, qty, price }) => {
        const product = catalog?.byId.get(id);
        const offer = added[id];
        delete added[id];
        return { id, price: price ?? product?.price ?? 0, qty, cost: product?.cost, offer };
      });
      beacon('purchase', to, { orderId, value: value ?? items.reduce((sum, item) => sum + item.price * item.qty, 0), items });
      if (to.consent && data.added) writeVisitor(env.storage, { ...data, added });
    }
  }

  return {
    /** A slot computed who its events are about; with a beacon it also reports orders. */
    audience(slot: Tracked, order?: Order): void {
      if (slot.to.beacon && slot.to.consent) {
        buyer ??= slot;
        void load(); // to read the page's purchases
      }
      addOrder(order);
    },
    rendered: (slot: Tracked, offers: readonly Offer[]) => beacon('render', slot.to, { offers: offers.map((o) => o.product.id) }),
    holdout(slot: Tracked): void {
      env.emit(slot.el, 'holdout', { placement: slot.to.placement });
      beacon('holdout', slot.to);
    },
    /** An impression, click or dismissal: the DOM event, the beacon line and, but for dismissals, GA4. */
    offer(slot: Tracked, t: 'impression' | 'click' | 'dismiss', offer: Offer, detail: OfferDetail): void {
      env.emit(slot.el, t, { placement: slot.to.placement, offer: detail });
      beacon(t, slot.to, beaconFields(offer, detail.position));
      if (t !== 'dismiss') ga4(t === 'click' ? 'select_item' : 'view_item_list', slot.to, detail, offer);
    },
    /** The primary button: GA4 `select_item` at once, the `add` line once the cart took it. */
    selected: (slot: Tracked, offer: Offer, detail: OfferDetail) => ga4('select_item', slot.to, detail, offer),
    added: (slot: Tracked, offer: Offer, detail: OfferDetail) => beacon('add', slot.to, beaconFields(offer, detail.position)),
    /** Load the chunk when the browser is idle after the first render, if anything will need it. */
    prefetch(slot: Tracked): void {
      if (slot.to.consent && (slot.to.beacon || env.dataLayer())) void load();
    },
  };
}

/** The offer fields of a beacon line (analytics.md). */
const beaconFields = (offer: Offer, position: number) => ({
  productId: offer.product.id,
  kind: offer.kind,
  price: offer.product.price,
  position,
});
