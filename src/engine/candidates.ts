import type { Catalog, Link, Placement, Segment } from '../types';
import type { Anchor } from './anchors';
import { linkApplies, placementAllows, upgradeAllowed } from './eligibility';
import { fitsPrice } from './price-fit';
import type { Candidate } from './rank';

/** What the filters need to know about this page and shopper, worked out once per call. */
export interface Situation {
  placement: Placement;
  /** On `product`: the page's product is already in the cart (R3). */
  committed: boolean;
  segment: Segment;
  priceSensitive: boolean;
  subtotal: number;
  maxUpsellRatio: number;
  /** R4: the page's product, the cart, dismissed and excluded ids. */
  blocked: Set<string>;
  /** R4: owned ids (only a due reorder, R7, gets past these). */
  owned: Set<string>;
}

/**
 * R1 + R11: the qualifying candidates of every anchor, unranked. Only links are followed
 * (never a scan of the catalog); an anchor's category links apply only when none of its
 * own product links qualifies (cold start).
 */
export function linkCandidates(catalog: Catalog, anchors: Anchor[], situation: Situation): Candidate[] {
  const out: Candidate[] = [];
  for (const anchor of anchors) {
    const before = out.length;
    collect(catalog, catalog.linksFrom.get(anchor.product.id), anchor, situation, out);
    const category = anchor.product.category;
    if (out.length === before && category !== undefined) {
      collect(catalog, catalog.linksFromCategory.get(category), anchor, situation, out);
    }
  }
  return out;
}

function collect(
  catalog: Catalog,
  links: Link[] | undefined,
  anchor: Anchor,
  s: Situation,
  out: Candidate[],
): void {
  for (const link of links ?? []) {
    const product = catalog.byId.get(link.to);
    if (!product) continue; // a link to an id the catalog does not hold
    // R4: anchors need no check of their own, they are the page's product, cart or owned.
    if (product.inStock === false || s.blocked.has(product.id) || s.owned.has(product.id)) continue;
    const upsell = link.kind === 'upsell' ? (link.upsell ?? 'premium') : undefined;
    if (!placementAllows(s.placement, s.committed, link.kind, upsell)) continue; // R3
    if (!upgradeAllowed(upsell, s.segment, s.priceSensitive)) continue; // R6
    if (!linkApplies(link, s.placement, s.segment, s.subtotal)) continue; // R5
    if (!fitsPrice(link.kind, upsell, product.price, anchor.product.price, s.maxUpsellRatio, s.priceSensitive)) continue; // R8
    const candidate: Candidate = { product, anchor, kind: link.kind, link, position: catalog.order.get(product.id) ?? 0 };
    if (upsell) candidate.upsell = upsell;
    out.push(candidate);
  }
}
