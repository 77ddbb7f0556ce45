import { FPGrowth, type Itemset } from 'node-fpgrowth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOrders } from './read-orders';
import { captureLog, makeTempDir, seededRandom, writeLines } from './test-fixtures';

/**
 * The pair counts mining rests on, checked against an independent implementation:
 * node-fpgrowth (FP-Growth, Han et al. 2000) mines the frequent itemsets of the same
 * baskets with the same minimum support, and every frequent pair's support must equal our
 * `orders` for it, and every frequent product's our orders(A).
 */
const PRODUCTS = 40;
const ORDERS = 3000;
const MIN_ORDERS = 12;

/** Baskets with structure: a popularity skew, and a few bundles bought together often. */
function makeBaskets(random: () => number): number[][] {
  const bundles = [
    [0, 1, 2],
    [3, 4],
    [5, 6, 7, 8],
    [9, 10],
  ];
  const pick = () => Math.floor(PRODUCTS * random() ** 2); // low indices are popular
  return Array.from({ length: ORDERS }, () => {
    const basket = new Set<number>();
    if (random() < 0.3) for (const i of bundles[Math.floor(random() * bundles.length)]!) if (random() < 0.8) basket.add(i);
    const extra = 1 + Math.floor(random() * 4);
    for (let k = 0; k < extra; k++) basket.add(pick());
    return [...basket];
  });
}

const key = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);

describe('pair counts vs node-fpgrowth', () => {
  const baskets = makeBaskets(seededRandom(20240611));
  const ids = Array.from({ length: PRODUCTS }, (_, i) => `sku-${i}`);
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  const fpPairs = new Map<string, number>();
  const fpSingles = new Map<number, number>();

  beforeAll(async () => {
    tmp = await makeTempDir();
    // One row per line item, shuffled so that no order's rows are adjacent; some products
    // appear twice in an order (two lines), which must count once.
    const random = seededRandom(7);
    const rows = baskets.flatMap((basket, o) => basket.flatMap((i) => (random() < 0.05 ? [[o, i], [o, i]] : [[o, i]])));
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    await writeLines(tmp.file('orders.csv'), ['order_id,product_id,qty', ...rows.map(([o, i]) => `ord-${o},sku-${i},1`)], '\r\n');

    // ceil(support × transactions) is the absolute count node-fpgrowth requires: aim between
    // MIN_ORDERS − 1 and MIN_ORDERS so float rounding cannot move it.
    const fp = new FPGrowth<number>((MIN_ORDERS - 0.5) / baskets.length);
    fp.on('data', ({ items, support }: Itemset<number>) => {
      if (items.length === 1) fpSingles.set(items[0]!, support);
      if (items.length !== 2) return;
      const k = key(items[0]!, items[1]!);
      expect(fpPairs.has(k), `itemset ${k} emitted twice`).toBe(false);
      fpPairs.set(k, support);
    });
    await fp.exec(baskets);
  }, 60_000);

  afterAll(() => tmp?.remove());

  it.each([
    ['one pass', undefined],
    ['several passes (orders split by hash of their id)', 4096],
  ])('agrees on every frequent pair and product: %s', async (_, passBytes) => {
    const { log, err } = captureLog();
    const productIndex = new Map(ids.map((id, i) => [id, i]));
    const { counts, stats } = await readOrders(tmp.file('orders.csv'), productIndex, log, {
      minOrders: MIN_ORDERS,
      ...(passBytes !== undefined && { passBytes }),
    });
    expect(err()).toBe('');
    if (passBytes) expect(stats.passes).toBeGreaterThan(4);

    const ours = new Map<string, number>();
    counts.pairs.forEach((a, b, n) => {
      if (n >= MIN_ORDERS) ours.set(key(a, b), n);
    });
    expect(fpPairs.size).toBeGreaterThan(20); // the data is dense enough for the check to mean something
    expect(ours).toEqual(fpPairs);

    expect(counts.total).toBe(ORDERS);
    for (const [i, support] of fpSingles) expect(counts.productOrders[i], ids[i]).toBe(support);
    const frequent = [...counts.productOrders].filter((n) => n >= MIN_ORDERS).length;
    expect(fpSingles.size).toBe(frequent);
  });
});
