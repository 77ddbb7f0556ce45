import type { Offer, Placement } from '../types';
import { proofFor } from './proof';
import type { Pick } from './select';

/** R3 action + R10 reason, proof and price difference: a chosen candidate as an Offer. */
export function toOffer({ candidate, unlocksFreeShipping }: Pick, placement: Placement): Offer {
  const { product, anchor, link, upsell } = candidate;
  const offer: Offer = {
    product,
    kind: candidate.kind,
    action: 'add',
    anchor: anchor.product.id,
    anchorTitle: anchor.product.title,
    quantity: 1,
  };
  if (upsell) {
    offer.upsell = upsell;
    // R10: an upsell shows the difference. An add-on is bought on top of the anchor, so what
    // it adds to the order is its whole price, not price − anchor price (often negative).
    offer.priceDelta = upsell === 'addon' ? product.price : product.price - anchor.product.price;
  }
  // R3: on the cart a larger size / multi-pack replaces the line, keeping its quantity.
  if (placement === 'cart' && upsell === 'quantity') {
    offer.action = 'swap';
    offer.replaces = anchor.product.id;
    offer.quantity = anchor.qty;
  }
  // R10: no reason here means the UI's default for the kind (a reorder's "time to restock").
  if (link?.reason !== undefined) offer.reason = link.reason;
  if (candidate.reorder) offer.reorder = true;
  if (unlocksFreeShipping) offer.unlocksFreeShipping = true;
  const proof = proofFor(link, product, anchor.product.title);
  if (proof) offer.proof = proof;
  return offer;
}
