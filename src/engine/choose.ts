import type { CatalogLookup, Context, Link, Offer, Placement, Product, UpsellType } from '../types';
import { dayNumber } from '../util/dates';
import { atMost, fitsPrice } from './price-fit';
import { segmentOf } from './segment';
import { anchorLines, toOffer, type Anchor, type Candidate } from './offers';

/** R3: the only upsell type these placements may offer (product: see `deciding`; the rest: none). */
const ONLY_UPSELL: Partial<Record<Placement, UpsellType>> = { cart: 'quantity', checkout: 'addon' };

/**
 * The decision engine (rules.md R1–R11): at most `context.max` offers for this page and
 * shopper, best first. Pure and deterministic: `today` (`YYYY-MM-DD`) is passed in, and the
 * work follows the anchors' links only, never the whole catalog.
 *
 * Why an offer was made: each filter below names its rule; what passes all of them is ranked
 * (R8), then picked (R9).
 */
export function choose(catalog: CatalogLookup, context: Context, today: string): Offer[] {
  const { byId, settings } = catalog;
  const { placement, cart, owned, customer } = context;
  const priceSensitive = customer.priceSensitive === true;
  // R5: the cart subtotal, Σ price × qty over the lines the catalog knows.
  let subtotal = 0;
  for (const line of cart) subtotal += (byId.get(line.id)?.price ?? 0) * line.qty;

  // R2: the anchors: the page's product; the cart lines; or the owned products. Ids the
  // catalog does not know are skipped.
  const anchors: Anchor[] = [];
  for (const { id, qty = 1, purchasedAt } of anchorLines(context)) {
    const product = byId.get(id);
    if (!product) continue;
    const day = dayNumber(purchasedAt);
    const bought = isNaN(day) ? -Infinity : day; // an unknown purchase date sorts as the oldest
    const seen = anchors.find((a) => a.product === product);
    if (!seen) anchors.push({ product, qty, bought });
    else {
      seen.qty += qty; // a duplicate cart line is the same anchor: a swap replaces all its units
      seen.bought = Math.max(seen.bought, bought); // owned twice: the latest purchase decides (R7)
    }
  }
  // R2 order: cart lines by unit price, owned products by latest purchase, both highest
  // first. The sort is stable, so ties keep the context's order (two unknown purchase dates
  // compare as -Infinity − -Infinity, NaN, which sort reads as a tie: ECMA-262 SortCompare).
  anchors.sort((a, b) => (placement === 'account' ? b.bought - a.bought : b.product.price - a.product.price));

  // R4: never the page's product, the cart, dismissed ids or earlier slots' offers.
  const blocked = new Set([context.product, ...cart.map((line) => line.id), ...context.dismissed, ...context.exclude]);
  // R3: on `product`, a shopper whose cart lacks the page's product is still deciding.
  const deciding = placement === 'product' && !cart.some((line) => line.id === context.product);
  const segment = segmentOf(customer, owned, settings, today); // R6

  // R7: on the account page, owned consumables bought more than `replenishDays` days ago
  // lead, in anchor order (latest purchase first). A reorder skips only the "owned" part of
  // R4, and price fit (R8) does not apply: the shopper already chose it at this price.
  const reorders: Candidate[] = [];
  const day = dayNumber(today); // NaN when invalid: nothing is due
  if (placement === 'account')
    for (const anchor of anchors) {
      const { product, bought } = anchor;
      if (bought > -Infinity && day - bought > product.replenishDays! && product.inStock && !blocked.has(product.id))
        reorders.push({ product, anchor });
    }
  for (const item of owned) blocked.add(item.id); // R4: otherwise never what the shopper owns

  // R1: candidates only along the anchors' links (never a scan of the catalog); with no
  // anchor, nothing relates to an offer and nothing is offered.
  const candidates: Candidate[] = [];
  const follow = (anchor: Anchor, links: Link[] = []) => {
    for (const link of links) {
      const product = byId.get(link.to);
      // R4: stock and blocked ids (anchors need no check of their own: they are blocked).
      if (!product?.inStock || blocked.has(product.id)) continue;
      const upsell = link.kind === 'upsell' ? (link.upsell ?? 'premium') : undefined;
      // R3: cross-sells everywhere but checkout; upsells only as the placement allows.
      if (upsell ? !deciding && upsell !== ONLY_UPSELL[placement] : placement === 'checkout') continue;
      // R6: no tier or premium upgrade for a new or price-sensitive shopper ("not too early").
      if ((upsell === 'tier' || upsell === 'premium') && (segment === 'new' || priceSensitive)) continue;
      // R5: the link's own limits on placement, segment and cart subtotal ("reaches it": ≥).
      if (link.placements?.includes(placement) === false || link.segments?.includes(segment) === false) continue;
      if (link.minCartValue !== undefined && !atMost(link.minCartValue, subtotal)) continue;
      // R8: price fit against the anchor.
      if (!fitsPrice(link.kind, upsell, product.price, anchor.product.price, settings.maxUpsellRatio, priceSensitive))
        continue;
      candidates.push({ product, anchor, link, upsell });
    }
  };
  for (const anchor of anchors) {
    const before = candidates.length;
    follow(anchor, catalog.linksFrom.get(anchor.product.id));
    // R11: cold start: category links apply only when none of the anchor's own links qualified.
    if (candidates.length === before) follow(anchor, catalog.linksFromCategory.get(anchor.product.category!));
  }

  // R8 order, every kind alike: weight, attach rate (missing = 0), contribution margin (no
  // cost = margin 0), all higher first; then anchor order (R2), then catalog order. Only
  // link candidates are sorted (every one has a link); the reorders (R7) lead as they are.
  const margin = (p: Product) => p.price - (p.cost ?? p.price);
  candidates.sort(
    (a, b) =>
      b.link!.weight - a.link!.weight ||
      (b.link!.attachRate ?? 0) - (a.link!.attachRate ?? 0) ||
      margin(b.product) - margin(a.product) ||
      anchors.indexOf(a.anchor) - anchors.indexOf(b.anchor) ||
      catalog.order.get(a.product.id)! - catalog.order.get(b.product.id)!,
  );
  // R4 "the same product twice" / R8 "keeps its best link": the first of each product (the
  // catalog holds one object per id).
  const seen = new Set<Product>();
  const ranked = [...reorders, ...candidates].filter((c) => !seen.has(c.product) && !!seen.add(c.product));

  // R9: at most `max` (never more than 2, whatever arrives; slice(0, NaN) is empty).
  let picks = ranked;
  let nudge: Candidate | undefined;
  if (deciding) {
    // Still deciding: the best upsell leads, the best cross-sell follows (when both exist).
    const upsell = ranked.find((c) => c.upsell);
    const crossSell = ranked.find((c) => !c.upsell);
    if (upsell && crossSell) picks = [upsell, crossSell];
  } else if (placement === 'cart' && subtotal < context.freeShipping!) {
    // Free-shipping nudge (never without a threshold: `< undefined` is false): the cheapest
    // cross-sell whose price closes the gap leads; ties keep R8 order.
    const gap = context.freeShipping! - subtotal;
    for (const c of ranked)
      if (!c.upsell && atMost(gap, c.product.price) && (!nudge || c.product.price < nudge.product.price)) nudge = c;
    if (nudge) picks = [nudge, ...ranked.filter((c) => c !== nudge)];
  }

  return picks
    .slice(0, Math.max(0, Math.min(2, context.max)))
    .map((c, i) => toOffer(c, placement, i === 0 && !!nudge, settings.proofMinOrders));
}
