import { didYouMean, nearest, type LinkSource } from '../../../catalog/validate-catalog';
import { formatCount as n, type BuildLog } from '../build-log';
import { round4 } from '../mine-pairs';
import { visualReason } from '../product-source';
import { crossSellFits } from '../warn-price-fit';
import type { Complements } from './complementary-categories';
import { exactNeighbours, indexedNeighbours, type FindNeighbours, type Match } from './nearest';
import type { UsearchModule } from './visual-peers';
import type { VectorTable } from './vector-table';

/**
 * The least similarity of a visual link, by default. On the generated studio set
 * (scripts/jewellery-images.mjs: 240 photos, sensor noise and JPEG artefacts, two levels of
 * each) every pair of one material in different shapes scores at least 0.81 (5th percentile
 * 0.89), and every pair of two materials at most 0.66 (95th percentile 0.55–0.57); the
 * nearest materials are silver and matte black (median 0.51–0.53) and gold and rose gold
 * (median 0.41–0.45). 0.75 sits in that gap, nearer the top of it: real photos (mixed light,
 * stones, another alloy) score lower than generated ones, so a match needs room below 0.81,
 * and a wrong material needs more than the generated set's worst to pass. It is a floor, not
 * the ranking: the best match still comes first.
 */
export const DEFAULT_MIN_SIMILARITY = 0.75;

/**
 * A visual link's weight at similarity 1: half the default weight, scaled by the similarity,
 * so visual links rank below the curated and mined links of their anchor (rules.md R8 ranks
 * by weight first; those have weight 1 unless the merchant said otherwise) and among
 * themselves by how alike they are. An anchor whose own links weigh less keeps visual links
 * below half of its lightest one.
 */
export const VISUAL_WEIGHT = 0.5;

/** Products with a vector up to which every anchor is compared with every candidate. */
export const EXACT_UP_TO = 5000;

type Item = Record<string, unknown>;

export interface VisualLinkOptions {
  /** Visual links kept per anchor (`--top`). */
  top: number;
  /** `--min-similarity` (`DEFAULT_MIN_SIMILARITY`). */
  minSimilarity: number;
  complements: Complements;
  /** @default EXACT_UP_TO */
  exactUpTo?: number;
  /** usearch, imported when the catalog is past `exactUpTo`. */
  usearch: () => Promise<UsearchModule>;
}

export interface VisualStats {
  search: 'exact' | 'index';
  /** Products with a vector in a category that has complements. */
  anchors: number;
  /** Of those, how many got a link. */
  linked: number;
  links: number;
  /** The links' similarity: the lowest, the median and the highest. */
  similarity?: { min: number; median: number; max: number };
}

/**
 * The visual links of catalog.md's "Visual links": for each anchor (a product with a vector
 * whose category has complements), its best matches in each complementary category, in
 * stock, priced as rules.md R8 lets a cross-sell be (`crossSellFits`), at least
 * `minSimilarity` alike, and not already linked to it by a curated or mined link (of any
 * kind: the merchant or the orders said what they are to each other). The anchor takes the
 * best of each category in turn (the best of every category first, then the second…), up to
 * `top`. Each is a `cross-sell` with the reason "Matches the look of ‹anchor title›",
 * `source: "visual"`, its `similarity` and a `weight` below the anchor's other links
 * (`VISUAL_WEIGHT`); no statistic (rules.md R10: none is invented).
 *
 * Categories named as complements with no product, or with one, are reported on `log`.
 */
