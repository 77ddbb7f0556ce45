import type { Catalog } from '../types';
import type { Anchor } from './anchors';
import { dayNumber } from './dates';
import type { Candidate } from './rank';

/**
 * R7: owned consumables bought more than `replenishDays` days before today, in anchor
 * order (most recent purchase first). A reorder skips only the "owned" part of R4: it still
 * respects stock, the cart, the page's product, dismissals and other slots (`blocked`).
 * Price fit (R8) does not apply: the shopper already chose this product at this price.
 */
export function dueReorders(catalog: Catalog, anchors: Anchor[], today: string, blocked: Set<string>): Candidate[] {
  const day = dayNumber(today);
  const due: Candidate[] = [];
  for (const anchor of anchors) {
    const { product } = anchor;
    const every = product.replenishDays;
    // Unknown purchase date or today: NaN, never due.
    if (every === undefined || !(day - anchor.bought > every)) continue;
    if (product.inStock === false || blocked.has(product.id)) continue;
    due.push({ product, anchor, kind: 'cross-sell', reorder: true, position: catalog.order.get(product.id) ?? 0 });
  }
  return due;
}
