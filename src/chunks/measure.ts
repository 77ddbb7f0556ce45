import { createBeacon, type Audience, type BeaconEnv } from '../actions/beacon';
import type { VisitorData } from '../actions/visitor-store';
import type { Order } from '../context/page-context';
import type { Catalog, Offer, OfferDetail, Placement, Product } from '../types';

export type { Audience, Order };

/**
 * Measurement (analytics.md), a chunk loaded on demand once the browser is idle after the
 * first cards, on pages with a beacon or a `dataLayer` (and consent): the beacon batches, the
 * GA4 pushes of the widget's own events, and the purchases read from the page's dataLayer.
 * actions/track.ts decides what is tracked and when, fires the DOM events, and replays here
 * what happened before the chunk arrived.
 */
export interface MeasureEnv extends BeaconEnv {
  /** The visitor's storage (actions/visitor-store.ts, in the main script), read and written. */
  readVisitor(): VisitorData;
  writeVisitor(data: VisitorData): void;
  /** The page's GA4 `dataLayer`, when it has one. */
  dataLayer(): { push(...items: unknown[]): unknown } | undefined;
  /** Call `entry` for each `dataLayer` entry, pushed before or after now. */
  onDataLayer(entry: (entry: unknown) => void): void;
  /**
   * The GA4 `purchase` in one dataLayer entry (context/data-layer.ts, in the main script,
   * which reads the page's own purchases for page context too).
   */
  ga4Order(entry: unknown): Order | undefined;
  /** Call `hidden` whenever the page is hidden or left (flush the beacon). */
  onHide(hidden: () => void): void;
}

/** Who a slot's events are about, and its catalog (for the prices of purchases). */
export interface Measured {
  to: Audience;
  catalog: Catalog | undefined;
}

export type Measurement = ReturnType<typeof createMeasurement>;

/** One page view's measurement: beacon lines, GA4 pushes and purchase lines. */
export function createMeasurement(env: MeasureEnv, visitor: () => string, view: string) {
  const { beacon, flush } = createBeacon(env, visitor, view);
  env.onHide(flush);
  /** Every order, reported once per page view, with the first beacon audience known. */
  const orders: Order[] = [];
  const reported = new Set<string>();
  let buyer: Measured | undefined;

  /** Queue `order` (if any), and report the queue once a slot with a beacon is known. */
  function addOrder(order?: Order): void {
    if (order) orders.push(order);
    if (buyer) sendOrders(buyer);
  }

  /**
   * One `purchase` line per order and page view, its items marked with the kind of offer
   * this visitor added them from; those marks are then cleared.
   */
  function sendOrders({ to, catalog }: Measured): void {
    for (const { lines, orderId = view, value } of orders.splice(0)) {
      if (reported.has(orderId)) continue;
      reported.add(orderId);
      const data = env.readVisitor();
      const added = { ...data.added };
      // Own fields only: a page's Object.prototype.price (or an id such as "constructor") supplies nothing.
      const items = lines.map((line) => {
        const { id, qty } = line;
        const price = Object.hasOwn(line, 'price') ? line.price : undefined;
        const product = catalog?.byId.get(id);
        const offer = Object.hasOwn(added, id) ? added[id] : undefined;
        delete added[id];
        return { id, price: price ?? product?.price ?? 0, qty, cost: product?.cost, offer };
      });
      beacon('purchase', to, { orderId, value: value ?? items.reduce((sum, item) => sum + item.price * item.qty, 0), items });
      // Read again: the line may have just stored the visitor's new id.
      if (to.consent && data.added) env.writeVisitor({ ...env.readVisitor(), added });
    }
  }

  // Purchases (a GA4 `purchase`, before or after load) matter only with a beacon.
  env.onDataLayer((entry) => addOrder(env.ga4Order(entry)));

  const ga4 = (event: 'view_item_list' | 'select_item', to: Audience, detail: OfferDetail, offer: Offer): void => {
    const dataLayer = to.consent && env.dataLayer();
    if (dataLayer) pushGa4(dataLayer, event, to.placement, [ga4Item(detail, offer.product)]);
  };

  return {
    beacon,
    /** A slot computed who its events are about; with a beacon it also reports orders. */
    audience(slot: Measured, order?: Order): void {
      if (slot.to.beacon && slot.to.consent) buyer ??= slot;
      addOrder(order);
    },
    /** An impression, click or dismissal: the beacon line and, but for dismissals, GA4. */
    offer(t: 'impression' | 'click' | 'dismiss', to: Audience, offer: Offer, detail: OfferDetail): void {
      beacon(t, to, beaconFields(offer, detail.position));
      if (t !== 'dismiss') ga4(t === 'click' ? 'select_item' : 'view_item_list', to, detail, offer);
    },
    /** The primary button: GA4 `select_item` at once. */
    selected: (to: Audience, offer: Offer, detail: OfferDetail) => ga4('select_item', to, detail, offer),
    /** The cart took it: the `add` line. */
    added: (to: Audience, offer: Offer, detail: OfferDetail) => beacon('add', to, beaconFields(offer, detail.position)),
  };
}

/** The offer fields of a beacon line (analytics.md). */
const beaconFields = (offer: Offer, position: number) => ({
  productId: offer.product.id,
  kind: offer.kind,
  price: offer.product.price,
  position,
});

/** A GA4 ecommerce item from an offer (analytics.md §2). */
export const ga4Item = (offer: OfferDetail, product: Product) => ({
  item_id: offer.productId,
  item_name: product.title,
  price: offer.price,
  index: offer.position,
  item_category: product.category,
});

/** Push a GA4 ecommerce event, after the `{ecommerce: null}` that clears the last one (analytics.md §2). */
export function pushGa4(
  dataLayer: { push(...items: unknown[]): unknown },
  event: 'view_item_list' | 'select_item',
  placement: Placement,
  items: object[],
): void {
  dataLayer.push({ ecommerce: null });
  dataLayer.push({ event, ecommerce: { item_list_id: 'offerwise-' + placement, item_list_name: 'Offerwise ' + placement, items } });
}
