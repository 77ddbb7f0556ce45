/**
 * Orders holding both of two products, for products named by their index in the catalog
 * (0 … n−1). A pair is stored once, under its lower index: orders(A and B) is symmetric.
 *
 * One `Map<number, number>` per lower index rather than one map keyed `a * n + b`: both key
 * by numbers (no strings per pair), but a single V8 Map stops at 2^24 (16,777,216) entries,
 * which 10,000 products that co-occur freely (up to ~50 million pairs) would pass, and
 * small maps rehash more cheaply as they grow.
 */
export interface PairCounts {
  /** Count one more order holding both `a` and `b` (`a !== b`, in either order). */
  add(a: number, b: number): void;
  /** Orders holding both `a` and `b`. */
  get(a: number, b: number): number;
  /** Every pair counted, `a < b`, by `a` then in insertion order. */
  forEach(visit: (a: number, b: number, orders: number) => void): void;
  /** Distinct pairs counted. */
  readonly size: number;
}

export function createPairCounts(productCount: number): PairCounts {
  const rows: (Map<number, number> | undefined)[] = new Array(productCount);
  let size = 0;
  return {
    add(a, b) {
      if (a > b) [a, b] = [b, a];
      let row = rows[a];
      if (!row) rows[a] = row = new Map();
      const n = row.get(b);
      if (n === undefined) {
        row.set(b, 1);
        size++;
      } else row.set(b, n + 1);
    },
    get(a, b) {
      if (a > b) [a, b] = [b, a];
      return rows[a]?.get(b) ?? 0;
    },
    forEach(visit) {
      for (let a = 0; a < rows.length; a++) rows[a]?.forEach((orders, b) => visit(a, b, orders));
    },
    get size() {
      return size;
    },
  };
}

/** The order statistics mining rests on (catalog.md, "Building a catalog from CSV"). */
export interface OrderCounts {
  /** Orders holding at least one catalog product ("all orders"). */
  total: number;
  /** Orders holding each product, by product index. */
  productOrders: Uint32Array;
  pairs: PairCounts;
}

export const createOrderCounts = (productCount: number): OrderCounts => ({
  total: 0,
  productOrders: new Uint32Array(productCount),
  pairs: createPairCounts(productCount),
});

/**
 * Count one order, given the distinct product indices it holds. `mayPair(i)` says whether
 * product `i` can be in any pair worth counting: a product in fewer orders than
 * `--min-orders` cannot, and leaving it out keeps the long tail out of the pair maps.
 */
export function addBasket(counts: OrderCounts, items: readonly number[], mayPair: (i: number) => boolean = () => true) {
  if (items.length === 0) return;
  counts.total++;
  for (const i of items) counts.productOrders[i]!++;
  if (items.length < 2) return;
  const paired = items.filter(mayPair);
  for (let x = 0; x < paired.length; x++)
    for (let y = x + 1; y < paired.length; y++) counts.pairs.add(paired[x]!, paired[y]!);
}
