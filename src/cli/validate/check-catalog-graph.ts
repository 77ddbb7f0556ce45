import { CATEGORY_PREFIX } from '../../catalog/index-catalog';
import type { Catalog, Link, Placement, Segment, UpsellType } from '../../types';

/**
 * Graph checks for `offerwise validate` that the parser can't make item by item. None
 * makes a catalog invalid (the widget works), so they are warnings: signs of a data mistake,
 * or of links that never (or rarely) show. Pure; each O(products + links).
 */

/** A loop of upgrades: `cycle` runs from a product back to itself along upsell links. */
export interface UpgradeCycle {
  /** Product ids, first = last: `['a', 'b', 'a']`. The shortest loop through `cycle[0]`. */
  cycle: string[];
  /** How many products upgrade into one another in this tangle (≥ the cycle's length − 1). */
  products: number;
}

/**
 * Loops of `upsell` links among products (a → b → a): each product is offered as an upgrade
 * of the other, which is one direction too many. One per strongly connected tangle (a
 * tangle holds many loops; listing them all would be exponential), with the shortest loop
 * through its first product in catalog order, in catalog order of those first products.
 * Category links are left out: their `from` is not a product.
 */
export function findUpgradeCycles(catalog: Catalog): UpgradeCycle[] {
  const next = (id: string) =>
    (catalog.linksFrom.get(id) ?? []).filter((l) => l.kind === 'upsell').map((l) => l.to);
  const order = (id: string) => catalog.order.get(id)!;
  return stronglyConnected(
    catalog.products.map((p) => p.id),
    next,
  )
    .filter((tangle) => tangle.length > 1) // a link to itself is invalid, so 1 is never a loop
    .map((tangle) => {
      const first = tangle.reduce((a, b) => (order(b) < order(a) ? b : a));
      return { cycle: shortestLoop(first, new Set(tangle), next), products: tangle.length };
    })
    .sort((a, b) => order(a.cycle[0]!) - order(b.cycle[0]!));
}

/**
 * Products no valid link touches, in catalog order: not the `to` of any link, not the `from`
 * of any, and not of a category with category links (those anchor a cold start, R11). They
 * can never be offered and never lead to an offer.
 */
export function findUnlinkedProducts(catalog: Catalog): string[] {
  const linked = new Set<string>();
  for (const l of catalog.links) {
    linked.add(l.to);
    if (!l.from.startsWith(CATEGORY_PREFIX)) linked.add(l.from);
  }
  return catalog.products
    .filter((p) => !linked.has(p.id) && !(p.category !== undefined && catalog.linksFromCategory.has(p.category)))
    .map((p) => p.id);
}

/** A link the widget skipped, as the document has it: its index, and its ends when they are strings. */
export interface SkippedLink {
  index: number;
  from?: string;
  to?: string;
}

/**
 * For each of `unlinked` (findUnlinkedProducts), the indexes of the skipped links that name it
 * as `from` or `to`, or name its category as `from`: it is in no link only because those were
 * skipped. Products no skipped link names are left out.
 */
export function findSkippedLinksOf(catalog: Catalog, unlinked: readonly string[], skipped: readonly SkippedLink[]): Map<string, number[]> {
  const named = new Map<string, number[]>();
  const add = (key: string, index: number) => {
    const list = named.get(key);
    if (!list) named.set(key, [index]);
    else if (list.at(-1) !== index) list.push(index);
  };
  for (const { index, from, to } of skipped) {
    if (from !== undefined) add(from, index);
    if (to !== undefined) add(to, index);
  }
  const found = new Map<string, number[]>();
  for (const id of unlinked) {
    const category = catalog.byId.get(id)?.category;
    const indexes = [...(named.get(id) ?? []), ...(category ? (named.get(CATEGORY_PREFIX + category) ?? []) : [])];
    if (indexes.length) found.set(id, [...new Set(indexes)].sort((a, b) => a - b));
  }
  return found;
}

/**
 * R3: where each kind of link may be offered at all (rules.md R3's table, read by column): a
 * cross-sell anywhere but at checkout; a `tier` or `premium` upsell only on a product page (to
 * a shopper still deciding); a `quantity` upsell there and in the cart; an `addon` there and at
 * checkout. check-catalog-graph.test.ts holds this to what the engine does.
 */
