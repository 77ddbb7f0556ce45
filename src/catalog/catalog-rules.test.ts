import { describe, expect, it } from 'vitest';
import type { CatalogProblem } from './catalog-rules';
import { parseCatalog } from './parse-catalog';
import { FATAL_PATHS, validateCatalog } from './validate-catalog';
import { seededRandom } from '../util/seeded-random';

/**
 * The two drivers over catalog-rules.ts must make the same decisions: parseCatalog (the
 * widget's, lean) keeps an item exactly when validateCatalog (the CLI's, detailed) reports no
 * problem under that item's path, they agree on fatal vs not, and parseCatalog's one problem
 * per skipped item names the first field validateCatalog reports for it.
 */

type Obj = Record<string, unknown>;

/** A seeded PRNG, so every failure replays from its seed. */
function seeded(seed: number) {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  return { chance: (p: number) => next() < p, int, pick: <T>(list: readonly T[]): T => list[int(list.length)]! };
}
type Rand = ReturnType<typeof seeded>;

const IDS = ['a', 'b', 'c', 'd', 'e'];
const long = (n: number) => 'x'.repeat(n);
/** Values to try per field: the good ones first (`GOOD_COUNT` of them), then bad or odd ones. */
const VALUES: Record<string, readonly unknown[]> = {
  id: [...IDS, '', 42, null, long(129)],
  title: ['T', long(200), '', 5, long(201), undefined],
  price: [0, 9.5, -0, 1e308, -1, '9', NaN, Infinity, null],
  url: ['/p', 'https://s.test/p', '//cdn.test/p', 'javascript:x', '', ' /p', 7],
  image: ['/i.jpg', null, 'data:x', 'JAVASCRIPT:x', {}],
  category: ['phones', '', 3, ['phones']],
  inStock: [true, false, null, 'no', 0],
  cost: [0, 3, -0.5, '3'],
  rating: [0, 5, 4.5, 5.5, -1],
  reviewCount: [0, 12, 1.5, -1],
  replenishDays: [1, 30, 0, 1.5],
  variantId: ['v1', '', 1],
  from: [...IDS, 'category:phones', 'category:', 'Category:phones', 'zz', '', 1, null],
  to: [...IDS, 'category:phones', 'zz', '', ['a']],
  kind: ['cross-sell', 'upsell', 'Upsell', 'x', null],
  upsell: ['tier', 'premium', null, 'deluxe', 1],
  reason: ['Fits', '', long(140), long(141), 5],
  weight: [1, 0.5, Number.MIN_VALUE, 0, 1.5, '1'],
  attachRate: [0, 1, 0.4, 1.1, -0.1],
  lift: [0, 3, -1, NaN],
  orders: [0, 9, 1.5, -1],
  placements: [[], ['cart'], ['product', 'account'], ['home'], 'cart', [, 'cart']], // eslint-disable-line no-sparse-arrays
  segments: [[], ['vip'], ['new', 'lapsed'], ['whale'], 'vip'],
  minCartValue: [0, 50, -5, '50'],
};
const PRODUCT_KEYS = ['id', 'title', 'price', 'url', 'image', 'category', 'inStock', 'cost', 'rating', 'reviewCount',
  'replenishDays', 'variantId'];
const LINK_KEYS = ['from', 'to', 'kind', 'upsell', 'reason', 'weight', 'attachRate', 'lift', 'orders', 'placements',
  'segments', 'minCartValue'];
const JUNK: readonly unknown[] = [null, undefined, 'a', 7, [], [{ id: 'a' }], true];

/** Mostly good items, some with one or two fields set to any value (good or bad), or deleted. */
function mutate(r: Rand, item: Obj, keys: readonly string[]): unknown {
  if (r.chance(0.04)) return r.pick(JUNK);
  const copy = { ...item };
  if (r.chance(0.5)) return copy;
  for (let n = 1 + r.int(2); n > 0; n--) {
    const key = r.pick(keys);
    if (r.chance(0.15)) delete copy[key];
    else copy[key] = r.pick(VALUES[key]!);
  }
  return copy;
}

function randomProduct(r: Rand): unknown {
  const p: Obj = { id: r.pick(IDS), title: 'T', price: r.pick([0, 5, 99.5]), url: '/p' };
  // Optional fields, from their good values (the first of each list are good).
  for (const key of PRODUCT_KEYS.slice(4)) if (r.chance(0.2)) p[key] = VALUES[key]![0];
  return mutate(r, p, PRODUCT_KEYS);
}

