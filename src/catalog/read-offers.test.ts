import { describe, expect, it } from 'vitest';
import { readOffers } from './read-offers';

/** The answer of offers-api.md's example, with the fields the reference server adds. */
const caseX = {
  kind: 'cross-sell',
  action: 'add',
  anchor: 'phone-x',
  anchorTitle: 'Phone X',
  quantity: 1,
  reason: 'Protects against drops from day one',
  proof: { attachRate: 0.41 },
  product: { id: 'case-x', title: 'Rugged Case', price: 29, url: '/products/case-x', image: '/img/case.jpg' },
};

function read(offers: unknown[], max = 2, extra: object = {}) {
  const warnings: string[] = [];
  const result = readOffers({ offers, ...extra }, max, (m) => warnings.push(m));
  return { result, warnings, ids: result?.offers.map((o) => o.product.id) };
}

describe('readOffers: an endpoint answer, validated like a catalog (offers-api.md)', () => {
  it('turns an offer into the card the widget draws, proof and all', () => {
    const { result, warnings } = read([caseX], 2, { currency: 'eur' });
    expect(warnings).toEqual([]);
    expect(result).toEqual({
      currency: 'EUR',
      offers: [
        {
          kind: 'cross-sell',
          action: 'add',
          anchor: 'phone-x',
          anchorTitle: 'Phone X',
          quantity: 1,
          reason: 'Protects against drops from day one',
          product: { id: 'case-x', title: 'Rugged Case', price: 29, url: '/products/case-x', image: '/img/case.jpg', inStock: true },
          proof: { type: 'attach', attachRate: 0.41, anchorTitle: 'Phone X' },
        },
      ],
    });
  });

  it('reads only the fields the spec lists: a swap with its line, an upsell with its difference', () => {
    const swap = {
      kind: 'upsell',
      action: 'swap',
      anchor: 'kit',
      anchorTitle: 'Starter kit',
      replaces: 'kit',
      quantity: 2,
      upsell: 'quantity',
      priceDelta: 22,
      unlocksFreeShipping: true,
      proof: { rating: 4.6, reviewCount: 1200 },
      product: { id: 'kit-2m', title: 'Two-month kit', price: 52, url: 'https://shop.example/kit-2m' },
    };
    const [offer] = read([swap]).result!.offers;
    expect(offer).toMatchObject({ action: 'swap', replaces: 'kit', quantity: 2, upsell: 'quantity', priceDelta: 22, unlocksFreeShipping: true });
    expect(offer!.proof).toEqual({ type: 'rating', rating: 4.6, reviewCount: 1200 });
  });

  it.each([
    ['javascript: in the product url', { product: { ...caseX.product, url: 'javascript:alert(1)' } }, 'product.url'],
    ['data: in the image', { product: { ...caseX.product, image: 'data:text/html,x' } }, 'product.image'],
    ['an unknown kind', { kind: 'gift' }, 'kind'],
    ['an unknown action', { action: 'replace' }, 'action'],
    ['no anchor', { anchor: undefined }, 'anchor'],
    ['no product', { product: undefined }, 'product.id'],
    ['a negative price', { product: { ...caseX.product, price: -1 } }, 'product.price'],
    ['no title', { product: { ...caseX.product, title: '' } }, 'product.title'],
    ['neither a reason nor an anchor title to word one', { reason: undefined, anchorTitle: undefined }, 'reason'],
    ['a zero quantity', { quantity: 0 }, 'quantity'],
  ])('skips an offer with %s, warning with the field, keeping the others', (_name, change, field) => {
    const { ids, warnings } = read([{ ...caseX, ...change }, { ...caseX, product: { ...caseX.product, id: 'other' } }]);
    expect(ids).toEqual(['other']);
    expect(warnings).toEqual([`endpoint offers[0] skipped: ${field}`]);
  });

  it('never keeps more than max, nor the same product twice', () => {
    const other = (id: string) => ({ ...caseX, product: { ...caseX.product, id } });
    expect(read([caseX, caseX, other('b'), other('c')]).ids).toEqual(['case-x', 'b']);
    expect(read([caseX, caseX, other('b')]).warnings).toEqual(['endpoint offers[1] skipped: product.id repeated']);
    expect(read([caseX, other('b'), other('c')], 1).ids).toEqual(['case-x']);
  });

  it('shows no proof it cannot word truthfully', () => {
    const offers = read([
      { ...caseX, proof: { attachRate: 4.1 } },
      { ...caseX, product: { ...caseX.product, id: 'b' }, anchorTitle: undefined, proof: { attachRate: 0.4 } },
    ]).result!.offers;
    expect(offers.map((o) => o.proof)).toEqual([undefined, undefined]);
  });

  it.each([
    ['not an object', 'offers'],
    ['no offers array', { offers: {} }],
    ['null', null],
  ])('is undefined for an answer that is %s (the widget falls back)', (_name, input) => {
    expect(readOffers(input, 2, () => undefined)).toBeUndefined();
  });

  it('an entry that is not an object is skipped', () => {
    expect(read([null, 'x', caseX]).warnings).toEqual(['endpoint offers[0] skipped: not an object', 'endpoint offers[1] skipped: not an object']);
  });
});

describe('readOffers: bidi control characters (hostile input)', () => {
  it('removes them from the product title and category, the reason and the anchor title, with a warning each', () => {
    const { result, warnings } = read([
      { ...caseX, reason: 'Protects \u202Eagainst', anchorTitle: 'Phone\u2066 X', product: { ...caseX.product, title: 'Case \u202Egnp.exe', category: 'c\u202Dases' } },
    ]);
    const [offer] = result!.offers;
    expect(offer).toMatchObject({ reason: 'Protects against', anchorTitle: 'Phone X', product: { title: 'Case gnp.exe', category: 'cases' } });
    expect(warnings).toEqual([
      'endpoint offers[0].reason: bidi control characters removed',
      'endpoint offers[0].anchorTitle: bidi control characters removed',
      'endpoint offers[0].product.title: bidi control characters removed',
      'endpoint offers[0].product.category: bidi control characters removed',
    ]);
  });
});
