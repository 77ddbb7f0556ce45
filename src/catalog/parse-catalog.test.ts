import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Catalog } from '../types';
import { parseCatalog, type CatalogProblem, type ParseResult } from './parse-catalog';

type Obj = Record<string, unknown>;

const PRODUCTS: Obj[] = [
  { id: 'a', title: 'Anchor', price: 100, url: '/p/a', category: 'phones' },
  { id: 'b', title: 'Bee', price: 20, url: '/p/b' },
  { id: 'c', title: 'Sea', price: 150, url: 'https://shop.test/p/c' },
];

/** A valid catalog; `products[1]` and `links[0]` are the ones the tables below break. */
function doc(over: Obj = {}): Obj {
  return { version: 1, currency: 'USD', products: PRODUCTS.map((p) => ({ ...p })), links: [], ...over };
}
const withProduct = (fields: Obj) => doc({ products: [PRODUCTS[0]!, { ...PRODUCTS[1], ...fields }, PRODUCTS[2]!] });
const withLink = (link: Obj) => doc({ links: [link] });

function ok(result: ParseResult): { catalog: Catalog; problems: CatalogProblem[] } {
  if (!result.ok) throw new Error(`expected ok, got ${result.error}`);
  return result;
}

describe('parseCatalog: the spec example', () => {
  const example = {
    version: 1,
    currency: 'USD',
    settings: { vipOrders: 5, vipSpend: 1000, lapsedDays: 180, maxUpsellRatio: 1.0 },
    products: [
      { id: 'phone-x', title: 'Phone X', price: 799, url: '/products/phone-x', image: '/img/phone-x.jpg',
        category: 'phones', inStock: true, cost: 560, rating: 4.6, reviewCount: 1200 },
      { id: 'case-x', title: 'Rugged Case for Phone X', price: 29, url: '/products/case-x',
        category: 'phone-accessories', cost: 8 },
      { id: 'coffee-filters', title: 'Paper Filters (200)', price: 9, url: '/products/filters',
        category: 'coffee-supplies', replenishDays: 60 },
    ],
    links: [
      { from: 'phone-x', to: 'case-x', kind: 'cross-sell', reason: 'Protects against drops from day one',
        attachRate: 0.41, lift: 5.2 },
      { from: 'blender-basic', to: 'blender-pro', kind: 'upsell', upsell: 'premium',
        reason: 'Stronger motor and a 3-year warranty' },
      { from: 'category:phones', to: 'screen-guard', kind: 'cross-sell', reason: 'Keeps the screen scratch-free' },
    ],
  };

  it('keeps every product and the link whose ends exist; skips links to products it does not list', () => {
    const { catalog, problems } = ok(parseCatalog(example));
    expect(catalog.products.map((p) => p.id)).toEqual(['phone-x', 'case-x', 'coffee-filters']);
    expect(catalog.products[0]).toEqual({ ...example.products[0] });
    expect(catalog.products[1]!.inStock).toBe(true);
    expect(catalog.links).toEqual([{ ...example.links[0], weight: 1 }]);
    expect(catalog.linksFrom.get('phone-x')).toHaveLength(1);
    // One problem per skipped link, naming it and its first bad field.
    expect(problems).toEqual([
      { path: 'links[1]', message: 'link "blender-basic" → "blender-pro" skipped: from', skipped: 'link "blender-basic" → "blender-pro"' },
      { path: 'links[2]', message: 'link "category:phones" → "screen-guard" skipped: to', skipped: 'link "category:phones" → "screen-guard"' },
    ]);
  });
});