function randomLink(r: Rand, earlier: unknown[]): unknown {
  if (earlier.length && r.chance(0.1)) return structuredClone(r.pick(earlier)); // a duplicate, maybe
  const l: Obj = { from: r.pick([...IDS, 'category:phones']), to: r.pick(IDS), kind: r.pick(['cross-sell', 'upsell']) };
  for (const key of LINK_KEYS.slice(3)) if (r.chance(0.15)) l[key] = VALUES[key]![0];
  return mutate(r, l, LINK_KEYS);
}

function randomCatalog(r: Rand): Obj {
  const products: unknown[] = [];
  for (let n = r.int(8); n > 0; n--) products.push(randomProduct(r));
  const links: unknown[] = [];
  for (let n = r.int(8); n > 0; n--) links.push(randomLink(r, links));
  if (r.chance(0.05)) products.length += 1; // a hole at the end
  return {
    version: r.chance(0.95) ? 1 : r.pick([2, '1', null]),
    currency: r.pick(['USD', 'eur', 'EURO', null, undefined, 978]),
    settings: r.pick([undefined, null, { vipOrders: 3 }, { vipSpend: -1, lapsedDays: 30 }, { maxUpsellRatio: NaN }, 'x', [1]]),
    products: r.chance(0.97) ? products : r.pick([{}, null, 'x']),
    links: r.chance(0.93) ? links : r.pick([undefined, null, {}, 'x']),
  };
}

/** The spec example, with a few random edits anywhere in it. */
function mutatedExample(r: Rand): Obj {
  const example = {
    version: 1,
    currency: 'USD',
    settings: { vipOrders: 5, vipSpend: 1000, lapsedDays: 180, maxUpsellRatio: 1.0 },
    products: [
      { id: 'a', title: 'Phone X', price: 799, url: '/products/phone-x', image: '/img/phone-x.jpg',
        category: 'phones', inStock: true, cost: 560, rating: 4.6, reviewCount: 1200 },
      { id: 'b', title: 'Rugged Case for Phone X', price: 29, url: '/products/case-x', category: 'phone-accessories', cost: 8 },
      { id: 'c', title: 'Paper Filters (200)', price: 9, url: '/products/filters', category: 'coffee-supplies', replenishDays: 60 },
    ] as unknown[],
    links: [
      { from: 'a', to: 'b', kind: 'cross-sell', reason: 'Protects against drops', attachRate: 0.41, lift: 5.2 },
      { from: 'c', to: 'b', kind: 'upsell', upsell: 'premium', reason: 'Stronger motor' },
      { from: 'category:phones', to: 'c', kind: 'cross-sell', reason: 'Keeps the screen scratch-free' },
    ] as unknown[],
  };
  for (let n = 1 + r.int(4); n > 0; n--) {
    const products = r.chance(0.5);
    const list = products ? example.products : example.links;
    const i = r.int(list.length + 1);
    const item = list[i % list.length];
    if (r.chance(0.15)) list.splice(i, 0, structuredClone(item)); // a duplicate
    else if (item && typeof item == 'object') list[i % list.length] = mutate(r, item as Obj, products ? PRODUCT_KEYS : LINK_KEYS);
  }
  return example;
}

/** `products[3].price` → `products[3]`; `currency` → undefined. */
const itemOf = (path: string) => /^(?:products|links)\[\d+\]/.exec(path)?.[0];

/** What parseCatalog names as the reason, given the first detailed problem of a skipped item. */
function reasonFor(p: CatalogProblem): string {
  const field = p.path.slice(itemOf(p.path)!.length + 1);
  if (p.message.startsWith('duplicate id')) return 'duplicate id';
  if (p.message.startsWith('duplicate of')) return 'duplicate';
  if (p.message === 'expected an object') return 'not an object';
  if (p.message === 'could not be read') return 'unreadable';
  return field;
}

