import type { OrderCounts } from './count-pairs';

/** One mined co-purchase statistic from anchor `from` to offered product `to`. */
export interface MinedPair {
  from: string;
  to: string;
  /** Orders holding both. */
  orders: number;
  /** orders(from and to) ÷ orders(from), 4 decimals. */
  attachRate: number;
  /** attachRate ÷ (orders(to) ÷ all orders), 4 decimals. */
  lift: number;
}

export interface MineOptions {
  /** Least orders holding both for a pair to count (`--min-orders`). */
  minOrders: number;
  /** Most pairs kept per anchor (`--top`). */
  top: number;
}

export interface MineStats {
  /** Distinct unordered pairs in at least `minOrders` orders. */
  frequentPairs: number;
  /** Ordered pairs of those with lift > 1 (before `top`). */
  liftedPairs: number;
  /** Ordered pairs kept (after `top`). */
  keptPairs: number;
}

export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Compare two ids by Unicode code point, the order of their UTF-8 bytes: the order SQL
 * engines sort text in (DuckDB, BigQuery, Spark SQL), so co-purchase.sql breaks ties as
 * `minePairs` does. JavaScript's `<` compares UTF-16 code units, which differs only where
 * one id has a character above U+FFFF (an emoji: two surrogates, D800–DFFF) and the other
 * one from U+E000 to U+FFFF at the same place: those surrogates are moved above that range.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x < 0xe000 ? 0x2000 : -0x800;
      y += y < 0xe000 ? 0x2000 : -0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The mined pairs of catalog.md: for every ordered pair (A, B) of distinct products in at
 * least `minOrders` orders together, keep those with lift > 1 and, per anchor A, the `top`
 * best by attachRate, ties broken by orders (descending) then B's id (code-point order, not
 * locale: the output must not depend on the machine, and SQL engines sort so). Anchors come
 * in catalog order, each one's pairs best first. `ids[i]` is the id of product index `i`.
 *
 * Two exact shortcuts, both from the definitions:
 * - lift > 1 ⟺ orders(A,B) × all > orders(A) × orders(B), compared on integers so rounding
 *   never flips a pair; and it is symmetric, so (A,B) and (B,A) pass or fail together.
 * - For one anchor, attachRate = orders(A,B) ÷ orders(A) has the same denominator for every
 *   B, so ranking by attachRate is ranking by orders(A,B) (the orders tie-break never fires).
 */
export function minePairs(counts: OrderCounts, ids: readonly string[], options: MineOptions): { pairs: MinedPair[]; stats: MineStats } {
  const { minOrders, top } = options;
  const { total, productOrders } = counts;
  const stats: MineStats = { frequentPairs: 0, liftedPairs: 0, keptPairs: 0 };
  /** Per anchor, its best partners so far, best first: [partner, orders] flattened. */
  const best: (number[] | undefined)[] = new Array(ids.length);

  /** Whether partner `b` with `n` orders ranks above partner `c` with `m`. */
  const above = (b: number, n: number, c: number, m: number) => n > m || (n === m && compareCodePoints(ids[b]!, ids[c]!) < 0);
  const offer = (a: number, b: number, n: number) => {
    let list = best[a];
    if (!list) best[a] = list = [];
    let at = list.length;
    // Insertion from the end: `top` is small, and most offers do not make the cut.
    while (at > 0 && above(b, n, list[at - 2]!, list[at - 1]!)) at -= 2;
    if (at >= top * 2) return;
    list.splice(at, 0, b, n);
    if (list.length > top * 2) list.length = top * 2;
  };

  counts.pairs.forEach((a, b, n) => {
    if (n < minOrders) return;
    stats.frequentPairs++;
    if (n * total <= productOrders[a]! * productOrders[b]!) return;
    stats.liftedPairs += 2;
    offer(a, b, n);
    offer(b, a, n);
  });

  const pairs: MinedPair[] = [];
  best.forEach((list, a) => {
    for (let k = 0; list && k < list.length; k += 2) {
      const b = list[k]!;
      const n = list[k + 1]!;
      const attachRate = n / productOrders[a]!;
      pairs.push({
        from: ids[a]!,
        to: ids[b]!,
        orders: n,
        attachRate: round4(attachRate),
        lift: round4(attachRate / (productOrders[b]! / total)),
      });
    }
  });
  stats.keptPairs = pairs.length;
  return { pairs, stats };
}

/**
 * Pairs computed elsewhere (DuckDB, a warehouse) in the order `minePairs` gives them:
 * anchors in catalog order (`indexOf` gives a product's place), each one's pairs best first,
 * by attachRate, then orders, then the offered id in code-point order. Sorting by orders
 * alone would do for pairs mined here (one anchor's attachRates share a denominator), but
 * rows from anywhere are ordered by what they say.
 */
export function inCatalogOrder<P extends MinedPair>(pairs: readonly P[], indexOf: (id: string) => number): P[] {
  return pairs
    .map((pair) => ({ pair, at: indexOf(pair.from) }))
    .sort(
      (x, y) =>
        x.at - y.at ||
        y.pair.attachRate - x.pair.attachRate ||
        y.pair.orders - x.pair.orders ||
        compareCodePoints(x.pair.to, y.pair.to),
    )
    .map(({ pair }) => pair);
}
