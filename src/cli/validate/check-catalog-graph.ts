import { CATEGORY_PREFIX } from '../../catalog/index-catalog';
import type { Catalog } from '../../types';

/**
 * Graph checks for `offerwise validate` that the parser can't make item by item. Neither
 * makes a catalog invalid (the widget works), so they are warnings: signs of a data mistake.
 * Pure; both O(products + links).
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
