import type { CartLine, OfferDetail, Placement, Product } from '../types';

/**
 * GA4 (analytics.md §2), a chunk loaded on demand once the browser is idle after the first
 * cards, on pages with a `dataLayer` or a beacon: the pushes of the widget's own events and
 * the purchases read from the page's. What is tracked and when is decided by
 * actions/track.ts; beacon lines are queued there, in the main script, so that a page hidden
 * or left at once still sends them.
 */

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
