import { UsageError } from '../../cli-io';
import { compareCodePoints, round4 } from '../mine-pairs';

/**
 * Which categories go with which (visual links only join products of complementary
 * categories: a necklace and earrings, a sofa and cushions, never two necklaces): each
 * category's complements, in the order they were found.
 */
export type Complements = ReadonlyMap<string, readonly string[]>;

/** `--pair-categories necklaces:earrings,sofas:cushions` as pairs; a `UsageError` for anything else. */
export function parsePairCategories(text: string): [string, string][] {
  const pairs = text.split(',').map((part) => part.split(':').map((name) => name.trim()));
  for (const [i, pair] of pairs.entries()) {
    const written = JSON.stringify(text.split(',')[i]);
    if (pair.length !== 2 || !pair[0] || !pair[1])
      throw new UsageError(`--pair-categories: expected category:category pairs separated by commas (necklaces:earrings,sofas:cushions), got ${written}`);
    if (pair[0] === pair[1])
      throw new UsageError(`--pair-categories: ${written} pairs a category with itself; visual links join complementary categories (a necklace and earrings), not alternatives`);
  }
  return pairs as [string, string][];
}

/** Co-purchase counts by category: what the lift of category pairs rests on. */
export interface CategoryCounts {
  /** All orders (those holding a catalog product). */
  total: number;
  /** Orders holding a product of each category. */
  orders: ReadonlyMap<string, number>;
  /** Orders holding products of both categories, each pair once. */
  pairs: readonly (readonly [a: string, b: string, orders: number])[];
}

export interface LiftedPair {
  a: string;
  b: string;
  orders: number;
  lift: number;
}

/**
 * Category pairs bought together more often than chance: in at least `minOrders` orders and
 * with lift > 1, where lift = orders(A and B) × all orders ÷ (orders(A) × orders(B)), the
 * mining's definition one level up (compared on whole numbers, as the miner compares). Each
 * pair's names in code-point order; best lift first, ties by names: the same list from every
 * engine.
 */
export function liftedCategoryPairs(counts: CategoryCounts, minOrders: number): LiftedPair[] {
  const lifted: LiftedPair[] = [];
  for (const [x, y, both] of counts.pairs) {
    const [a, b] = compareCodePoints(x, y) < 0 ? [x, y] : [y, x];
    const [na, nb] = [counts.orders.get(a) ?? 0, counts.orders.get(b) ?? 0];
    if (both < minOrders || both * counts.total <= na * nb) continue;
    lifted.push({ a, b, orders: both, lift: round4((both * counts.total) / (na * nb)) });
  }
  return lifted.sort((p, q) => q.lift - p.lift || compareCodePoints(p.a, q.a) || compareCodePoints(p.b, q.b));
}

/** Each category's complements, both ways: the pairs given first (in their order), then the lifted ones. */
export function complementsOf(given: readonly (readonly [string, string])[], lifted: readonly LiftedPair[] = []): Complements {
  const map = new Map<string, string[]>();
  const add = (a: string, b: string) => {
    const list = map.get(a) ?? [];
    if (!list.includes(b)) list.push(b);
    map.set(a, list);
  };
  for (const [a, b] of [...given, ...lifted.map((p) => [p.a, p.b] as const)]) {
    add(a, b);
    add(b, a);
  }
  return map;
}

/**
 * Counts orders by category as `readOrders` hands over each order's products: `categoryOf[i]`
 * is product `i`'s category (an index into `names`), or -1 for none.
 */
export function createCategoryCounter(categoryOf: Int32Array, names: readonly string[]) {
  const orders = new Uint32Array(names.length);
  const pairs = new Map<number, number>();
  const seen = new Int32Array(names.length).fill(-1);
  let total = 0;
  const held: number[] = [];
  return {
    /** One order's distinct products. */
    add(items: readonly number[]) {
      if (items.length === 0) return;
      total++;
      held.length = 0;
      for (const item of items) {
        const c = categoryOf[item]!;
        if (c < 0 || seen[c] === total) continue;
        seen[c] = total;
        held.push(c);
        orders[c]!++;
      }
      for (let x = 0; x < held.length; x++)
        for (let y = x + 1; y < held.length; y++) {
          const [a, b] = held[x]! < held[y]! ? [held[x]!, held[y]!] : [held[y]!, held[x]!];
          const key = a * names.length + b;
          pairs.set(key, (pairs.get(key) ?? 0) + 1);
        }
    },
    counts(): CategoryCounts {
      return {
        total,
        orders: new Map(names.map((name, c) => [name, orders[c]!])),
        pairs: [...pairs].map(([key, n]) => [names[Math.floor(key / names.length)]!, names[key % names.length]!, n] as const),
      };
    },
  };
}
