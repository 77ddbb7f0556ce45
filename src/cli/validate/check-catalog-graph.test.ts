import { describe, expect, it } from 'vitest';
import { choose } from '../../engine/choose';
import { TODAY, catalogOf, context, link, product, seedCatalog, upsell } from '../../engine/test-fixtures';
import { PLACEMENTS, UPSELL_TYPES, type Context, type Placement } from '../../types';
import {
  OFFERED_ON,
  findCategoryLinkIssues,
  findNeverShownLinks,
  findSkippedLinksOf,
  findUnlinkedProducts,
  findUpgradeCycles,
} from './check-catalog-graph';

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

describe('OFFERED_ON', () => {
  /** Whether the engine offers a link of `type` from `a` anywhere at `placement`, for some returning shopper. */
  function offered(type: keyof typeof OFFERED_ON, placement: Placement): boolean {
    const price = type === 'cross-sell' ? 50 : type === 'addon' ? 20 : 150;
    const l = type === 'cross-sell' ? link('a', 'b') : upsell('a', 'b', { upsell: type });
    const catalog = catalogOf([product('a', 100), product('b', price)], [l]);
    const line = [{ id: 'a', qty: 1 }];
    const contexts: Partial<Context>[] =
      placement === 'product'
        ? [{ product: 'a' }, { product: 'a', cart: line }] // still deciding, and committed
        : placement === 'account'
          ? [{ owned: [{ id: 'a', purchasedAt: '2026-01-01' }] }]
          : [{ cart: line }];
    return contexts.some((c) => choose(catalog, context({ placement, ...c }), TODAY).length > 0);
  }

  it.each(['cross-sell' as const, ...UPSELL_TYPES])('says where the engine offers a %s link (R3)', (type) => {
    expect(PLACEMENTS.filter((placement) => offered(type, placement))).toEqual(OFFERED_ON[type]);
  });
});

describe('findNeverShownLinks', () => {
  const products = [product('a', 100), product('b', 50), product('c', 150)];

  it('finds links whose placements R3 never allows for their kind, and empty placements', () => {
    const links = [
      link('a', 'b', { placements: ['checkout'] }),
      link('a', 'b', { kind: 'upsell', upsell: 'tier', placements: ['cart'] }),
      upsell('a', 'c', { placements: ['cart', 'checkout'] }), // premium by default
      upsell('a', 'c', { upsell: 'addon', placements: ['checkout'] }), // fine
      upsell('a', 'c', { upsell: 'quantity', placements: ['cart'] }), // fine
      link('b', 'a', { placements: ['checkout', 'account'] }), // fine: account
      link('c', 'b', { placements: [] }),
    ];
    const found = findNeverShownLinks(catalogOf(products, links));
    expect(found.map((f) => [f.index, f.why, f.type])).toEqual([
      [0, 'placements', 'cross-sell'],
      [1, 'placements', 'tier'],
      [2, 'placements', 'premium'],
      [6, 'placements', 'cross-sell'],
    ]);
    expect(found[2]).toMatchObject({ allowed: ['product'] });
  });

  it('finds tier and premium upsells only for new shoppers (R6), and empty segments', () => {
    const links = [
      upsell('a', 'c', { upsell: 'tier', segments: ['new'] }),
      upsell('a', 'c', { upsell: 'premium', segments: ['new', 'vip'] }), // fine: vip
      upsell('a', 'c', { upsell: 'addon', segments: ['new'] }), // fine: addon
      link('a', 'b', { segments: ['new'] }), // fine
      link('c', 'b', { segments: [] }),
    ];
    expect(findNeverShownLinks(catalogOf(products, links)).map((f) => [f.index, f.why])).toEqual([
      [0, 'segments'],
      [4, 'segments'],
    ]);
  });

  it('finds none in the seed store', () => {
    expect(findNeverShownLinks(seedCatalog())).toEqual([]);
  });
});

describe('findCategoryLinkIssues', () => {
  it('finds a category no product has, and one whose every product has links of its own, once per category', () => {
    const catalog = catalogOf(
      [product('x', 10, { category: 'phones' }), product('y', 10, { category: 'phones' }), product('z', 5, { category: 'cases' })],
      [link('x', 'z'), link('y', 'z'), link('category:phones', 'z'), link('category:Phones', 'z'), link('category:phones', 'z', { kind: 'upsell' })],
    );
    expect(findCategoryLinkIssues(catalog)).toEqual([
      { category: 'phones', links: [2, 4], products: ['x', 'y'] },
      { category: 'Phones', links: [3], products: [] },
    ]);
  });

  it('leaves a category with a product of no link of its own (the cold start R11 is for)', () => {
    const catalog = catalogOf(
      [product('x', 10, { category: 'phones' }), product('y', 10, { category: 'phones' }), product('z', 5)],
      [link('x', 'z'), link('category:phones', 'z')],
    );
    expect(findCategoryLinkIssues(catalog)).toEqual([]);
    expect(findCategoryLinkIssues(seedCatalog())).toEqual([]); // phone-y has no link of its own
  });
});

describe('findSkippedLinksOf', () => {
  it('lists the skipped links naming each product in no link, by id or by its category', () => {
    const catalog = catalogOf([product('a', 10), product('b', 10, { category: 'mugs' }), product('c', 10)], [link('a', 'c')]);
    const skipped = [
      { index: 1, from: 'a', to: 'b' },
      { index: 3, from: 'category:mugs', to: 'c' },
      { index: 4, to: 'b' },
      { index: 5, from: 'b', to: 'b' },
    ];
    expect(findSkippedLinksOf(catalog, ['b'], skipped)).toEqual(new Map([['b', [1, 3, 4, 5]]]));
    expect(findSkippedLinksOf(catalog, ['b'], [])).toEqual(new Map());
  });
});
