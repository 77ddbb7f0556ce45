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
 * The mined pairs of catalog.md: for every ordered pair (A, B) of distinct products in at
 * least `minOrders` orders together, keep those with lift > 1 and, per anchor A, the `top`
 * best by attachRate, ties broken by orders (descending) then B's id (code-unit order, not
 * locale: the output must not depend on the machine). Anchors come in catalog order, each
 * one's pairs best first. `ids[i]` is the id of product index `i`.
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
  const above = (b: number, n: number, c: number, m: number) => n > m || (n === m && ids[b]! < ids[c]!);
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
