import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../cli-io';
import { importDuckDb } from '../duckdb-session';
import { mineWithDuckDb } from '../mine-duckdb';
import { readOrders } from '../read-orders';
import { captureLog, makeTempDir, seededRandom, writeLines } from '../test-fixtures';
import { complementsOf, createCategoryCounter, liftedCategoryPairs, parsePairCategories } from './complementary-categories';

describe('parsePairCategories', () => {
  it('reads pairs separated by commas, names trimmed', () => {
    expect(parsePairCategories('necklaces:earrings, sofas : cushions')).toEqual([
      ['necklaces', 'earrings'],
      ['sofas', 'cushions'],
    ]);
  });

  it.each(['necklaces', 'a:b:c', 'a:', ':b', 'a:b,,c:d', 'a:a'])('refuses %j', (text) => {
    expect(() => parsePairCategories(text)).toThrow(UsageError);
  });
});

describe('complementsOf', () => {
  it('joins both ways, the given pairs first, each complement once', () => {
    const lifted = [{ a: 'earrings', b: 'necklaces', orders: 9, lift: 3 }, { a: 'bags', b: 'necklaces', orders: 5, lift: 1.2 }];
    expect(Object.fromEntries(complementsOf([['necklaces', 'earrings'], ['necklaces', 'rings']], lifted))).toEqual({
      necklaces: ['earrings', 'rings', 'bags'],
      earrings: ['necklaces'],
      rings: ['necklaces'],
      bags: ['necklaces'],
    });
  });
});

describe('category pairs bought together', () => {
  // Products 0–2 necklaces, 3–5 earrings, 6–7 rings, 8 has no category.
  const CATEGORY = ['necklaces', 'necklaces', 'necklaces', 'earrings', 'earrings', 'earrings', 'rings', 'rings', undefined];
  const names = ['necklaces', 'earrings', 'rings'];
  const categoryOf = Int32Array.from(CATEGORY, (c) => (c === undefined ? -1 : names.indexOf(c)));

  it('counts an order once per category, and lifts the pairs bought together more than chance', () => {
    const counter = createCategoryCounter(categoryOf, names);
    for (let k = 0; k < 6; k++) counter.add([0, 1, 3]); // two necklaces and earrings
    for (let k = 0; k < 2; k++) counter.add([6, 8]);
    for (let k = 0; k < 2; k++) counter.add([2, 7]);
    counter.add([4]);
    const counts = counter.counts();
    expect(counts.total).toBe(11);
    expect(Object.fromEntries(counts.orders)).toEqual({ necklaces: 8, earrings: 7, rings: 4 });
    // necklaces+earrings: 6 × 11 > 8 × 7 (lift 1.1786); necklaces+rings: 2 × 11 < 8 × 4.
    expect(liftedCategoryPairs(counts, 3)).toEqual([{ a: 'earrings', b: 'necklaces', orders: 6, lift: 1.1786 }]);
    expect(liftedCategoryPairs(counts, 7)).toEqual([]);
  });

  describe('the streaming reader and DuckDB count the same', () => {
    let tmp: Awaited<ReturnType<typeof makeTempDir>>;
    beforeAll(async () => {
      tmp = await makeTempDir();
      const random = seededRandom(5);
      const lines = ['order_id,product_id'];
      for (let o = 0; o < 400; o++) {
        const size = 1 + Math.floor(random() * 4);
        for (let k = 0; k < size; k++) lines.push(`o${o},p${Math.floor(random() * CATEGORY.length)}`);
      }
      await writeLines(tmp.file('orders.csv'), lines);
    });
    afterAll(() => tmp?.remove());

    it('on 400 generated orders', async () => {
      const ids = CATEGORY.map((_, i) => `p${i}`);
      const index = new Map(ids.map((id, i) => [id, i]));
      const counter = createCategoryCounter(categoryOf, names);
      await readOrders(tmp.file('orders.csv'), index, captureLog().log, { minOrders: 1, onBasket: counter.add });
      const streaming = counter.counts();
      const byCategory = new Map(ids.flatMap((id, i) => (CATEGORY[i] === undefined ? [] : [[id, CATEGORY[i]!]])));
      const duckdb = await mineWithDuckDb(
        await importDuckDb(),
        tmp.file('orders.csv'),
        new Map(ids.map((id) => [id, id])),
        captureLog().log,
        { minOrders: 1, top: 1 },
        (id) => index.get(id)!,
        byCategory,
      );
      const sorted = (pairs: readonly (readonly [string, string, number])[]) => pairs.map(([a, b, n]) => [...[a, b].sort(), n].join()).sort();
      expect(duckdb.categories!.total).toBe(streaming.total);
      expect(Object.fromEntries(duckdb.categories!.orders)).toEqual(Object.fromEntries([...streaming.orders].filter(([, n]) => n > 0)));
      expect(sorted(duckdb.categories!.pairs)).toEqual(sorted(streaming.pairs));
      expect(liftedCategoryPairs(duckdb.categories!, 3)).toEqual(liftedCategoryPairs(streaming, 3));
    });
  });
});
