import { describe, expect, it } from 'vitest';
import { addBasket, createOrderCounts } from './count-pairs';
import { mergeLinks } from './merge-links';
import { compareCodePoints, inCatalogOrder, minePairs } from './mine-pairs';

/**
 * Ten orders, worked by hand. `x` (a bag) is in every order, so every pair with it has
 * lift exactly 1 and must be dropped (lift > 1 is strict).
 *
 *   order:  1    2    3      4    5    6  7    8  9    10
 *           ab   ab   abc    ac   bc   d  de   e  ad   f      (+ x in each)
 *
 * orders(a)=5 b=4 c=3 d=3 e=2 f=1 x=10, all orders = 10;
 * together: ab=3 ac=2 bc=2 ad=1 de=1, and x with each product as often as that product.
 */
const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'x'];
const BASKETS = ['ab', 'ab', 'abc', 'ac', 'bc', 'd', 'de', 'e', 'ad', 'f'].map((s) => [...s, 'x']);

function counts() {
  const c = createOrderCounts(IDS.length);
  for (const basket of BASKETS) addBasket(c, basket.map((id) => IDS.indexOf(id)));
  return c;
}
const mine = (minOrders: number, top = 10) => minePairs(counts(), IDS, { minOrders, top });
const brief = (p: { from: string; to: string; orders: number; attachRate: number; lift: number }) =>
  `${p.from}→${p.to} ${p.orders} ${p.attachRate} ${p.lift}`;

describe('addBasket and the pair counts', () => {
  it('counts orders per product, all orders, and each unordered pair once', () => {
    const c = counts();
    expect(c.total).toBe(10);
    expect([...c.productOrders]).toEqual([5, 4, 3, 3, 2, 1, 10]);
    expect(c.pairs.get(0, 1)).toBe(3);
    expect(c.pairs.get(1, 0)).toBe(3);
    expect(c.pairs.get(0, 3)).toBe(1);
    expect(c.pairs.get(2, 3)).toBe(0);
    // ab ac bc ad de, and x with each of the six
    expect(c.pairs.size).toBe(11);
  });

  it('leaves products that cannot pair out of the pair maps, not out of the order counts', () => {
    const c = createOrderCounts(3);
    addBasket(c, [0, 1, 2], (i) => i !== 2);
    expect([...c.productOrders]).toEqual([1, 1, 1]);
    expect(c.pairs.size).toBe(1);
  });
});

describe('minePairs (catalog.md, "Building a catalog from CSV")', () => {
  it('gives orders, attachRate and lift of every kept pair, rounded to 4 decimals, anchors in catalog order', () => {
    const { pairs, stats } = mine(2);
    expect(pairs.map(brief)).toEqual([
      'a→b 3 0.6 1.5', // 3/5; 0.6 / (4/10)
      'a→c 2 0.4 1.3333', // 2/5; 0.4 / (3/10)
      'b→a 3 0.75 1.5', // 3/4; 0.75 / (5/10)
      'b→c 2 0.5 1.6667', // 2/4; 0.5 / (3/10)
      'c→a 2 0.6667 1.3333', // 2/3; (2/3) / (5/10); a before b: a tie on attachRate goes to the id
      'c→b 2 0.6667 1.6667', // 2/3; (2/3) / (4/10)
    ]);
    // ab ac bc and x with a b c d e (x-f is in 1 order only); the x pairs have lift exactly 1.
    expect(stats).toEqual({ frequentPairs: 8, liftedPairs: 6, keptPairs: 6 });
  });

  it('drops pairs with lift exactly 1 (x is in every order)', () => {
    expect(mine(1).pairs.filter((p) => p.from === 'x' || p.to === 'x')).toEqual([]);
  });

  it('drops pairs with lift below 1, even when frequent enough', () => {
    // a and d: 1 order together; attachRate(a→d) = 1/5 < share of d = 3/10: lift 2/3.
    const pairs = mine(1).pairs.map(brief);
    expect(pairs.filter((p) => /^(a→d|d→a)/.test(p))).toEqual([]);
    // d and e: 1 order; lift (1/3) / (2/10) = 5/3 and (1/2) / (3/10) = 5/3, both kept at --min-orders 1.
    expect(pairs.filter((p) => /^(d→e|e→d)/.test(p))).toEqual(['d→e 1 0.3333 1.6667', 'e→d 1 0.5 1.6667']);
  });

  it('keeps only pairs in at least --min-orders orders', () => {
    expect(mine(3).pairs.map(brief)).toEqual(['a→b 3 0.6 1.5', 'b→a 3 0.75 1.5']);
    expect(mine(4).pairs).toEqual([]);
  });

  it('keeps the --top best per anchor by attachRate, ties by the offered id', () => {
    expect(mine(2, 1).pairs.map((p) => `${p.from}→${p.to}`)).toEqual(['a→b', 'b→a', 'c→a']);
    expect(mine(2, 1).stats).toEqual({ frequentPairs: 8, liftedPairs: 6, keptPairs: 3 });
  });

  it('ties on attachRate go to the lower id whatever the order pairs were counted in', () => {
    const ids = ['z', 'm', 'b', 'y', 'q'];
    const c = createOrderCounts(5);
    // z with each of y, m, b in 2 orders (counted in that order); orders of q alone keep lift above 1.
    for (const other of [3, 1, 2]) for (let k = 0; k < 2; k++) addBasket(c, [0, other]);
    for (let k = 0; k < 20; k++) addBasket(c, [4]);
    expect(minePairs(c, ids, { minOrders: 2, top: 2 }).pairs.filter((p) => p.from === 'z').map((p) => p.to)).toEqual(['b', 'm']);
  });
});