describe('parseCatalog: rejected whole', () => {
  const FATAL: [string, unknown, string][] = [
    ['null', null, 'catalog is not a JSON object'],
    ['undefined', undefined, 'catalog is not a JSON object'],
    ['a string', '{"version":1}', 'catalog is not a JSON object'],
    ['a number', 1, 'catalog is not a JSON object'],
    ['an array', [doc()], 'catalog is not a JSON object'],
    ['missing version', doc({ version: undefined }), 'catalog version must be 1'],
    ['version as a string', doc({ version: '1' }), 'catalog version must be 1'],
    ['version 2', doc({ version: 2 }), 'catalog version must be 1'],
    ['version 0', doc({ version: 0 }), 'catalog version must be 1'],
    ['missing products', doc({ products: undefined }), 'catalog products must be an array'],
    ['products null', doc({ products: null }), 'catalog products must be an array'],
    ['products an object', doc({ products: { a: PRODUCTS[0] } }), 'catalog products must be an array'],
    ['products a string', doc({ products: '[]' }), 'catalog products must be an array'],
    ['both', doc({ version: 2, products: {} }), 'catalog version must be 1; catalog products must be an array'],
  ];
  it.each(FATAL)('%s', (_, input, error) => {
    expect(parseCatalog(input)).toEqual({ ok: false, error, problems: [{ path: '$', message: error }] });
  });

  it('accepts an empty products array', () => {
    const { catalog, problems } = ok(parseCatalog(doc({ products: [] })));
    expect(catalog.products).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('parseCatalog: currency', () => {
  /** [what, currency, the currency used, whether it warns]. */
  const CASES: [string, unknown, string, boolean][] = [
    ['upper case', 'EUR', 'EUR', false],
    ['lower case is normalized', 'eur', 'EUR', false],
    ['mixed case is normalized', 'gBp', 'GBP', false],
    ['missing', undefined, 'USD', true],
    ['null', null, 'USD', true],
    ['4 letters', 'EURO', 'USD', true],
    ['2 letters', 'EU', 'USD', true],
    ['digit', 'E1R', 'USD', true],
    ['symbol', '$', 'USD', true],
    ['padded', ' EUR', 'USD', true],
    ['numeric code', 978, 'USD', true],
  ];
  it.each(CASES)('%s', (_, currency, expected, warns) => {
    const { catalog, problems } = ok(parseCatalog(doc({ currency })));
    expect(catalog.currency).toBe(expected);
    expect(problems).toEqual(warns ? [{ path: 'currency', message: 'invalid, using USD' }] : []);
  });
});

describe('parseCatalog: settings', () => {
  const CASES: [string, unknown, Partial<typeof DEFAULT_SETTINGS>, string[]][] = [
    ['missing: all defaults', undefined, {}, []],
    ['null: all defaults', null, {}, []],
    ['all given', { vipOrders: 3, vipSpend: 500, lapsedDays: 90, maxUpsellRatio: 0.5 },
      { vipOrders: 3, vipSpend: 500, lapsedDays: 90, maxUpsellRatio: 0.5 }, []],
    ['zeros are valid', { vipOrders: 0, vipSpend: 0, lapsedDays: 0, maxUpsellRatio: 0 },
      { vipOrders: 0, vipSpend: 0, lapsedDays: 0, maxUpsellRatio: 0 }, []],
    ['one given, the rest default', { lapsedDays: 365 }, { lapsedDays: 365 }, []],
    ['negative vipOrders', { vipOrders: -1, vipSpend: 10 }, { vipSpend: 10 }, ['settings.vipOrders: invalid, using the default']],
    ['string vipSpend', { vipSpend: '1000' }, {}, ['settings.vipSpend: invalid, using the default']],
    ['NaN lapsedDays', { lapsedDays: NaN }, {}, ['settings.lapsedDays: invalid, using the default']],
    ['Infinity maxUpsellRatio', { maxUpsellRatio: Infinity }, {}, ['settings.maxUpsellRatio: invalid, using the default']],
    ['negative maxUpsellRatio', { maxUpsellRatio: -0.5 }, {}, ['settings.maxUpsellRatio: invalid, using the default']],
    ['two bad', { vipOrders: -1, vipSpend: '1' }, {}, ['settings.vipOrders: invalid, using the default', 'settings.vipSpend: invalid, using the default']],
    ['unknown keys ignored', { vipOrders: 2, colour: 'red' }, { vipOrders: 2 }, []],
    ['not an object', 'vip', {}, ['settings: invalid, using the defaults']],
    ['an array', [5], {}, ['settings: invalid, using the defaults']],
  ];
  it.each(CASES)('%s', (_, settings, given, messages) => {
    const { catalog, problems } = ok(parseCatalog(doc({ settings })));
    expect(catalog.settings).toEqual({ ...DEFAULT_SETTINGS, ...given });
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(messages);
    expect(problems.every((p) => p.skipped === undefined)).toBe(true);
  });
});

describe('parseCatalog: products', () => {
  const long = (n: number) => 'x'.repeat(n);
  /** [field, bad value]: each skips products[1] alone, with one problem naming it and the field. */
  const BAD: [string, unknown][] = [
    ['id', undefined],
    ['id', null],
    ['id', ''],
    ['id', long(129)],
    ['id', 42],
    ['title', undefined],
    ['title', ''],
    ['title', long(201)],
    ['title', ['Bee']],
    ['price', undefined],
    ['price', -1],
    ['price', -0.01],
    ['price', '20'],
    ['price', NaN],
    ['price', Infinity],
    ['price', true],
    ['price', { amount: 20 }],
    ['price', 20n],
    ['url', undefined],
    ['url', ''],
    ['url', 'javascript:alert(1)'],
    ['url', 'JavaScript:alert(1)'],
    ['url', 'java\tscript:alert(1)'],
    ['url', '\u0001javascript:alert(1)'],
    ['url', ' javascript:alert(1)'],
    ['url', 'data:text/html,<b>x</b>'],
    ['url', 'vbscript:x'],
    ['url', 42],
    ['image', 'javascript:alert(1)'],
    ['image', 'DATA:image/png;base64,AAAA'],
    ['image', 'file:///img.jpg'],
    ['image', ''],
    ['image', { src: '/i.jpg' }],
    ['category', 5],
    ['category', ['phones']],
    ['inStock', 'false'],
    ['inStock', 0],
    ['cost', -0.01],
    ['cost', '8'],
    ['rating', -0.1],
    ['rating', 5.01],
    ['rating', '4.5'],
    ['reviewCount', 1.5],
    ['reviewCount', -1],
    ['reviewCount', '12'],
    ['replenishDays', 0],
    ['replenishDays', -30],
    ['replenishDays', 1.5],
    ['replenishDays', Infinity],
    ['variantId', ''],
    ['variantId', 4412],
  ];
  it.each(BAD)('skips a product with %s = %s', (field, value) => {
    const { catalog, problems } = ok(parseCatalog(withProduct({ [field]: value })));
    expect(catalog.products.map((p) => p.id)).toEqual(['a', 'c']);
    expect(catalog.byId.has('b')).toBe(false);
    // The label quotes the id as given when it is a string, even an invalid one (cut at 60).
    const id = field === 'id' ? value : 'b';
    const label = typeof id == 'string' ? `product ${JSON.stringify(id.length > 60 ? id.slice(0, 60) + '…' : id)}` : 'product';
    expect(problems).toEqual([{ path: 'products[1]', message: `${label} skipped: ${field}`, skipped: label }]);
  });

  /** [field, good edge value, the value kept]. */
  const GOOD: [string, unknown, unknown][] = [
    ['id', long(128), long(128)],
    ['id', 'category:phones', 'category:phones'],
    ['title', long(200), long(200)],
    ['title', '<img src=x onerror=alert(1)> & "quotes"', '<img src=x onerror=alert(1)> & "quotes"'],
    ['price', 0, 0],
    ['price', -0, 0],
    ['price', 1e308, 1e308],
    ['price', 19.99, 19.99],
    ['url', 'HTTPS://shop.test/b', 'HTTPS://shop.test/b'],
    ['url', '//cdn.shop.test/b', '//cdn.shop.test/b'],
    ['url', 'b?x=javascript:1', 'b?x=javascript:1'],
    ['image', '/img/b.jpg', '/img/b.jpg'],
    ['image', null, undefined],
    ['category', '', ''],
    ['inStock', false, false],
    ['inStock', undefined, true],
    ['inStock', null, true],
    ['cost', 0, 0],
    ['rating', 0, 0],
    ['rating', 5, 5],
    ['reviewCount', 0, 0],
    ['replenishDays', 1, 1],
    ['variantId', '44120012', '44120012'],
  ];
  it.each(GOOD)('keeps %s = %s', (field, value, kept) => {
    const { catalog, problems } = ok(parseCatalog(withProduct({ [field]: value })));
    expect(problems).toEqual([]);
    const product = catalog.products[1] as unknown as Obj;
    expect(product[field]).toBe(kept);
    if (kept === undefined) expect(Object.hasOwn(product, field)).toBe(false);
  });

  it('applies inStock: true and copies only known fields', () => {
    const input = withProduct({ extra: 1, constructor: 'x', toString: 5 });
    const { catalog } = ok(parseCatalog(input));
    expect(structuredClone(catalog.products[1])).toStrictEqual({ id: 'b', title: 'Bee', price: 20, url: '/p/b', inStock: true });
    expect(catalog.products[1]).not.toBe((input.products as Obj[])[1]);
  });

  it('reports a product with several bad fields once, naming the first', () => {
    const { catalog, problems } = ok(parseCatalog(withProduct({ price: -5, url: 'javascript:x', rating: 9 })));
    expect(catalog.products).toHaveLength(2);
    expect(problems).toEqual([{ path: 'products[1]', message: 'product "b" skipped: price', skipped: 'product "b"' }]);
  });

  it.each([
    ['null', null],
    ['a string', 'b'],
    ['a number', 7],
    ['an array', [PRODUCTS[1]]],
  ])('skips a product entry that is %s', (_, entry) => {
    const { catalog, problems } = ok(parseCatalog(doc({ products: [PRODUCTS[0]!, entry, PRODUCTS[2]!] })));
    expect(catalog.products.map((p) => p.id)).toEqual(['a', 'c']);
    expect(problems).toEqual([{ path: 'products[1]', message: 'product skipped: not an object', skipped: 'product' }]);
  });

  it('keeps the first of duplicate ids', () => {
    const dup = { id: 'a', title: 'Second A', price: 1, url: '/p/a2' };
    const { catalog, problems } = ok(parseCatalog(doc({ products: [...PRODUCTS, dup] })));
    expect(catalog.products.map((p) => p.title)).toEqual(['Anchor', 'Bee', 'Sea']);
    expect(catalog.byId.get('a')!.title).toBe('Anchor');
    expect(problems).toEqual([{ path: 'products[3]', message: 'product "a" skipped: duplicate id', skipped: 'product "a"' }]);
  });

  it('counts a duplicate of a skipped product as a duplicate too, and links to that id fail', () => {
    const products = [{ id: 'x', title: 'X', price: -1, url: '/x' }, { id: 'x', title: 'X2', price: 1, url: '/x' }, PRODUCTS[0]!];
    const links = [{ from: 'a', to: 'x', kind: 'cross-sell' }];
    const { catalog, problems } = ok(parseCatalog(doc({ products, links })));
    expect(catalog.products.map((p) => p.id)).toEqual(['a']);
    expect(catalog.links).toEqual([]);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'products[0]: product "x" skipped: price',
      'products[1]: product "x" skipped: duplicate id',
      'links[0]: link "a" → "x" skipped: to',
    ]);
  });

  it('keeps catalog order and indexes by id', () => {
    const { catalog } = ok(parseCatalog(withProduct({ price: -1 })));
    expect([...catalog.order]).toEqual([['a', 0], ['c', 1]]);
    expect([...catalog.byId.keys()]).toEqual(['a', 'c']);
  });
});

describe('parseCatalog: links', () => {
  const LINK = { from: 'a', to: 'b', kind: 'cross-sell' };
  const long = (n: number) => 'r'.repeat(n);
  /** [what, link fields over LINK, the bad field]: each skips links[0] alone, with one problem naming it and the field. */
  const BAD: [string, Obj, string][] = [
    ['from missing', { from: undefined }, 'from'],
    ['from empty', { from: '' }, 'from'],
    ['from a number', { from: 1 }, 'from'],
    ['from an unknown id', { from: 'nope' }, 'from'],
    ['from a category with no name', { from: 'category:' }, 'from'],
    ['from a category in other case (not a category link)', { from: 'Category:phones' }, 'from'],
    ['to missing', { to: undefined }, 'to'],
    ['to an unknown id', { to: 'nope' }, 'to'],
    ['to a category', { to: 'category:phones' }, 'to'],
    ['to a list', { to: ['b'] }, 'to'],
    ['to itself', { to: 'a' }, 'to'],
    ['kind missing', { kind: undefined }, 'kind'],
    ['kind misspelt', { kind: 'cross_sell' }, 'kind'],
    ['kind in other case', { kind: 'Upsell' }, 'kind'],
    ['upsell type unknown', { kind: 'upsell', upsell: 'deluxe' }, 'upsell'],
    ['upsell type not a string', { kind: 'upsell', upsell: 1 }, 'upsell'],
    ['reason too long', { reason: long(141) }, 'reason'],
    ['reason not a string', { reason: 5 }, 'reason'],
    ['weight 0', { weight: 0 }, 'weight'],
    ['weight above 1', { weight: 1.01 }, 'weight'],
    ['weight negative', { weight: -1 }, 'weight'],
    ['weight a string', { weight: '1' }, 'weight'],
    ['attachRate above 1', { attachRate: 1.1 }, 'attachRate'],
    ['attachRate negative', { attachRate: -0.1 }, 'attachRate'],
    ['attachRate a percentage string', { attachRate: '41%' }, 'attachRate'],
    ['lift negative', { lift: -1 }, 'lift'],
    ['lift NaN', { lift: NaN }, 'lift'],
    ['orders fractional', { orders: 1.5 }, 'orders'],
    ['orders negative', { orders: -1 }, 'orders'],
    ['placements a string', { placements: 'cart' }, 'placements'],
    ['placements with an unknown one', { placements: ['cart', 'home'] }, 'placements'],
    ['placements with a number', { placements: [1] }, 'placements'],
    ['placements sparse', { placements: [, 'cart'] }, 'placements'], // eslint-disable-line no-sparse-arrays
    ['segments a string', { segments: 'vip' }, 'segments'],
    ['segments with an unknown one', { segments: ['vip', 'whale'] }, 'segments'],
    ['minCartValue negative', { minCartValue: -5 }, 'minCartValue'],
    ['minCartValue a string', { minCartValue: '50' }, 'minCartValue'],
  ];
  it.each(BAD)('skips a link with %s', (_, fields, field) => {
    const link: Obj = { ...LINK, ...fields };
    const good = { from: 'c', to: 'b', kind: 'cross-sell' };
    const { catalog, problems } = ok(parseCatalog(doc({ links: [link, good] })));
    expect(catalog.links).toEqual([{ ...good, weight: 1 }]);
    const quote = (v: unknown) => (typeof v == 'string' ? JSON.stringify(v) : '?');
    const label = `link ${quote(link.from)} → ${quote(link.to)}`;
    expect(problems).toEqual([{ path: 'links[0]', message: `${label} skipped: ${field}`, skipped: label }]);
  });

  /** [what, link fields over LINK, the link kept]. */
  const GOOD: [string, Obj, Obj][] = [
    ['defaults: weight 1', {}, { ...LINK, weight: 1 }],
    ['upsell defaults to premium', { kind: 'upsell' }, { ...LINK, kind: 'upsell', upsell: 'premium', weight: 1 }],
    ['upsell null defaults to premium', { kind: 'upsell', upsell: null }, { ...LINK, kind: 'upsell', upsell: 'premium', weight: 1 }],
    ['upsell type kept', { kind: 'upsell', upsell: 'quantity' }, { ...LINK, kind: 'upsell', upsell: 'quantity', weight: 1 }],
    ['upsell type ignored on a cross-sell', { upsell: 'tier' }, { ...LINK, weight: 1 }],
    ['bad upsell type ignored on a cross-sell', { upsell: 'deluxe' }, { ...LINK, weight: 1 }],
    ['weight 1', { weight: 1 }, { ...LINK, weight: 1 }],
    ['weight just above 0', { weight: 0.001 }, { ...LINK, weight: 0.001 }],
    ['attachRate 0 and lift 0', { attachRate: 0, lift: 0 }, { ...LINK, attachRate: 0, lift: 0, weight: 1 }],
    ['attachRate 1 and orders 0', { attachRate: 1, orders: 0 }, { ...LINK, attachRate: 1, orders: 0, weight: 1 }],
    ['reason of 140 characters', { reason: long(140) }, { ...LINK, reason: long(140), weight: 1 }],
    ['reason kept as plain text', { reason: '<b>Fits</b> & "lasts"' }, { ...LINK, reason: '<b>Fits</b> & "lasts"', weight: 1 }],
    ['empty reason means none', { reason: '' }, { ...LINK, weight: 1 }],
    ['empty placements and segments', { placements: [], segments: [] }, { ...LINK, placements: [], segments: [], weight: 1 }],
    ['every placement', { placements: ['product', 'cart', 'checkout', 'post-purchase', 'account'] },
      { ...LINK, placements: ['product', 'cart', 'checkout', 'post-purchase', 'account'], weight: 1 }],
    ['every segment', { segments: ['new', 'returning', 'vip', 'lapsed'] },
      { ...LINK, segments: ['new', 'returning', 'vip', 'lapsed'], weight: 1 }],
    ['minCartValue 0', { minCartValue: 0 }, { ...LINK, minCartValue: 0, weight: 1 }],
    ['unknown fields ignored', { note: 'x', priority: 9 }, { ...LINK, weight: 1 }],
    ['a category link', { from: 'category:phones' }, { ...LINK, from: 'category:phones', weight: 1 }],
    ['a category link to a category\'s own product', { from: 'category:phones', to: 'a' },
      { ...LINK, from: 'category:phones', to: 'a', weight: 1 }],
  ];
  it.each(GOOD)('keeps a link with %s', (_, fields, kept) => {
    const { catalog, problems } = ok(parseCatalog(withLink({ ...LINK, ...fields })));
    expect(problems).toEqual([]);
    expect(structuredClone(catalog.links)).toStrictEqual([kept]);
  });

  it('copies placements and segments rather than sharing the input arrays', () => {
    const placements = ['cart'];
    const { catalog } = ok(parseCatalog(withLink({ ...LINK, placements })));
    expect(catalog.links[0]!.placements).toEqual(['cart']);
    expect(catalog.links[0]!.placements).not.toBe(placements);
  });

  it('indexes product links by anchor and category links by category name', () => {
    const links = [LINK, { from: 'category:phones', to: 'c', kind: 'upsell' }, { from: 'a', to: 'c', kind: 'upsell' }];
    const { catalog } = ok(parseCatalog(doc({ links })));
    expect(catalog.linksFrom.get('a')!.map((l) => l.to)).toEqual(['b', 'c']);
    expect(catalog.linksFromCategory.get('phones')!.map((l) => l.to)).toEqual(['c']);
    expect(catalog.linksFrom.has('category:phones')).toBe(false);
  });

  it('keeps the first of duplicate links (same from, to, kind) but not different kinds', () => {
    const links = [
      { ...LINK, reason: 'first' },
      { ...LINK, kind: 'upsell' },
      { ...LINK, reason: 'second', weight: 0.5 },
    ];
    const { catalog, problems } = ok(parseCatalog(doc({ links })));
    expect(catalog.links.map((l) => [l.kind, l.reason])).toEqual([['cross-sell', 'first'], ['upsell', undefined]]);
    expect(problems).toEqual([{ path: 'links[2]', message: 'link "a" → "b" skipped: duplicate', skipped: 'link "a" → "b"' }]);
  });

  it('skips a link to a product that was skipped', () => {
    const { catalog, problems } = ok(parseCatalog({ ...withProduct({ price: 'free' }), links: [LINK] }));
    expect(catalog.links).toEqual([]);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'products[1]: product "b" skipped: price',
      'links[0]: link "a" → "b" skipped: to',
    ]);
  });

  it('skips a link that is not an object', () => {
    const { catalog, problems } = ok(parseCatalog(doc({ links: [null, 'a->b', LINK] })));
    expect(catalog.links).toHaveLength(1);
    expect(problems).toEqual([
      { path: 'links[0]', message: 'link skipped: not an object', skipped: 'link' },
      { path: 'links[1]', message: 'link skipped: not an object', skipped: 'link' },
    ]);
  });

  it.each([
    ['missing', undefined, []],
    ['null', null, []],
    ['an object', { 0: LINK }, ['links: invalid, ignored']],
    ['a string', 'a->b', ['links: invalid, ignored']],
  ])('treats links that are %s as none', (_, links, messages) => {
    const { catalog, problems } = ok(parseCatalog(doc({ links })));
    expect(catalog.links).toEqual([]);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(messages);
  });

  it('labels links with long or odd ids safely', () => {
    const { problems } = ok(parseCatalog(withLink({ from: 'z'.repeat(500), to: 'q\n"', kind: 'x' })));
    expect(problems[0]!.skipped).toBe(`link "${'z'.repeat(60)}…" → "q\\n\\""`);
  });
});