export const OFFERED_ON: Readonly<Record<'cross-sell' | UpsellType, readonly Placement[]>> = {
  'cross-sell': ['product', 'cart', 'post-purchase', 'account'],
  tier: ['product'],
  premium: ['product'],
  quantity: ['product', 'cart'],
  addon: ['product', 'checkout'],
};

/** R6: the segments no `tier` or `premium` upsell is offered to. */
const TOO_EARLY: readonly Segment[] = ['new'];

/** Why a link never shows, whatever the page and shopper. */
export type NeverShown =
  /** R3: `placements` names none of the places its kind is offered (`allowed`); or it is empty (R5). */
  | { link: Link; index: number; why: 'placements'; type: 'cross-sell' | UpsellType; allowed: readonly Placement[] }
  /** R6, R5: `segments` is empty, or only shoppers no `tier` or `premium` upsell goes to. */
  | { link: Link; index: number; why: 'segments'; type: 'cross-sell' | UpsellType };

/**
 * Links that no page and no shopper can ever see, in catalog order (`index` in
 * `catalog.links`): their own `placements` (or `segments`) rule out every place (or shopper)
 * the rules offer their kind to.
 */
export function findNeverShownLinks(catalog: Catalog): NeverShown[] {
  const found: NeverShown[] = [];
  catalog.links.forEach((link, index) => {
    const type = link.kind === 'upsell' ? (link.upsell ?? 'premium') : 'cross-sell';
    const allowed = OFFERED_ON[type];
    if (link.placements && !link.placements.some((p) => allowed.includes(p)))
      found.push({ link, index, why: 'placements', type, allowed });
    else if (link.segments && link.segments.every((s) => (type === 'tier' || type === 'premium') && TOO_EARLY.includes(s)))
      found.push({ link, index, why: 'segments', type });
  });
  return found;
}

/** A category with links `from: "category:<name>"` that never or rarely show (R11). */
export interface CategoryLinksIssue {
  category: string;
  /** The category links, as indexes in `catalog.links`. */
  links: number[];
  /**
   * The category's products, which all have links of their own: the category links apply to
   * each only where none of its own qualifies (R11). Empty: no product has the category, so
   * they never apply.
   */
  products: string[];
}

/**
 * Categories whose links never show (no product has the category: a typo, or a case
 * mismatch, `Phones` for `phones`) or show only as a fallback (every product of the category
 * has links of its own: the category links apply to one only where none of its own qualifies,
 * rules.md R11). A category some of whose products have no link of their own is the cold
 * start R11 is for, and not reported. In order of the first link of each.
 */
export function findCategoryLinkIssues(catalog: Catalog): CategoryLinksIssue[] {
  const members = new Map<string, string[]>();
  for (const p of catalog.products)
    if (p.category !== undefined && catalog.linksFromCategory.has(p.category)) {
      const list = members.get(p.category);
      if (list) list.push(p.id);
      else members.set(p.category, [p.id]);
    }
  const issues = new Map<string, CategoryLinksIssue>();
  catalog.links.forEach((link, index) => {
    if (!link.from.startsWith(CATEGORY_PREFIX)) return;
    const category = link.from.slice(CATEGORY_PREFIX.length);
    const products = members.get(category) ?? [];
    if (products.some((id) => !catalog.linksFrom.get(id)?.length)) return;
    const issue = issues.get(category);
    if (issue) issue.links.push(index);
    else issues.set(category, { category, links: [index], products });
  });
  return [...issues.values()];
}

/**
 * Tarjan's strongly connected components, iterative (a long upgrade chain must not overflow
 * the call stack). Each node's successors are asked for once.
 */
function stronglyConnected(nodes: string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    return { v, succ: next(v), i: 0 };
  };
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work = [visit(root)];
    while (work.length) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.succ.length) {
        const w = frame.succ[frame.i++]!;
        if (!index.has(w)) work.push(visit(w));
        else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(frame.v)!));
      if (low.get(frame.v) === index.get(frame.v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.v);
        components.push(component);
      }
    }
  }
  return components;
}

/** The shortest path from `start` back to itself inside `within` (breadth first), as ids. */
function shortestLoop(start: string, within: Set<string>, next: (id: string) => string[]): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of next(v)) {
      if (!within.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = parent.get(u)) path.push(u);
        return [...path, start].reverse();
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start]; // unreachable: `within` is strongly connected
}
