import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Catalog } from '../types';
import { parseCatalog, summarizeProblems, type CatalogProblem, type ParseResult } from './parse-catalog';

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
    expect(problems).toEqual([
      { path: 'links[1].from', message: 'unknown product "blender-basic"', skipped: 'link "blender-basic" → "blender-pro"' },
      { path: 'links[1].to', message: 'unknown product "blender-pro"', skipped: 'link "blender-basic" → "blender-pro"' },
      { path: 'links[2].to', message: 'unknown product "screen-guard"', skipped: 'link "category:phones" → "screen-guard"' },
    ]);
    expect(summarizeProblems(problems).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'links[1]: link "blender-basic" → "blender-pro" skipped: from: unknown product "blender-basic" (+1 more)',
      'links[2]: link "category:phones" → "screen-guard" skipped: to: unknown product "screen-guard"',
    ]);
  });
});

describe('parseCatalog: rejected whole', () => {
  const FATAL: [string, unknown, string, string[]][] = [
    ['null', null, 'catalog is not a JSON object', ['$']],
    ['undefined', undefined, 'catalog is not a JSON object', ['$']],
    ['a string', '{"version":1}', 'catalog is not a JSON object', ['$']],
    ['a number', 1, 'catalog is not a JSON object', ['$']],
    ['an array', [doc()], 'catalog is not a JSON object', ['$']],
    ['missing version', doc({ version: undefined }), 'catalog version must be 1', ['version']],
    ['version as a string', doc({ version: '1' }), 'catalog version must be 1', ['version']],
    ['version 2', doc({ version: 2 }), 'catalog version must be 1', ['version']],
    ['version 0', doc({ version: 0 }), 'catalog version must be 1', ['version']],
    ['missing products', doc({ products: undefined }), 'catalog products must be an array', ['products']],
    ['products null', doc({ products: null }), 'catalog products must be an array', ['products']],
    ['products an object', doc({ products: { a: PRODUCTS[0] } }), 'catalog products must be an array', ['products']],
    ['products a string', doc({ products: '[]' }), 'catalog products must be an array', ['products']],
    ['both', doc({ version: 2, products: {} }), 'catalog version must be 1; catalog products must be an array', ['version', 'products']],
  ];
  it.each(FATAL)('%s', (_, input, error, paths) => {
    const result = parseCatalog(input);
    expect(result).toMatchObject({ ok: false, error });
    expect(result.problems.map((p) => p.path)).toEqual(paths);
  });

  it('accepts an empty products array', () => {
    const { catalog, problems } = ok(parseCatalog(doc({ products: [] })));
    expect(catalog.products).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('parseCatalog: currency', () => {
  const CASES: [string, unknown, string, string | null][] = [
    ['upper case', 'EUR', 'EUR', null],
    ['lower case is normalized', 'eur', 'EUR', null],
    ['mixed case is normalized', 'gBp', 'GBP', null],
    ['missing', undefined, 'USD', 'missing, expected a 3-letter currency code (using USD)'],
    ['null', null, 'USD', 'missing, expected a 3-letter currency code (using USD)'],
    ['4 letters', 'EURO', 'USD', 'expected a 3-letter currency code (using USD)'],
    ['2 letters', 'EU', 'USD', 'expected a 3-letter currency code (using USD)'],
    ['digit', 'E1R', 'USD', 'expected a 3-letter currency code (using USD)'],
    ['symbol', '$', 'USD', 'expected a 3-letter currency code (using USD)'],
    ['padded', ' EUR', 'USD', 'expected a 3-letter currency code (using USD)'],
    ['numeric code', 978, 'USD', 'expected a 3-letter currency code (using USD)'],
  ];
  it.each(CASES)('%s', (_, currency, expected, message) => {
    const { catalog, problems } = ok(parseCatalog(doc({ currency })));
    expect(catalog.currency).toBe(expected);
    expect(problems).toEqual(message ? [{ path: 'currency', message }] : []);
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
    ['negative vipOrders', { vipOrders: -1, vipSpend: 10 }, { vipSpend: 10 }, ['settings.vipOrders: expected a number ≥ 0 (using the default)']],
    ['string vipSpend', { vipSpend: '1000' }, {}, ['settings.vipSpend: expected a number ≥ 0 (using the default)']],
    ['NaN lapsedDays', { lapsedDays: NaN }, {}, ['settings.lapsedDays: expected a number ≥ 0 (using the default)']],
    ['Infinity maxUpsellRatio', { maxUpsellRatio: Infinity }, {}, ['settings.maxUpsellRatio: expected a number ≥ 0 (using the default)']],
    ['negative maxUpsellRatio', { maxUpsellRatio: -0.5 }, {}, ['settings.maxUpsellRatio: expected a number ≥ 0 (using the default)']],
    ['unknown keys ignored', { vipOrders: 2, colour: 'red' }, { vipOrders: 2 }, []],
    ['not an object', 'vip', {}, ['settings: expected an object (using the defaults)']],
    ['an array', [5], {}, ['settings: expected an object (using the defaults)']],
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
  /** [field, bad value, message]: each skips products[1] alone with exactly this problem. */
  const BAD: [string, unknown, string][] = [
    ['id', undefined, 'missing, expected a string of 1–128 characters'],
    ['id', null, 'missing, expected a string of 1–128 characters'],
    ['id', '', 'expected a string of 1–128 characters'],
    ['id', long(129), 'expected a string of 1–128 characters'],
    ['id', 42, 'expected a string of 1–128 characters'],
    ['title', undefined, 'missing, expected a string of 1–200 characters'],
    ['title', '', 'expected a string of 1–200 characters'],
    ['title', long(201), 'expected a string of 1–200 characters'],
    ['title', ['Bee'], 'expected a string of 1–200 characters'],
    ['price', undefined, 'missing, expected a number ≥ 0'],
    ['price', -1, 'expected a number ≥ 0'],
    ['price', -0.01, 'expected a number ≥ 0'],
    ['price', '20', 'expected a number ≥ 0'],
    ['price', NaN, 'expected a number ≥ 0'],
    ['price', Infinity, 'expected a number ≥ 0'],
    ['price', true, 'expected a number ≥ 0'],
    ['price', { amount: 20 }, 'expected a number ≥ 0'],
    ['price', 20n, 'expected a number ≥ 0'],
    ['url', undefined, 'missing, expected an http(s) or relative URL'],
    ['url', '', 'expected an http(s) or relative URL'],
    ['url', 'javascript:alert(1)', 'expected an http(s) or relative URL'],
    ['url', 'JavaScript:alert(1)', 'expected an http(s) or relative URL'],
    ['url', 'java\tscript:alert(1)', 'expected an http(s) or relative URL'],
    ['url', '\u0001javascript:alert(1)', 'expected an http(s) or relative URL'],
    ['url', ' javascript:alert(1)', 'expected an http(s) or relative URL'],
    ['url', 'data:text/html,<b>x</b>', 'expected an http(s) or relative URL'],
    ['url', 'vbscript:x', 'expected an http(s) or relative URL'],
    ['url', 42, 'expected an http(s) or relative URL'],
    ['image', 'javascript:alert(1)', 'expected an http(s) or relative URL'],
    ['image', 'DATA:image/png;base64,AAAA', 'expected an http(s) or relative URL'],
    ['image', 'file:///img.jpg', 'expected an http(s) or relative URL'],
    ['image', '', 'expected an http(s) or relative URL'],
    ['image', { src: '/i.jpg' }, 'expected an http(s) or relative URL'],
    ['category', 5, 'expected a string'],
    ['category', ['phones'], 'expected a string'],
    ['inStock', 'false', 'expected true or false'],
    ['inStock', 0, 'expected true or false'],
    ['cost', -0.01, 'expected a number ≥ 0'],
    ['cost', '8', 'expected a number ≥ 0'],
    ['rating', -0.1, 'expected a number from 0 to 5'],
    ['rating', 5.01, 'expected a number from 0 to 5'],
    ['rating', '4.5', 'expected a number from 0 to 5'],
    ['reviewCount', 1.5, 'expected an integer ≥ 0'],
    ['reviewCount', -1, 'expected an integer ≥ 0'],
    ['reviewCount', '12', 'expected an integer ≥ 0'],
    ['replenishDays', 0, 'expected an integer > 0'],
    ['replenishDays', -30, 'expected an integer > 0'],
    ['replenishDays', 1.5, 'expected an integer > 0'],
    ['replenishDays', Infinity, 'expected an integer > 0'],
    ['variantId', '', 'expected a non-empty string'],
    ['variantId', 4412, 'expected a non-empty string'],
  ];
  it.each(BAD)('skips a product with %s = %s', (field, value, message) => {
    const { catalog, problems } = ok(parseCatalog(withProduct({ [field]: value })));
    expect(catalog.products.map((p) => p.id)).toEqual(['a', 'c']);
    expect(catalog.byId.has('b')).toBe(false);
    // The label quotes the id as given when it is a string, even an invalid one (cut at 60).
    const id = field === 'id' ? value : 'b';
    const label = typeof id == 'string' ? `product ${JSON.stringify(id.length > 60 ? id.slice(0, 60) + '…' : id)}` : 'product';
    expect(problems).toEqual([{ path: `products[1].${field}`, message, skipped: label }]);
    expect(summarizeProblems(problems)).toEqual([
      { path: 'products[1]', message: `${label} skipped: ${field}: ${message}`, skipped: label },
    ]);
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
    expect(catalog.products[1]).toStrictEqual({ id: 'b', title: 'Bee', price: 20, url: '/p/b', inStock: true });
    expect(catalog.products[1]).not.toBe((input.products as Obj[])[1]);
  });

  it('reports every bad field of a product, and summarizes it as one warning', () => {
    const { catalog, problems } = ok(parseCatalog(withProduct({ price: -5, url: 'javascript:x', rating: 9 })));
    expect(catalog.products).toHaveLength(2);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'products[1].price: expected a number ≥ 0',
      'products[1].url: expected an http(s) or relative URL',
      'products[1].rating: expected a number from 0 to 5',
    ]);
    expect(summarizeProblems(problems)).toEqual([
      { path: 'products[1]', message: 'product "b" skipped: price: expected a number ≥ 0 (+2 more)', skipped: 'product "b"' },
    ]);
  });

  it.each([
    ['null', null],
    ['a string', 'b'],
    ['a number', 7],
    ['an array', [PRODUCTS[1]]],
  ])('skips a product entry that is %s', (_, entry) => {
    const { catalog, problems } = ok(parseCatalog(doc({ products: [PRODUCTS[0]!, entry, PRODUCTS[2]!] })));
    expect(catalog.products.map((p) => p.id)).toEqual(['a', 'c']);
    expect(problems).toEqual([{ path: 'products[1]', message: 'expected an object', skipped: 'product' }]);
    expect(summarizeProblems(problems)[0]!.message).toBe('product skipped: expected an object');
  });

  it('keeps the first of duplicate ids', () => {
    const dup = { id: 'a', title: 'Second A', price: 1, url: '/p/a2' };
    const { catalog, problems } = ok(parseCatalog(doc({ products: [...PRODUCTS, dup] })));
    expect(catalog.products.map((p) => p.title)).toEqual(['Anchor', 'Bee', 'Sea']);
    expect(catalog.byId.get('a')!.title).toBe('Anchor');
    expect(problems).toEqual([
      { path: 'products[3].id', message: 'duplicate id "a", first at products[0]', skipped: 'product "a"' },
    ]);
  });

  it('counts a duplicate of a skipped product as a duplicate too, and links to that id fail', () => {
    const products = [{ id: 'x', title: 'X', price: -1, url: '/x' }, { id: 'x', title: 'X2', price: 1, url: '/x' }, PRODUCTS[0]!];
    const links = [{ from: 'a', to: 'x', kind: 'cross-sell' }];
    const { catalog, problems } = ok(parseCatalog(doc({ products, links })));
    expect(catalog.products.map((p) => p.id)).toEqual(['a']);
    expect(catalog.links).toEqual([]);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'products[0].price: expected a number ≥ 0',
      'products[1].id: duplicate id "x", first at products[0]',
      'links[0].to: product "x" was skipped',
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
  /** [what, link fields over LINK, path, message]: each skips links[0] with exactly this problem. */
  const BAD: [string, Obj, string, string][] = [
    ['from missing', { from: undefined }, 'links[0].from', 'missing, expected a product id or "category:<name>"'],
    ['from empty', { from: '' }, 'links[0].from', 'expected a product id or "category:<name>"'],
    ['from a number', { from: 1 }, 'links[0].from', 'expected a product id or "category:<name>"'],
    ['from an unknown id', { from: 'nope' }, 'links[0].from', 'unknown product "nope"'],
    ['from a category with no name', { from: 'category:' }, 'links[0].from', 'expected a category name after "category:"'],
    ['from a category in other case (not a category link)', { from: 'Category:phones' }, 'links[0].from', 'unknown product "Category:phones"'],
    ['to missing', { to: undefined }, 'links[0].to', 'missing, expected a product id'],
    ['to an unknown id', { to: 'nope' }, 'links[0].to', 'unknown product "nope"'],
    ['to a category', { to: 'category:phones' }, 'links[0].to', 'unknown product "category:phones"'],
    ['to a list', { to: ['b'] }, 'links[0].to', 'expected a product id'],
    ['to itself', { to: 'a' }, 'links[0].to', 'same as from'],
    ['kind missing', { kind: undefined }, 'links[0].kind', 'missing, expected one of "cross-sell", "upsell"'],
    ['kind misspelt', { kind: 'cross_sell' }, 'links[0].kind', 'expected one of "cross-sell", "upsell"'],
    ['kind in other case', { kind: 'Upsell' }, 'links[0].kind', 'expected one of "cross-sell", "upsell"'],
    ['upsell type unknown', { kind: 'upsell', upsell: 'deluxe' }, 'links[0].upsell', 'expected one of "tier", "premium", "quantity", "addon"'],
    ['upsell type not a string', { kind: 'upsell', upsell: 1 }, 'links[0].upsell', 'expected one of "tier", "premium", "quantity", "addon"'],
    ['reason too long', { reason: long(141) }, 'links[0].reason', 'expected a string of at most 140 characters'],
    ['reason not a string', { reason: 5 }, 'links[0].reason', 'expected a string of at most 140 characters'],
    ['weight 0', { weight: 0 }, 'links[0].weight', 'expected a number in (0, 1]'],
    ['weight above 1', { weight: 1.01 }, 'links[0].weight', 'expected a number in (0, 1]'],
    ['weight negative', { weight: -1 }, 'links[0].weight', 'expected a number in (0, 1]'],
    ['weight a string', { weight: '1' }, 'links[0].weight', 'expected a number in (0, 1]'],
    ['attachRate above 1', { attachRate: 1.1 }, 'links[0].attachRate', 'expected a number from 0 to 1'],
    ['attachRate negative', { attachRate: -0.1 }, 'links[0].attachRate', 'expected a number from 0 to 1'],
    ['attachRate a percentage string', { attachRate: '41%' }, 'links[0].attachRate', 'expected a number from 0 to 1'],
    ['lift negative', { lift: -1 }, 'links[0].lift', 'expected a number ≥ 0'],
    ['lift NaN', { lift: NaN }, 'links[0].lift', 'expected a number ≥ 0'],
    ['orders fractional', { orders: 1.5 }, 'links[0].orders', 'expected an integer ≥ 0'],
    ['orders negative', { orders: -1 }, 'links[0].orders', 'expected an integer ≥ 0'],
    ['placements a string', { placements: 'cart' }, 'links[0].placements',
      'expected an array of "product", "cart", "checkout", "post-purchase", "account"'],
    ['placements with an unknown one', { placements: ['cart', 'home'] }, 'links[0].placements',
      'expected an array of "product", "cart", "checkout", "post-purchase", "account"'],
    ['placements with a number', { placements: [1] }, 'links[0].placements',
      'expected an array of "product", "cart", "checkout", "post-purchase", "account"'],
    ['placements sparse', { placements: [, 'cart'] }, 'links[0].placements', // eslint-disable-line no-sparse-arrays
      'expected an array of "product", "cart", "checkout", "post-purchase", "account"'],
    ['segments a string', { segments: 'vip' }, 'links[0].segments', 'expected an array of "new", "returning", "vip", "lapsed"'],
    ['segments with an unknown one', { segments: ['vip', 'whale'] }, 'links[0].segments',
      'expected an array of "new", "returning", "vip", "lapsed"'],
    ['minCartValue negative', { minCartValue: -5 }, 'links[0].minCartValue', 'expected a number ≥ 0'],
    ['minCartValue a string', { minCartValue: '50' }, 'links[0].minCartValue', 'expected a number ≥ 0'],
  ];
  it.each(BAD)('skips a link with %s', (_, fields, path, message) => {
    const good = { from: 'c', to: 'b', kind: 'cross-sell' };
    const { catalog, problems } = ok(parseCatalog(doc({ links: [{ ...LINK, ...fields }, good] })));
    expect(catalog.links).toEqual([{ ...good, weight: 1 }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path, message });
    expect(problems[0]!.skipped).toMatch(/^link /);
    expect(summarizeProblems(problems)).toHaveLength(1);
    expect(summarizeProblems(problems)[0]!.path).toBe('links[0]');
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
    expect(catalog.links).toStrictEqual([kept]);
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
    expect(problems).toEqual([
      { path: 'links[2]', message: 'duplicate of links[0] (same from, to and kind)', skipped: 'link "a" → "b"' },
    ]);
    expect(summarizeProblems(problems)[0]!.message).toBe(
      'link "a" → "b" skipped: duplicate of links[0] (same from, to and kind)',
    );
  });

  it('skips a link to a product that was skipped, naming why', () => {
    const { catalog, problems } = ok(parseCatalog({ ...withProduct({ price: 'free' }), links: [LINK] }));
    expect(catalog.links).toEqual([]);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'products[1].price: expected a number ≥ 0',
      'links[0].to: product "b" was skipped',
    ]);
  });

  it('skips a link that is not an object', () => {
    const { catalog, problems } = ok(parseCatalog(doc({ links: [null, 'a->b', LINK] })));
    expect(catalog.links).toHaveLength(1);
    expect(summarizeProblems(problems)).toEqual([
      { path: 'links[0]', message: 'link skipped: expected an object', skipped: 'link' },
      { path: 'links[1]', message: 'link skipped: expected an object', skipped: 'link' },
    ]);
  });

  it.each([
    ['missing', undefined, []],
    ['null', null, []],
    ['an object', { 0: LINK }, ['links: expected an array (ignoring links)']],
    ['a string', 'a->b', ['links: expected an array (ignoring links)']],
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

describe('summarizeProblems', () => {
  it('gives one entry per skipped item, in order, and passes the rest through', () => {
    const problems: CatalogProblem[] = [
      { path: 'currency', message: 'expected a 3-letter currency code (using USD)' },
      { path: 'products[2].price', message: 'expected a number ≥ 0', skipped: 'product "x"' },
      { path: 'products[2].url', message: 'expected an http(s) or relative URL', skipped: 'product "x"' },
      { path: 'products[12]', message: 'expected an object', skipped: 'product' },
      { path: 'settings.vipOrders', message: 'expected a number ≥ 0 (using the default)' },
      { path: 'links[0].to', message: 'same as from', skipped: 'link "a" → "a"' },
    ];
    expect(summarizeProblems(problems)).toEqual([
      { path: 'currency', message: 'expected a 3-letter currency code (using USD)' },
      { path: 'products[2]', message: 'product "x" skipped: price: expected a number ≥ 0 (+1 more)', skipped: 'product "x"' },
      { path: 'products[12]', message: 'product skipped: expected an object', skipped: 'product' },
      { path: 'settings.vipOrders', message: 'expected a number ≥ 0 (using the default)' },
      { path: 'links[0]', message: 'link "a" → "a" skipped: to: same as from', skipped: 'link "a" → "a"' },
    ]);
    expect(summarizeProblems([])).toEqual([]);
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
    expect(() => summarizeProblems(result!.problems)).not.toThrow();
    if (result!.ok) for (const p of result!.catalog.products) expect(typeof p.id).toBe('string');
    else expect(result!.error).toMatch(/^catalog /);
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
      expect(problems.map((p) => p.path)).toEqual(['currency', 'products[1].url', 'links[0].to']);
    } finally {
      for (const k of Object.keys(keys)) delete (Object.prototype as Obj)[k];
    }
  });

  it('does not let "__proto__" in the JSON reach the output', () => {
    const input = JSON.parse('{"version":1,"products":[{"id":"a","title":"A","price":1,"url":"/a","__proto__":{"inStock":false,"polluted":1}}]}');
    const { catalog } = ok(parseCatalog(input));
    const product = catalog.products[0]!;
    expect(Object.getPrototypeOf(product)).toBe(Object.prototype);
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
