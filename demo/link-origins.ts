/**
 * "Where each link came from", beside the live preview: for each card the widget rendered, the
 * catalog link it came from and that link's `source` (curated by hand, mined from orders, or
 * matched by its pictures, with their `similarity`). The widget's events name the product, not
 * the link, so the link is found again here: among the links to that product of that kind,
 * from one of the slot's anchors (its product, cart lines, owned products) or their categories
 * (rules.md R11), the one whose reason the card shows. No DOM here, so it is unit-tested in Node.
 */
import { signal } from '@preact/signals';
import type { Attributes } from './preview-model';

/** A catalog link as the demo store reads it (catalog.md); only what this panel shows. */
export interface CatalogLink {
  from: string;
  to: string;
  kind: string;
  reason?: string;
  weight?: number;
  attachRate?: number;
  source?: 'curated' | 'mined' | 'visual';
  similarity?: number;
}

/** A rendered card, as `offerwise:render` describes it (embed.md §6). */
export interface RenderedOffer {
  productId: string;
  kind: string;
  reason?: string;
}

export interface LinkOrigin {
  productId: string;
  /** The link the card came from; none for a reorder of an owned product (rules.md R7). */
  link?: CatalogLink;
}

/** The slot's anchors (rules.md R2), by product id: the page's product, the cart lines, the owned products. */
export function anchorsOf(attributes: Attributes): string[] {
  const ids = [
    attributes['data-product'],
    ...(attributes['data-cart']?.split(',').map((line) => line.split(':')[0]) ?? []),
    ...(attributes['data-owned']?.split(',').map((item) => item.split('@')[0]) ?? []),
  ];
  return [...new Set(ids.map((id) => id?.trim()).filter((id): id is string => !!id))];
}

/**
 * The link each card came from: a link to its product, of its kind, from one of `anchors` (or
 * `category:<an anchor's category>`), preferring the one whose reason the card shows, then the
 * heaviest (rules.md R8 ranks by weight first).
 */
export function linkOrigins(
  offers: readonly RenderedOffer[],
  links: readonly CatalogLink[],
  anchors: readonly string[],
  categoryOf: (id: string) => string | undefined,
): LinkOrigin[] {
  const from = new Set(anchors);
  for (const id of anchors) {
    const category = categoryOf(id);
    if (category) from.add(`category:${category}`);
  }
  return offers.map((offer) => {
    const candidates = links.filter((l) => l.to === offer.productId && l.kind === offer.kind && from.has(l.from));
    const link =
      candidates.find((l) => l.reason !== undefined && l.reason === offer.reason) ??
      [...candidates].sort((a, b) => (b.weight ?? 1) - (a.weight ?? 1))[0];
    return link ? { productId: offer.productId, link } : { productId: offer.productId };
  });
}

/** How the panel words a link's origin: `visual (similarity 0.94)`, `curated`, `not given`. */
export function describeSource(link: CatalogLink | undefined): string {
  if (!link) return 'a reorder (no link)';
  if (!link.source) return 'not given';
  return link.source === 'visual' && link.similarity !== undefined ? `visual (similarity ${link.similarity.toFixed(2)})` : link.source;
}

/** The cards of the preview slot's latest render, from its `offerwise:render` events. */
export function createRenderedOffers() {
  const offers = signal<readonly RenderedOffer[]>([]);
  const record = (event: Event) => {
    if (event.type !== 'offerwise:render') return;
    const list = (event as CustomEvent<{ offers?: unknown } | null>).detail?.offers;
    offers.value = Array.isArray(list) ? list.filter((o): o is RenderedOffer => typeof (o as RenderedOffer | null)?.productId === 'string') : [];
  };
  return { offers, record };
}