describe('mergeLinks', () => {
  const curated = [
    { from: 'a', to: 'c', kind: 'cross-sell', reason: 'Goes with a', weight: 0.5, attachRate: 0.9, placements: ['cart'] },
    { from: 'b', to: 'c', kind: 'upsell', upsell: 'premium', reason: 'Better' },
    { from: 'category:bags', to: 'a', kind: 'cross-sell' },
    { from: 'd', to: 'e', kind: 'cross-sell', lift: 9 },
  ];

  it('adds a cross-sell per mined pair; a curated cross-sell for the pair keeps its fields and takes the statistics', () => {
    const { links, stats } = mergeLinks(curated, mine(2).pairs);
    // Each says where it came from: a curated link stays curated with the statistics added.
    const curatedLink = { source: 'curated' };
    const mined = { source: 'mined' };
    expect(links).toEqual([
      { from: 'a', to: 'c', kind: 'cross-sell', reason: 'Goes with a', weight: 0.5, attachRate: 0.4, placements: ['cart'], lift: 1.3333, orders: 2, ...curatedLink },
      { from: 'b', to: 'c', kind: 'upsell', upsell: 'premium', reason: 'Better', ...curatedLink },
      { from: 'category:bags', to: 'a', kind: 'cross-sell', ...curatedLink },
      { from: 'd', to: 'e', kind: 'cross-sell', lift: 9, ...curatedLink }, // not a kept pair at --min-orders 2: as written
      { from: 'a', to: 'b', kind: 'cross-sell', attachRate: 0.6, lift: 1.5, orders: 3, ...mined },
      { from: 'b', to: 'a', kind: 'cross-sell', attachRate: 0.75, lift: 1.5, orders: 3, ...mined },
      { from: 'c', to: 'a', kind: 'cross-sell', attachRate: 0.6667, lift: 1.3333, orders: 2, ...mined },
      { from: 'c', to: 'b', kind: 'cross-sell', attachRate: 0.6667, lift: 1.6667, orders: 2, ...mined },
    ]);
    expect(stats).toEqual({ added: 4, statsToCurated: 1, curatedUpsells: 1 });
  });

  it('leaves a curated upsell as written and adds no cross-sell beside it (its attachRate means "chose B instead")', () => {
    const { links } = mergeLinks(curated, mine(2).pairs);
    expect(links.filter((l) => l.from === 'b' && l.to === 'c')).toEqual([{ ...curated[1], source: 'curated' }]);
  });

  it('keeps the source links.csv gives a link', () => {
    const { links } = mergeLinks([{ from: 'a', to: 'c', kind: 'cross-sell', source: 'visual', similarity: 0.9 }], []);
    expect(links).toEqual([{ from: 'a', to: 'c', kind: 'cross-sell', source: 'visual', similarity: 0.9 }]);
  });

  it('does not change the curated links it was given', () => {
    const before = structuredClone(curated);
    mergeLinks(curated, mine(2).pairs);
    expect(curated).toEqual(before);
  });
});

describe('compareCodePoints and inCatalogOrder (the order SQL engines sort ids in)', () => {
  it('orders by code point: an emoji after U+FF5A, where UTF-16 code units put it before', () => {
    const ids = ['b', 'ｚ', '😀', 'a', 'ab', '', 'é', '\uE000', '\uFFFF', '𝔸'];
    const byUtf8 = [...ids].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...ids].sort(compareCodePoints)).toEqual(byUtf8);
    expect(byUtf8).toEqual(['', 'a', 'ab', 'b', 'é', '\uE000', 'ｚ', '\uFFFF', '𝔸', '😀']);
    expect(compareCodePoints('x', 'x')).toBe(0);
  });

  it('puts rows from anywhere in minePairs order: anchors in catalog order, then attachRate, orders, id', () => {
    const row = (from: string, to: string, orders: number, attachRate: number) => ({ from, to, orders, attachRate, lift: 2 });
    const rows = [row('c', 'a', 2, 0.5), row('a', '😀', 3, 0.3), row('a', 'ｚ', 3, 0.3), row('a', 'b', 4, 0.3), row('a', 'c', 1, 0.9)];
    const at = new Map(IDS.map((id, i) => [id, i]));
    expect(inCatalogOrder(rows, (id) => at.get(id)!).map((p) => `${p.from}→${p.to}`)).toEqual(['a→c', 'a→b', 'a→ｚ', 'a→😀', 'c→a']);
  });
});