export async function visualLinks(
  products: readonly Item[],
  vectors: VectorTable,
  existing: readonly Item[],
  options: VisualLinkOptions,
  log: BuildLog,
): Promise<{ links: Item[]; stats: VisualStats }> {
  const { top, minSimilarity, complements, exactUpTo = EXACT_UP_TO } = options;
  const inCategory = new Map<string, number[]>();
  const described = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, category: string, at: number) => {
    const list = map.get(category);
    if (list) list.push(at);
    else map.set(category, [at]);
  };
  products.forEach((p, at) => {
    const category = p.category as string | undefined;
    if (category === undefined) return;
    add(inCategory, category, at);
    if (vectors.has[at]) add(described, category, at);
  });
  reportCategories(complements, inCategory, described, products, log);

  const search = vectors.count <= exactUpTo ? 'exact' : 'index';
  const find: FindNeighbours = search === 'exact' ? exactNeighbours(vectors) : indexedNeighbours(vectors, await options.usearch());

  const linked = new Set<string>();
  const lightest = new Map<string, number>();
  for (const link of existing) {
    linked.add(pairKey(link.from as string, link.to as string));
    const weight = (link.weight as number | undefined) ?? 1;
    lightest.set(link.from as string, Math.min(weight, lightest.get(link.from as string) ?? 1));
  }
  const price = (at: number) => products[at]!.price as number;
  const accept = (a: number, b: number) => crossSellFits(price(b), price(a)) && !linked.has(pairKey(products[a]!.id as string, products[b]!.id as string));

  /** Each category's in-stock products with a vector: the candidates (one array per category, so an index is built once). */
  const candidatesOf = new Map<string, number[]>();
  const candidates = (category: string) => {
    let list = candidatesOf.get(category);
    if (!list) candidatesOf.set(category, (list = (described.get(category) ?? []).filter((at) => products[at]!.inStock !== false)));
    return list;
  };

  const links: Item[] = [];
  const stats: VisualStats = { search, anchors: 0, linked: 0, links: 0 };
  const similarities: number[] = [];
  const found = new Map<number, Match[][]>();
  // Anchors by category, in order of first appearance in the catalog; links in catalog order.
  for (const [category, anchors] of described) {
    const others = complements.get(category);
    if (!others) continue;
    stats.anchors += anchors.length;
    const perCategory = await Promise.all(
      others.map(async (other) => {
        // An anchor cheaper than every candidate can take none (R8): it is not searched for.
        const pool = candidates(other);
        const cheapest = pool.reduce((least, at) => Math.min(least, price(at)), Infinity);
        const searched = anchors.filter((a) => crossSellFits(cheapest, price(a)));
        const lists = await find(searched, pool, top, minSimilarity, accept);
        const of = new Map(searched.map((a, i) => [a, lists[i]!]));
        return anchors.map((a) => of.get(a) ?? []);
      }),
    );
    anchors.forEach((a, i) => found.set(a, perCategory.map((lists) => lists[i]!)));
  }
  for (const a of [...found.keys()].sort((x, y) => x - y)) {
    const lists = found.get(a)!;
    const anchor = products[a]!;
    // The best of each category in turn, then the second of each, … up to `top`.
    const picked: Match[] = [];
    for (let rank = 0; picked.length < top && lists.some((list) => list.length > rank); rank++)
      for (const list of lists) if (list[rank] && picked.length < top) picked.push(list[rank]!);
    if (picked.length) stats.linked++;
    const cap = Math.min(VISUAL_WEIGHT, (lightest.get(anchor.id as string) ?? 1) / 2);
    for (const match of picked.sort((x, y) => y.similarity - x.similarity || x.to - y.to)) {
      similarities.push(match.similarity);
      links.push({
        from: anchor.id,
        to: products[match.to]!.id,
        kind: 'cross-sell',
        reason: visualReason(anchor.title as string),
        // Never 0 (catalog.md: weight in (0, 1]), and never rounded up past the cap.
        weight: Math.max(1e-4, Math.min(cap, round4(cap * match.similarity))),
        source: 'visual' satisfies LinkSource,
        similarity: round4(match.similarity),
      });
    }
  }
  stats.links = links.length;
  if (similarities.length) {
    similarities.sort((x, y) => x - y);
    stats.similarity = { min: round4(similarities[0]!), median: round4(similarities[similarities.length >> 1]!), max: round4(similarities.at(-1)!) };
  }
  return { links, stats };
}

const pairKey = (from: string, to: string) => `${from}\0${to}`;

/**
 * A category named as a complement with no product (a typo, most likely), with one (every
 * match in it is that product), or whose products have no usable picture.
 */
function reportCategories(complements: Complements, inCategory: Map<string, number[]>, described: Map<string, number[]>, products: readonly Item[], log: BuildLog): void {
  for (const category of complements.keys()) {
    const all = inCategory.get(category) ?? [];
    const name = JSON.stringify(category);
    if (all.length === 0) log.note(`--visual: no product is in category ${name}${didYouMean(nearest(category, [...inCategory.keys()]).map((c) => JSON.stringify(c)))}; it gets no visual links`);
    else if (all.length === 1)
      log.note(`--visual: category ${name} has one product (${JSON.stringify(products[all[0]!]!.id)}): every visual match in it is that one`);
    else if (!described.has(category)) log.note(`--visual: none of the ${n(all.length)} products of category ${name} has a picture or vector to compare; it gets no visual links`);
  }
}
