import { describe, expect, it } from 'vitest';
import { catalogOf, link, product, seedCatalog, upsell } from '../../engine/test-fixtures';
import { findUnlinkedProducts, findUpgradeCycles } from './check-catalog-graph';

const products = (...ids: string[]) => ids.map((id, i) => product(id, 10 + i));

describe('findUpgradeCycles', () => {
  it('finds none in the seed store', () => {
    expect(findUpgradeCycles(seedCatalog())).toEqual([]);
  });

  it('finds a two-product loop, starting at the first in catalog order', () => {
    const catalog = catalogOf(products('x', 'a', 'b'), [upsell('b', 'a'), upsell('a', 'b')]);
    expect(findUpgradeCycles(catalog)).toEqual([{ cycle: ['a', 'b', 'a'], products: 2 }]);
  });

  it('ignores cross-sells: a → b upsell with b → a cross-sell is no loop', () => {
    expect(findUpgradeCycles(catalogOf(products('a', 'b'), [upsell('a', 'b'), link('b', 'a')]))).toEqual([]);
  });

  it('ignores category links, whose from is no product', () => {
    const catalog = catalogOf([product('a', 10, { category: 'c' }), product('b', 20, { category: 'c' })], [
      upsell('a', 'b'),
      upsell('category:c', 'a'),
    ]);
    expect(findUpgradeCycles(catalog)).toEqual([]);
  });

  it('reports one tangle once, with its shortest loop through its first product and its size', () => {
    // a → b → c → a and a → c → a share a, c: one tangle of 3 (plus d, which only leads in).
    const catalog = catalogOf(products('a', 'b', 'c', 'd'), [upsell('a', 'b'), upsell('b', 'c'), upsell('c', 'a'), upsell('a', 'c'), upsell('d', 'a')]);
    expect(findUpgradeCycles(catalog)).toEqual([{ cycle: ['a', 'c', 'a'], products: 3 }]);
  });

  it('reports separate tangles separately, in catalog order', () => {
    const catalog = catalogOf(products('p', 'q', 'a', 'b', 'c'), [upsell('b', 'c'), upsell('c', 'a'), upsell('a', 'b'), upsell('p', 'q'), upsell('q', 'p')]);
    expect(findUpgradeCycles(catalog)).toEqual([
      { cycle: ['p', 'q', 'p'], products: 2 },
      { cycle: ['a', 'b', 'c', 'a'], products: 3 },
    ]);
  });

  it('handles a long chain that closes without overflowing the stack', () => {
    const n = 50_000;
    const ids = Array.from({ length: n }, (_, i) => `p${i}`);
    const links = ids.map((id, i) => upsell(id, ids[(i + 1) % n]!));
    const [found] = findUpgradeCycles(catalogOf(products(...ids), links));
    expect(found!.products).toBe(n);
    expect(found!.cycle.length).toBe(n + 1);
    expect(found!.cycle[0]).toBe('p0');
  });
});

describe('findUnlinkedProducts', () => {
  it('lists products that are neither from nor to of any link, in catalog order', () => {
    const catalog = catalogOf(products('a', 'lonely', 'b', 'alone'), [link('a', 'b')]);
    expect(findUnlinkedProducts(catalog)).toEqual(['lonely', 'alone']);
  });

  it('counts a product as linked when it anchors, is offered, or its category has links', () => {
    const catalog = catalogOf(
      [product('anchor', 10), product('offered', 10), product('in-cat', 10, { category: 'phones' }), product('other-cat', 10, { category: 'mugs' })],
      [link('anchor', 'offered'), link('category:phones', 'offered')],
    );
    expect(findUnlinkedProducts(catalog)).toEqual(['other-cat']);
  });

  it('finds every product of the seed store in some link', () => {
    // phone-y anchors through its category (category:phones); the rest all appear in links.
    expect(findUnlinkedProducts(seedCatalog())).toEqual([]);
  });
});
