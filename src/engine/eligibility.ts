import type { Link, LinkKind, Placement, Segment, UpsellType } from '../types';
import { atMost } from './price-fit';

/** R3: the kinds each placement may offer. `committed`: on `product`, the page's product is in the cart. */
export function placementAllows(
  placement: Placement,
  committed: boolean,
  kind: LinkKind,
  upsell: UpsellType | undefined,
): boolean {
  if (kind === 'cross-sell') return placement !== 'checkout';
  switch (placement) {
    case 'product':
      return !committed; // still deciding: every upsell; committed: none
    case 'cart':
      return upsell === 'quantity'; // swap for the larger size / multi-pack
    case 'checkout':
      return upsell === 'addon'; // warranty, faster shipping, protection
    default:
      return false; // post-purchase, account: the decision is made, upgrading it is too late
  }
}

/** R6: no tier or premium upgrade for a new or price-sensitive shopper ("not too early"). */
export function upgradeAllowed(upsell: UpsellType | undefined, segment: Segment, priceSensitive: boolean): boolean {
  if (upsell !== 'tier' && upsell !== 'premium') return true;
  return segment !== 'new' && !priceSensitive;
}

/** R5: a link's own limits on placement, shopper segment and cart subtotal. */
export function linkApplies(link: Link, placement: Placement, segment: Segment, subtotal: number): boolean {
  if (link.placements && !link.placements.includes(placement)) return false;
  if (link.segments && !link.segments.includes(segment)) return false;
  // "Reaches it": a subtotal equal to minCartValue qualifies.
  return link.minCartValue === undefined || atMost(link.minCartValue, subtotal);
}
