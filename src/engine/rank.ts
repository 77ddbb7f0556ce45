import type { Link, LinkKind, Product, UpsellType } from '../types';
import type { Anchor } from './anchors';

/** A product that passed every filter for one anchor, with the link that reached it. */
export interface Candidate {
  product: Product;
  anchor: Anchor;
  kind: LinkKind;
  /** The upsell type, 'premium' when the link leaves it out (catalog.md). */
  upsell?: UpsellType;
  /** The link that reached it; absent for a reorder (R7). */
  link?: Link;
  /** Catalog position of the product: the last tie-break (R8). */
  position: number;
  reorder?: boolean;
}

const margin = (p: Product) => (p.cost === undefined ? 0 : p.price - p.cost);

/**
 * R8 order, every kind alike: weight, attach rate (missing = 0), contribution margin
 * (missing cost = 0), anchor order (R2), catalog order. Higher first for the first three.
 */
export function byRank(a: Candidate, b: Candidate): number {
  return (
    (b.link?.weight ?? 1) - (a.link?.weight ?? 1) ||
    (b.link?.attachRate ?? 0) - (a.link?.attachRate ?? 0) ||
    margin(b.product) - margin(a.product) ||
    a.anchor.rank - b.anchor.rank ||
    a.position - b.position
  );
}

/** R4 "the same product twice" / R8 "keeps its best link": the first of each product in a ranked list. */
export function firstPerProduct(ranked: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return ranked.filter((c) => {
    if (seen.has(c.product.id)) return false;
    seen.add(c.product.id);
    return true;
  });
}
