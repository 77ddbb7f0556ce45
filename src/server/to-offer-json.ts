import type { LinkKind, Offer, UpsellType } from '../types';

/**
 * One offer as the offers API sends it (offers-api.md, "Response"). Beyond the spec's fields
 * it carries what the widget needs to render and act on the same card without a catalog:
 * `anchorTitle` (default reasons and proof lines name the anchor), `upsell`, `quantity`,
 * `priceDelta`, `reorder`, `unlocksFreeShipping` and the product's `variantId`. All are
 * additions: a client reading only the spec's fields is unaffected.
 */
export interface OfferJson {
  kind: LinkKind;
  action: 'add' | 'swap';
  /** The anchor product id. */
  anchor: string;
  anchorTitle: string;
  /** With `swap`: the cart line it replaces. */
  replaces?: string;
  /** With `swap`: the replaced line's quantity; otherwise 1. */
  quantity: number;
  upsell?: UpsellType;
  reason?: string;
  proof?: { attachRate: number } | { rating: number; reviewCount: number };
  /** For upsells: price − anchor price (an add-on's whole price). */
  priceDelta?: number;
  reorder?: true;
  unlocksFreeShipping?: true;
  product: { id: string; title: string; price: number; url: string; image?: string; variantId?: string };
}

/** The `200` body. `currency` (the catalog's) is an addition: prices mean nothing without it. */
export interface OffersResponse {
  offers: OfferJson[];
  currency: string;
}

/** An engine `Offer` as the API sends it: optional fields only when set, nothing internal. */
export function toOfferJson(offer: Offer): OfferJson {
  const { product: p, proof } = offer;
  const product: OfferJson['product'] = { id: p.id, title: p.title, price: p.price, url: p.url };
  if (p.image !== undefined) product.image = p.image;
  if (p.variantId !== undefined) product.variantId = p.variantId;
  const json: OfferJson = {
    kind: offer.kind,
    action: offer.action,
    anchor: offer.anchor,
    anchorTitle: offer.anchorTitle,
    quantity: offer.quantity,
    product,
  };
  if (offer.replaces !== undefined) json.replaces = offer.replaces;
  if (offer.upsell !== undefined) json.upsell = offer.upsell;
  if (offer.reason !== undefined) json.reason = offer.reason;
  if (proof)
    json.proof =
      proof.type === 'attach' ? { attachRate: proof.attachRate } : { rating: proof.rating, reviewCount: proof.reviewCount };
  if (offer.priceDelta !== undefined) json.priceDelta = offer.priceDelta;
  if (offer.reorder) json.reorder = true;
  if (offer.unlocksFreeShipping) json.unlocksFreeShipping = true;
  return json;
}
