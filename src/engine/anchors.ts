import type { Catalog, CartLine, Context, Product } from '../types';
import { dayNumber } from './dates';

/** A product offers relate to (rules.md terms), in R2 order. */
export interface Anchor {
  product: Product;
  /** Position in R2 order: the ranking tie-break after margin (R8). */
  rank: number;
  /** Units of it in the cart (duplicate lines summed); 1 when it is not a cart line. */
  qty: number;
  /** Day number (dates.ts) of the latest purchase of an owned anchor; NaN when unknown. */
  bought: number;
}

/** R2: the anchors of a placement. Ids the catalog does not know are skipped. */
export function anchorsFor(catalog: Catalog, context: Context): Anchor[] {
  switch (context.placement) {
    case 'product': {
      const product = context.product === undefined ? undefined : catalog.byId.get(context.product);
      return product ? [{ product, rank: 0, qty: 1, bought: NaN }] : [];
    }
    case 'account':
      return ownedAnchors(catalog, context);
    default:
      return cartAnchors(catalog, context.cart);
  }
}

/** R5: the cart subtotal, Σ price × qty over the lines the catalog knows. */
export function cartSubtotal(catalog: Catalog, cart: CartLine[]): number {
  let total = 0;
  for (const line of cart) total += (catalog.byId.get(line.id)?.price ?? 0) * line.qty;
  return total;
}

/** R2: cart / order lines, highest unit price first; sort is stable, so ties keep context order. */
function cartAnchors(catalog: Catalog, cart: CartLine[]): Anchor[] {
  const byId = new Map<string, Anchor>();
  for (const line of cart) {
    const seen = byId.get(line.id);
    if (seen) seen.qty += line.qty; // a duplicate line is the same anchor: a swap replaces all its units
    else {
      const product = catalog.byId.get(line.id);
      if (product) byId.set(line.id, { product, rank: 0, qty: line.qty, bought: NaN });
    }
  }
  const anchors = [...byId.values()].sort((a, b) => b.product.price - a.product.price);
  anchors.forEach((a, i) => (a.rank = i));
  return anchors;
}

/** R2: owned products, most recently bought first; unknown dates last, ties keep context order. */
function ownedAnchors(catalog: Catalog, context: Context): Anchor[] {
  const byId = new Map<string, Anchor>(); // a Map keeps first-seen order: the tie-break
  for (const item of context.owned) {
    const product = catalog.byId.get(item.id);
    if (!product) continue;
    const bought = dayNumber(item.purchasedAt);
    const seen = byId.get(item.id);
    // Owned twice: the latest known purchase decides recency and reorders (R7).
    if (seen && recency(bought) <= recency(seen.bought)) continue;
    byId.set(item.id, { product, rank: 0, qty: 1, bought });
  }
  const anchors = [...byId.values()].sort((a, b) => {
    const [ra, rb] = [recency(a.bought), recency(b.bought)];
    return ra === rb ? 0 : rb - ra; // -Infinity − -Infinity would be NaN
  });
  anchors.forEach((a, i) => (a.rank = i));
  return anchors;
}

/** An unknown purchase date sorts as the oldest. */
const recency = (day: number) => (Number.isNaN(day) ? -Infinity : day);