describe('parseCatalog never throws', () => {
  const throwing = () => {
    throw new Error('boom');
  };
  const getterThrows = (o: Obj, key: string) => Object.defineProperty({ ...o }, key, { get: throwing, enumerable: true });
  const hostile = new Proxy({}, { get: throwing, has: throwing, ownKeys: throwing, getOwnPropertyDescriptor: throwing, getPrototypeOf: throwing });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const deep: Obj = {};
  let cur = deep;
  for (let i = 0; i < 10000; i++) cur = cur.x = {};
  const cyclic: Obj = doc();
  (cyclic.products as Obj[])[0]!.self = cyclic;

  const WEIRD: [string, unknown][] = [
    ['null', null], ['undefined', undefined], ['true', true], ['0', 0], ['NaN', NaN], ['-Infinity', -Infinity],
    ['a bigint', 10n], ['a symbol', Symbol('catalog')], ['a function', () => doc()], ['a string', 'catalog'],
    ['an empty object', {}], ['an empty array', []], ['a Date', new Date()], ['a Map', new Map([['version', 1]])],
    ['Object.create(null)', Object.assign(Object.create(null), doc())],
    ['a hostile proxy', hostile], ['a revoked proxy', revoked.proxy],
    ['products a hostile proxy', doc({ products: new Proxy([], { get: throwing }) })],
    ['a throwing version getter', getterThrows(doc(), 'version')],
    ['a throwing products getter', getterThrows(doc(), 'products')],
    ['a throwing settings getter', getterThrows(doc(), 'settings')],
    ['a product with a throwing getter', doc({ products: [getterThrows(PRODUCTS[0]!, 'price')] })],
    ['a link with a throwing getter', doc({ links: [getterThrows({ from: 'a', to: 'b', kind: 'upsell' }, 'upsell')] })],
    ['a product that is a hostile proxy', doc({ products: [hostile, PRODUCTS[1]!] })],
    ['a link that is a revoked proxy', doc({ links: [revoked.proxy] })],
    ['deep nesting', { version: 1, products: [deep], links: [deep], settings: deep, currency: deep }],
    ['a cycle', cyclic],
    ['huge numbers', doc({ products: [{ id: 'h', title: 'H', price: Number.MAX_VALUE, url: '/h', rating: 1e308, reviewCount: 2 ** 80 }] })],
    ['symbols and bigints in fields', doc({ products: [{ id: Symbol('a'), title: 1n, price: 1n, url: Symbol('u') }] })],
    ['__proto__ keys from JSON', JSON.parse('{"version":1,"__proto__":{"products":[]},"products":[{"__proto__":{"id":"x"},"id":"a","title":"A","price":1,"url":"/a"}],"links":[{"__proto__":{"kind":"upsell"},"from":"a","to":"a"}]}')],
    ['constructor and prototype keys', doc({ constructor: { prototype: { polluted: true } }, prototype: 1, settings: { __proto__: { vipOrders: -1 } } })],
    ['arrays everywhere', { version: 1, currency: [], settings: [], products: [[], [[]]], links: [[], [[]]] }],
    ['a sparse products array', doc({ products: [, , PRODUCTS[0]!] })], // eslint-disable-line no-sparse-arrays
  ];

  it.each(WEIRD)('%s', (_, input) => {
    let result: ParseResult | undefined;
    expect(() => (result = parseCatalog(input))).not.toThrow();
    expect(typeof result!.ok).toBe('boolean');
    expect(Array.isArray(result!.problems)).toBe(true);
    if (result!.ok) for (const p of result!.catalog.products) expect(typeof p.id).toBe('string');
    else expect(result!.error).toMatch(/^catalog /);
  });

  it('skips an item that throws when read, alone; a throw outside any item rejects the catalog', () => {
    const products = [getterThrows(PRODUCTS[0]!, 'price'), PRODUCTS[1]!, PRODUCTS[2]!];
    const links = [getterThrows({ from: 'b', to: 'c', kind: 'upsell' }, 'upsell'), { from: 'c', to: 'b', kind: 'cross-sell' }];
    const { catalog, problems } = ok(parseCatalog(doc({ products, links })));
    expect(catalog.products.map((p) => p.id)).toEqual(['b', 'c']);
    expect(catalog.links.map((l) => l.from)).toEqual(['c']);
    expect(problems).toEqual([
      { path: 'products[0]', message: 'product "a" skipped: unreadable', skipped: 'product "a"' },
      { path: 'links[0]', message: 'link "b" → "c" skipped: unreadable', skipped: 'link "b" → "c"' },
    ]);
    expect(parseCatalog(getterThrows(doc(), 'settings'))).toEqual({
      ok: false,
      error: 'catalog could not be read',
      problems: [{ path: '$', message: 'catalog could not be read' }],
    });
  });

  it('ignores a polluted Object.prototype', () => {
    const keys = { version: 1, products: [], url: 'javascript:alert(1)', inStock: false, weight: 0.1, currency: 'EUR' };
    for (const [k, v] of Object.entries(keys)) Object.defineProperty(Object.prototype, k, { value: v, configurable: true, writable: true });
    try {
      expect(parseCatalog({}).ok).toBe(false);
      const { catalog, problems } = ok(parseCatalog({
        version: 1,
        products: [{ id: 'a', title: 'A', price: 1, url: '/a' }, { id: 'b', title: 'B', price: 1 }],
        links: [{ from: 'a', to: 'a', kind: 'cross-sell' }],
      }));
      expect(catalog.currency).toBe('USD');
      expect(catalog.products).toHaveLength(1);
      expect(Object.hasOwn(catalog.products[0]!, 'inStock') && catalog.products[0]!.inStock).toBe(true);
      expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
        'currency: invalid, using USD',
        'products[1]: product "b" skipped: url',
        'links[0]: link "a" → "a" skipped: to',
      ]);
    } finally {
      for (const k of Object.keys(keys)) delete (Object.prototype as Obj)[k];
    }
  });

  it('does not let "__proto__" in the JSON reach the output', () => {
    const input = JSON.parse('{"version":1,"products":[{"id":"a","title":"A","price":1,"url":"/a","__proto__":{"inStock":false,"polluted":1}}]}');
    const { catalog } = ok(parseCatalog(input));
    const product = catalog.products[0]!;
    expect(Object.getPrototypeOf(product)).toBe(null); // none at all: neither the JSON's nor the page's
    expect(product.inStock).toBe(true);
    expect(({} as Obj).polluted).toBeUndefined();
  });

  it('survives fuzzed catalogs, and whatever it keeps parses again cleanly', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const atoms: unknown[] = [null, undefined, true, false, 0, -0, -1, 0.5, 1, 5, 6, 1e309, NaN, '', 'a', 'b', 'c', 'category:',
      'category:phones', 'upsell', 'cross-sell', 'premium', 'cart', 'vip', 'javascript:x', '/p', 'USD', [], {}, ['cart'], ['vip']];
    const keys = ['id', 'title', 'price', 'url', 'image', 'category', 'inStock', 'cost', 'rating', 'reviewCount', 'replenishDays',
      'variantId', 'from', 'to', 'kind', 'upsell', 'reason', 'weight', 'attachRate', 'lift', 'orders', 'placements', 'segments',
      'minCartValue', '__proto__'];
    const mutate = (o: Obj): Obj => {
      const copy: Obj = { ...o };
      for (let n = rand(3); n > 0; n--) copy[keys[rand(keys.length)]!] = atoms[rand(atoms.length)];
      return copy;
    };
    for (let i = 0; i < 500; i++) {
      const products = PRODUCTS.map(mutate);
      const links = [
        { from: 'a', to: 'b', kind: 'cross-sell' },
        { from: 'category:phones', to: 'c', kind: 'upsell' },
        { from: 'b', to: 'c', kind: 'upsell', upsell: 'tier' },
      ].map(mutate);
      const result = parseCatalog(doc({ products, links, currency: atoms[rand(atoms.length)] }));
      const { catalog } = ok(result);
      const again = ok(parseCatalog(JSON.parse(JSON.stringify({ version: 1, currency: catalog.currency, products: catalog.products, links: catalog.links }))));
      expect(again.problems).toEqual([]);
      expect(again.catalog.products).toEqual(catalog.products);
      expect(again.catalog.links).toEqual(catalog.links);
    }
  });
});

