import { describe, expect, it } from 'vitest';
import { readJsonLd } from './json-ld';

const ld = (...blocks: unknown[]) => blocks.map((b) => (typeof b == 'string' ? b : JSON.stringify(b)));
const offer = { '@type': 'Offer', price: '45.00', priceCurrency: 'USD', availability: 'https://schema.org/InStock' };

describe('readJsonLd: the first schema.org Product with an id (embed.md §5)', () => {
  it.each<[string, string[], string | undefined]>([
    ['a Product with a sku (a Shopify theme)', ld({ '@context': 'http://schema.org/', '@type': 'Product', name: 'Blender', sku: 'BL-100', offers: [{ ...offer, sku: 'BL-100-RED' }] }), 'BL-100'],
    ['productID when there is no sku', ld({ '@type': 'Product', productID: 'isbn:978-3-16' }), 'isbn:978-3-16'],
    ['productID when the sku is empty', ld({ '@type': 'Product', sku: '', productID: 'p-1' }), 'p-1'],
    ['sku before productID', ld({ '@type': 'Product', productID: 'p-1', sku: 's-1' }), 's-1'],
    ['a numeric sku (WooCommerce writes the product id when there is no SKU)', ld({ '@type': 'Product', sku: 1234 }), '1234'],
    ['a sku with spaces around it', ld({ '@type': 'Product', sku: '\n  BL-100 ' }), 'BL-100'],
    [
      'inside @graph (WooCommerce)',
      ld({
        '@context': 'https://schema.org/',
        '@graph': [
          { '@type': 'BreadcrumbList', itemListElement: [{ '@type': 'ListItem', position: 1, item: { name: 'Shop', '@id': 'https://s.example/shop/' } }] },
          { '@type': 'Product', '@id': 'https://s.example/product/hoodie/#product', name: 'Hoodie', sku: 'woo-hoodie', offers: [offer] },
        ],
      }),
      'woo-hoodie',
    ],
    [
      '@type as an array (Yoast)',
      ld({ '@context': 'https://schema.org', '@graph': [{ '@type': ['WebPage', 'ItemPage'], '@id': '#webpage' }, { '@type': ['Product', 'ItemPage'], sku: 'y-1' }] }),
      'y-1',
    ],
    ['@type as an https IRI', ld({ '@type': 'https://schema.org/Product', sku: 'iri-1' }), 'iri-1'],
    ['@type as an http IRI', ld({ '@type': 'http://schema.org/Product', sku: 'iri-2' }), 'iri-2'],
    ['@type as a compact IRI', ld({ '@type': 'schema:Product', sku: 'iri-3' }), 'iri-3'],
    ['a Product subtype', ld({ '@type': 'IndividualProduct', sku: 'ind-1' }), 'ind-1'],
    ['a top-level array', ld([{ '@type': 'Organization', name: 'Shop' }, { '@type': 'Product', sku: 'arr-1' }]), 'arr-1'],
    ['the mainEntity of a page', ld({ '@type': 'ItemPage', mainEntity: { '@type': 'Product', sku: 'main-1' } }), 'main-1'],
    ['a mainEntity inside @graph', ld({ '@graph': [{ '@type': 'WebPage', mainEntity: { '@type': 'Product', sku: 'deep-1' } }] }), 'deep-1'],
    [
      'a ProductGroup without ids: its first variant with one (Shopify structured_data)',
      ld({
        '@context': 'http://schema.org/',
        '@type': 'ProductGroup',
        '@id': '/products/tee#product',
        name: 'Tee',
        productGroupID: '8234567890',
        variesBy: ['https://schema.org/size'],
        hasVariant: [
          { '@id': '/products/tee?variant=1#variant', '@type': 'Product', name: 'Tee - S', offers: offer },
          { '@id': '/products/tee?variant=2#variant', '@type': 'Product', name: 'Tee - M', sku: 'TEE-M', offers: offer },
          { '@type': 'Product', sku: 'TEE-L' },
        ],
      }),
      'TEE-M',
    ],
    ['a ProductGroup with its own sku: the group', ld({ '@type': 'ProductGroup', sku: 'TEE', hasVariant: [{ '@type': 'Product', sku: 'TEE-S' }] }), 'TEE'],
    ['a ProductGroup with a single variant object', ld({ '@type': 'ProductGroup', hasVariant: { '@type': 'Product', sku: 'ONE' } }), 'ONE'],
    ['a ProductGroup in @graph', ld({ '@graph': [{ '@type': 'WebSite' }, { '@type': 'ProductGroup', productGroupID: 'g', hasVariant: [{ '@type': 'Product', sku: 'v-1' }] }] }), 'v-1'],
    ['a Product without ids, then one with', ld({ '@type': 'Product', name: 'No id' }, { '@type': 'Product', sku: 'second' }), 'second'],
    ['the first of two blocks in document order', ld({ '@type': 'Product', sku: 'first' }, { '@type': 'Product', sku: 'second' }), 'first'],
    ['a malformed block is skipped', ld('{"@type": "Product", "sku": "broken",}', { '@type': 'Product', sku: 'good' }), 'good'],
    ['an HTML comment around the JSON is malformed', ld('<!-- {"@type":"Product","sku":"c"} -->'), undefined],
    ['raw line breaks and tabs inside a description', ['{"@type": "Product", "description": "Line one\nLine\ttwo", "sku": "nl-1"}'], 'nl-1'],
    ['an empty and a blank block', ['', '   '], undefined],
    ['no blocks', [], undefined],
  ])('%s', (_name, texts, expected) => {
    expect(readJsonLd(texts)).toBe(expected);
  });
});

