import { describe, expect, it } from 'vitest';
import catalog from '../public/catalog.json';
import { anchorsOf, createRenderedOffers, describeSource, linkOrigins, type CatalogLink } from './link-origins';

const LINKS: CatalogLink[] = [
  { from: 'necklace-gold', to: 'ring-gold', kind: 'cross-sell', reason: 'Matches the look of 14k Gold Pendant Necklace', weight: 0.49, source: 'visual', similarity: 0.984 },
  { from: 'necklace-silver', to: 'earrings-silver', kind: 'cross-sell', reason: 'Matches the pendant', source: 'curated' },
  { from: 'ring-silver', to: 'earrings-silver', kind: 'cross-sell', reason: 'Matches the look of the ring', weight: 0.48, source: 'visual', similarity: 0.97 },
  { from: 'category:phones', to: 'screen', kind: 'cross-sell', reason: 'Keeps it scratch-free' },
  { from: 'phone', to: 'case', kind: 'cross-sell', reason: 'Often bought with Phone', source: 'mined' },
];
const CATEGORY: Record<string, string> = { phone: 'phones' };

describe('anchorsOf', () => {
  it('takes the page product, the cart lines and the owned products, once each', () => {
    expect(anchorsOf({ 'data-product': 'a', 'data-cart': 'b:1,a:2', 'data-owned': 'c@2026-01-01,d@2026-02-01' })).toEqual(['a', 'b', 'c', 'd']);
    expect(anchorsOf({})).toEqual([]);
  });
});

describe('linkOrigins', () => {
  const origins = (offers: { productId: string; kind: string; reason?: string }[], anchors: string[]) =>
    linkOrigins(offers, LINKS, anchors, (id) => CATEGORY[id]).map((o) => o.link ?? null);

  it('finds each card\'s link among the anchors\' links, by the reason the card shows', () => {
    expect(origins([{ productId: 'earrings-silver', kind: 'cross-sell', reason: 'Matches the look of the ring' }], ['necklace-silver', 'ring-silver'])).toEqual([LINKS[2]]);
    expect(origins([{ productId: 'earrings-silver', kind: 'cross-sell', reason: 'Matches the pendant' }], ['necklace-silver', 'ring-silver'])).toEqual([LINKS[1]]);
  });

  it('falls back to the heaviest link, and to the anchors\' category links (R11)', () => {
    expect(origins([{ productId: 'earrings-silver', kind: 'cross-sell', reason: 'Something else' }], ['necklace-silver', 'ring-silver'])).toEqual([LINKS[1]]);
    expect(origins([{ productId: 'screen', kind: 'cross-sell' }], ['phone'])).toEqual([LINKS[3]]);
    expect(origins([{ productId: 'coffee-filters', kind: 'cross-sell' }], ['coffee-machine'])).toEqual([null]);
  });
});

describe('describeSource', () => {
  it('names the source, a visual link with its similarity, and says when there is none', () => {
    expect(LINKS.map(describeSource)).toEqual(['visual (similarity 0.98)', 'curated', 'visual (similarity 0.97)', 'not given', 'mined']);
    expect(describeSource(undefined)).toBe('a reorder (no link)');
  });
});

describe('createRenderedOffers', () => {
  it('keeps the cards of the latest render', () => {
    const rendered = createRenderedOffers();
    const render = (offers: unknown) => Object.assign(new Event('offerwise:render'), { detail: { offers } });
    rendered.record(render([{ productId: 'a', kind: 'cross-sell', reason: 'x' }]));
    expect(rendered.offers.value).toEqual([{ productId: 'a', kind: 'cross-sell', reason: 'x' }]);
    rendered.record(new Event('offerwise:click'));
    rendered.record(render(null));
    expect(rendered.offers.value).toEqual([]);
  });
});

describe('the demo catalog\'s jewellery corner', () => {
  it('offers, with each necklace, rings and earrings of its own material through visual links', () => {
    const visual = catalog.links.filter((l) => l.source === 'visual') as CatalogLink[];
    expect(visual.length).toBeGreaterThanOrEqual(8);
    const material = (id: string) => id.replace(/^(necklace|earrings|ring)-/, '');
    for (const link of visual) {
      expect(material(link.to), `${link.from} → ${link.to}`).toBe(material(link.from));
      expect(link.similarity).toBeGreaterThanOrEqual(0.75);
      expect(link.weight).toBeLessThan(1);
    }
    for (const necklace of ['necklace-gold', 'necklace-rose-gold', 'necklace-matte-black'])
      expect(visual.filter((l) => l.from === necklace).map((l) => l.to.split('-')[0]).sort()).toEqual(['earrings', 'ring']);
  });
});