describe('parseCatalog: bidi control characters in text (hostile input)', () => {
  const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

  it.each(CONTROLS.map((c) => [c.codePointAt(0)!.toString(16).toUpperCase(), c]))('U+%s is removed from titles, categories and reasons, with one note each; the items are kept', (_code, c) => {
    const input = doc({
      products: [{ ...PRODUCTS[0], title: `Case ${c}gnp.exe`, category: `pho${c}nes` }, PRODUCTS[1]!, PRODUCTS[2]!],
      links: [{ from: 'a', to: 'b', kind: 'cross-sell', reason: `Fits ${c}well` }],
    });
    const { catalog, problems } = ok(parseCatalog(input));
    expect(catalog.byId.get('a')).toMatchObject({ title: 'Case gnp.exe', category: 'phones' });
    expect(catalog.links[0]!.reason).toBe('Fits well');
    expect(problems).toEqual([
      { path: 'products[0].title', message: 'bidi control characters removed' },
      { path: 'products[0].category', message: 'bidi control characters removed' },
      { path: 'links[0].reason', message: 'bidi control characters removed' },
    ]);
  });

  it('leaves right-to-left text and other marks alone (only the embedding, override and isolate controls go)', () => {
    const title = 'כיסוי \u200F(Case)\u200E';
    const { catalog, problems } = ok(parseCatalog(withProduct({ title })));
    expect(catalog.byId.get('b')!.title).toBe(title);
    expect(problems).toEqual([]);
  });
});
