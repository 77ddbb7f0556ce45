import type { LinkKind, UpsellType } from '../types';

/** R8: a price-sensitive shopper's cross-sell is a small add-on, at most 30% of its anchor. */
export const PRICE_SENSITIVE_SHARE = 0.3;

// Prices are binary floats (1.1 × 100 is 110.00000000000001), so "at most" allows rounding
// noise far below the smallest unit of any currency.
const TOLERANCE = 1e-9;

/** `a ≤ b`, forgiving float rounding noise (relative to `b`: amounts are never negative). */
export function atMost(a: number, b: number): boolean {
  return a <= b + TOLERANCE * Math.max(1, b);
}

/** R8: does an offer at `price` fit its anchor's price for this kind of link? */
export function fitsPrice(
  kind: LinkKind,
  upsell: UpsellType | undefined,
  price: number,
  anchorPrice: number,
  maxUpsellRatio: number,
  priceSensitive: boolean,
): boolean {
  // A cross-sell is "similar or lower" than what the shopper is already buying.
  if (kind === 'cross-sell') return atMost(price, priceSensitive ? PRICE_SENSITIVE_SHARE * anchorPrice : anchorPrice);
  // An add-on (warranty, faster shipping) improves the original at any price.
  if (upsell === 'addon') return true;
  // tier / premium / quantity: pricier than the anchor, but not a leap (ratio bound inclusive).
  return price > anchorPrice && atMost(price, (1 + maxUpsellRatio) * anchorPrice);
}
