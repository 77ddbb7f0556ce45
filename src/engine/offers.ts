import { bare } from '../catalog/field-rules';
import type { CartLine, Context, Link, Offer, OwnedItem, Placement, Product, UpsellType } from '../types';

/**
 * R2: the context's lines an offer may relate to: the page's product (none when the page
 * names none); the owned products on `account`; else the cart / order lines. Unordered, and
 * ids the catalog may not know: `choose` sorts and looks them up.
 */
export const anchorLines = ({ placement, product, owned, cart }: Context): (Partial<CartLine> & OwnedItem)[] =>
  placement === 'product' ? (product ? [{ id: product }] : []) : placement === 'account' ? owned : cart;

/** A product offers relate to (rules.md terms); choose.ts lists them in R2 order. */
export interface Anchor {
  product: Product;
  /** Units of it in the cart (duplicate lines summed); 1 when it is not a cart line. */
  qty: number;
  /** Day number (dates.ts) of the latest purchase of an owned anchor; -Infinity when unknown. */
  bought: number;
}

/** A product that passed every filter (choose.ts) for one anchor. */
export interface Candidate {
  product: Product;
  anchor: Anchor;
  /** The link that reached it; none for a reorder (R7). */
  link?: Link;
  /** For an upsell link, its type ('premium' when the link leaves it out, catalog.md). */
  upsell?: UpsellType | undefined;
}

/** R10: the least attach rate worth quoting ("41% of customers who bought … added this"). */
const MIN_ATTACH_RATE = 0.05;
/** R10: the fewest reviews behind a quoted rating. */
const MIN_REVIEWS = 5;

/** R3 action + R10 reason, proof and price difference: a chosen candidate as an Offer. */
export function toOffer(
  { product, anchor, link, upsell }: Candidate,
  placement: Placement,
  unlocksFreeShipping: boolean,
  proofMinOrders: number,
): Offer {
  const { id, title } = anchor.product;
  const kind = link?.kind ?? 'cross-sell'; // a reorder (R7) is a cross-sell
  const offer: Offer = bare({ product, kind, action: 'add', anchor: id, anchorTitle: title, quantity: 1 });
  if (upsell) {
    offer.upsell = upsell;
    // R10: a tier, premium or quantity upsell shows the difference. An add-on is bought on
    // top of the anchor, so its card shows its own price only: no difference at all.
    if (upsell !== 'addon') offer.priceDelta = product.price - anchor.product.price;
  }
  // R3: on the cart a larger size / multi-pack replaces the line, keeping its quantity.
  if (placement === 'cart' && upsell === 'quantity') {
    offer.action = 'swap';
    offer.replaces = id;
    offer.quantity = anchor.qty;
  }
  // R10: no reason here means the UI's default for the kind (a reorder's "time to restock").
  if (link?.reason !== undefined) offer.reason = link.reason;
  if (!link) offer.reorder = true;
  if (unlocksFreeShipping) offer.unlocksFreeShipping = true; // R9
  // R10: a proof line only when the data supports it; never an invented statistic, nor one
  // from a handful of orders: a link that gives `orders` needs at least `proofMinOrders`
  // (a link without them compares `undefined < n`, false, and keeps its proof).
  const attachRate = link?.attachRate ?? 0;
  const { rating, reviewCount = 0 } = product;
  if (attachRate >= MIN_ATTACH_RATE && !(link!.orders! < proofMinOrders))
    offer.proof = { type: 'attach', attachRate, anchorTitle: title };
  else if (rating !== undefined && reviewCount >= MIN_REVIEWS) offer.proof = { type: 'rating', rating, reviewCount };
  return offer;
}