describe('readJsonLd: other products on the page are not the page product', () => {
  it.each<[string, unknown]>([
    ['an Offer’s itemOffered', { '@type': 'Offer', itemOffered: { '@type': 'Product', sku: 'offered' } }],
    ['a Product’s offers.itemOffered', { '@type': 'Product', offers: { '@type': 'Offer', itemOffered: { '@type': 'Product', sku: 'offered' } } }],
    ['isRelatedTo / isSimilarTo', { '@type': 'Product', name: 'x', isRelatedTo: { '@type': 'Product', sku: 'rel' }, isSimilarTo: [{ '@type': 'Product', sku: 'sim' }] }],
    ['an ItemList of a category page', { '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', position: 1, item: { '@type': 'Product', sku: 'listed' } }] }],
    ['hasVariant of a plain Product', { '@type': 'Product', hasVariant: [{ '@type': 'Product', sku: 'v' }] }],
    ['an Organization, a BreadcrumbList, a WebSite', [{ '@type': 'Organization', sku: 'org' }, { '@type': 'BreadcrumbList' }, { '@type': 'WebSite' }]],
    ['a type that only ends in Product', { '@type': 'NotAProduct', sku: 'x' }],
    ['a type in another vocabulary', { '@type': 'https://example.org/Product', sku: 'x' }],
    ['a sku that is no id', { '@type': 'Product', sku: { value: 'x' }, productID: ['y'] }],
  ])('%s', (_name, block) => {
    expect(readJsonLd(ld(block))).toBeUndefined();
  });
});

describe('readJsonLd: hostile pages', () => {
  it('a deeply nested mainEntity chain: bounded, no throw', () => {
    const nest = (n: number) => '{"@type":"WebPage","mainEntity":'.repeat(n) + '{"@type":"Product","sku":"deep"}' + '}'.repeat(n);
    expect(readJsonLd([nest(10_000)])).toBeUndefined();
    expect(readJsonLd([nest(5)])).toBe('deep');
    expect(readJsonLd(['['.repeat(100_000) + ']'.repeat(100_000)])).toBeUndefined();
  });

  it('a huge @graph: the search stops after a bounded number of nodes', () => {
    const graph = Array.from({ length: 50_000 }, () => ({ '@type': 'Thing' }));
    expect(readJsonLd(ld({ '@graph': [...graph, { '@type': 'Product', sku: 'late' }] }))).toBeUndefined();
    expect(readJsonLd(ld({ '@graph': [...graph.slice(0, 100), { '@type': 'Product', sku: 'early' }] }))).toBe('early');
  });

  it('never throws on junk input', () => {
    for (const input of [undefined, null, 'text', [null, 5, {}], [{}]] as unknown as string[][]) expect(() => readJsonLd(input)).not.toThrow();
  });

  it('reads own properties only: a polluted Object.prototype supplies no product', () => {
    for (const [k, v] of Object.entries({ '@type': 'Product', sku: 'evil', mainEntity: { '@type': 'Product', sku: 'evil2' } }))
      Object.defineProperty(Object.prototype, k, { value: v, configurable: true, writable: true });
    try {
      expect(readJsonLd(ld({ '@type': 'WebPage' }, { '@type': 'Product', productID: 'good' }))).toBe('good');
    } finally {
      for (const k of ['@type', 'sku', 'mainEntity']) delete (Object.prototype as Record<string, unknown>)[k];
    }
  });
});