function crossCheck(input: Obj) {
  const parsed = parseCatalog(input);
  const detailed = validateCatalog(input);
  const fatal = detailed.some((p) => FATAL_PATHS.includes(p.path));
  expect(parsed.ok, 'fatal').toBe(!fatal);
  if (!parsed.ok) return;

  // The detailed problems, grouped by item in order of first appearance; the rest apart.
  const byItem = new Map<string, CatalogProblem[]>();
  const others: string[] = [];
  for (const p of detailed) {
    const item = itemOf(p.path);
    if (item) byItem.set(item, [...(byItem.get(item) ?? []), p]);
    else others.push(p.path);
  }
  // Exactly one lean problem per skipped item, naming it (the same label) and its first bad field.
  const lean = parsed.problems.filter((p) => itemOf(p.path));
  expect(lean.map((p) => p.path)).toEqual([...byItem.keys()]);
  for (const p of lean) {
    const first = byItem.get(p.path)![0]!;
    expect(p.skipped).toBe(first.skipped);
    expect(p.message).toBe(`${first.skipped} skipped: ${reasonFor(first)}`);
  }
  // The same non-item problems (currency, settings, links), each replaced by its default.
  expect(parsed.problems.filter((p) => !itemOf(p.path)).map((p) => p.path)).toEqual(others);

  // Kept: exactly the items the detailed driver found nothing wrong with, in order.
  const keptAt = (name: string, list: unknown) =>
    Array.isArray(list) ? [...list.keys()].filter((i) => !byItem.has(`${name}[${i}]`)).map((i) => list[i] as Obj) : [];
  expect(parsed.catalog.products.map((p) => p.id)).toEqual(keptAt('products', input.products).map((p) => p.id));
  expect(parsed.catalog.links.map((l) => [l.from, l.to, l.kind])).toEqual(
    keptAt('links', input.links).map((l) => [l.from, l.to, l.kind]),
  );
}

describe('parseCatalog and validateCatalog agree', () => {
  it('on random catalogs', () => {
    const r = seeded(20240611);
    let kept = 0;
    let skipped = 0;
    for (let run = 0; run < 3000; run++) {
      const input = randomCatalog(r);
      crossCheck(input);
      const result = parseCatalog(input);
      if (result.ok) {
        kept += result.catalog.products.length + result.catalog.links.length;
        skipped += result.problems.filter((p) => p.skipped).length;
      }
    }
    // The generator must exercise both outcomes, not only one.
    expect(kept).toBeGreaterThan(3000);
    expect(skipped).toBeGreaterThan(3000);
  });

  it('on mutations of the spec example', () => {
    const r = seeded(7);
    for (let run = 0; run < 2000; run++) crossCheck(mutatedExample(r));
  });

  it('on catalogs that throw when read', () => {
    const throwing = () => {
      throw new Error('boom');
    };
    const getterThrows = (o: Obj, key: string) => Object.defineProperty({ ...o }, key, { get: throwing, enumerable: true });
    const good = { version: 1, currency: 'USD', products: [{ id: 'a', title: 'A', price: 1, url: '/a' }], links: [] };
    for (const key of ['version', 'currency', 'settings', 'products', 'links']) crossCheck(getterThrows(good, key));
    crossCheck({ ...good, products: [getterThrows(good.products[0]!, 'url'), { id: 'b', title: 'B', price: 1, url: '/b' }] });
    crossCheck({ ...good, links: [getterThrows({ from: 'a', to: 'a', kind: 'upsell' }, 'kind')] });
    crossCheck({ ...good, settings: new Proxy({}, { getOwnPropertyDescriptor: throwing }) });
    const hostile = new Proxy({}, { get: throwing, has: throwing, ownKeys: throwing, getOwnPropertyDescriptor: throwing });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    crossCheck(hostile);
    crossCheck(revoked.proxy);
    crossCheck({ ...good, products: new Proxy([], { get: throwing }) });
    crossCheck({ ...good, products: [hostile, revoked.proxy, ...good.products] });
    crossCheck({ ...good, links: [hostile, revoked.proxy, { from: 'a', to: 'a', kind: 'upsell' }] });
  });

  it('on JSON with "__proto__" keys', () => {
    crossCheck(JSON.parse('{"version":1,"__proto__":{"products":[]},"products":[{"__proto__":{"id":"x"},"id":"a","title":"A","price":1,"url":"/a"},{"id":"b","title":"B","price":1,"url":"/b"}],"links":[{"__proto__":{"kind":"upsell"},"from":"a","to":"b"},{"from":"a","to":"b","kind":"upsell","__proto__":{"upsell":"deluxe"}}]}'));
  });
});
