import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED, mutatedCatalogDoc } from '../fuzz/arbitraries';
import { CURRENCY_RULE, LINK_RULES, PRODUCT_RULES, SETTING_RULES, UPSELL_RULE } from './catalog-rules';
import {
  EXPECTED,
  FATAL_PATHS,
  INFORMATIONAL_LINK_RULES,
  Lexicon,
  didYouMean,
  echo,
  formatProblem,
  nearest,
  validateCatalog,
  validateCatalogInDetail,
} from './validate-catalog';

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
/** The problems as `offerwise validate` prints them. */
const lines = (input: unknown) => validateCatalog(input).map((p) => `${p.path}: ${p.message}`);

describe('the rule tables and their messages', () => {
  const tables = { PRODUCT_RULES, LINK_RULES, UPSELL: [UPSELL_RULE], INFORMATIONAL_LINK_RULES, SETTING_RULES, CURRENCY: [CURRENCY_RULE] };
  const keys = Object.values(tables).flatMap((rules) => rules.map(([key]) => key));

  it('has an expected-message for every rule, and none for a field no rule has', () => {
    for (const key of keys) expect(EXPECTED[key], key).toMatch(/^\S/);
    expect(Object.keys(EXPECTED).sort()).toEqual([...keys].sort());
  });

  it('names each field once across the tables, so messages can be looked up by name', () => {
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has no rule that accepts null or undefined (both mean "not given")', () => {
    for (const [key, parse] of Object.values(tables).flat()) {
      expect(parse(null), key).toBeUndefined();
      expect(parse(undefined), key).toBeUndefined();
    }
  });
});

describe('validateCatalog: the spec example', () => {
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

  it('reports each end of the links to products it does not list, labelled with the link', () => {
    expect(validateCatalog(example)).toEqual([
      { path: 'links[1].from', message: 'unknown product "blender-basic"', skipped: 'link "blender-basic" → "blender-pro"' },
      { path: 'links[1].to', message: 'unknown product "blender-pro"', skipped: 'link "blender-basic" → "blender-pro"' },
      { path: 'links[2].to', message: 'unknown product "screen-guard"', skipped: 'link "category:phones" → "screen-guard"' },
    ]);
  });
});

describe('validateCatalog: rejected whole', () => {
  const FATAL: [string, unknown, string[]][] = [
    ['null', null, ['$: expected an object']],
    ['undefined', undefined, ['$: expected an object']],
    ['a string', '{"version":1}', ['$: expected an object']],
    ['a number', 1, ['$: expected an object']],
    ['an array', [doc()], ['$: expected an object']],
    ['missing version', doc({ version: undefined }), ['version: expected 1']],
    ['version as a string', doc({ version: '1' }), ['version: expected 1']],
    ['version 2', doc({ version: 2 }), ['version: expected 1']],
    ['version 0', doc({ version: 0 }), ['version: expected 1']],
    ['missing products', doc({ products: undefined }), ['products: expected an array']],
    ['products null', doc({ products: null }), ['products: expected an array']],
    ['products an object', doc({ products: { a: PRODUCTS[0] } }), ['products: expected an array']],
    ['products a string', doc({ products: '[]' }), ['products: expected an array']],
    ['both', doc({ version: 2, products: {} }), ['version: expected 1', 'products: expected an array']],
    // Only the fatal problems: the rest would not be read.
    ['and a bad currency', doc({ version: 2, currency: 1 }), ['version: expected 1']],
  ];
  it.each(FATAL)('%s', (_, input, expected) => {
    const problems = validateCatalog(input);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(expected);
    expect(problems.every((p) => FATAL_PATHS.includes(p.path) && p.skipped === undefined)).toBe(true);
  });

  it('accepts an empty products array', () => {
    expect(validateCatalog(doc({ products: [] }))).toEqual([]);
  });
});

describe('validateCatalog: currency', () => {
  const CASES: [string, unknown, string | null][] = [
    ['upper case', 'EUR', null],
    ['lower case', 'eur', null],
    ['mixed case', 'gBp', null],
    ['missing', undefined, 'missing, expected a 3-letter currency code (using USD)'],
    ['null', null, 'missing, expected a 3-letter currency code (using USD)'],
    ['4 letters', 'EURO', 'expected a 3-letter currency code (using USD)'],
    ['2 letters', 'EU', 'expected a 3-letter currency code (using USD)'],
    ['digit', 'E1R', 'expected a 3-letter currency code (using USD)'],
    ['symbol', '$', 'expected a 3-letter currency code (using USD)'],
    ['padded', ' EUR', 'expected a 3-letter currency code (using USD)'],
    ['numeric code', 978, 'expected a 3-letter currency code (using USD)'],
  ];
  it.each(CASES)('%s', (_, currency, message) => {
    expect(validateCatalog(doc({ currency }))).toEqual(message ? [{ path: 'currency', message }] : []);
  });
});

describe('validateCatalog: settings', () => {
  const CASES: [string, unknown, string[]][] = [
    ['missing', undefined, []],
    ['null', null, []],
    ['all given', { vipOrders: 3, vipSpend: 500, lapsedDays: 90, maxUpsellRatio: 0.5 }, []],
    ['zeros are valid', { vipOrders: 0, vipSpend: 0, lapsedDays: 0, maxUpsellRatio: 0 }, []],
    ['one given', { lapsedDays: 365 }, []],
    ['negative vipOrders', { vipOrders: -1, vipSpend: 10 }, ['settings.vipOrders: expected a number ≥ 0 (using the default)']],
    ['string vipSpend', { vipSpend: '1000' }, ['settings.vipSpend: expected a number ≥ 0 (using the default)']],
    ['NaN lapsedDays', { lapsedDays: NaN }, ['settings.lapsedDays: expected a number ≥ 0 (using the default)']],
    ['Infinity maxUpsellRatio', { maxUpsellRatio: Infinity }, ['settings.maxUpsellRatio: expected a number ≥ 0 (using the default)']],
    ['negative maxUpsellRatio', { maxUpsellRatio: -0.5 }, ['settings.maxUpsellRatio: expected a number ≥ 0 (using the default)']],
    ['unknown keys ignored', { vipOrders: 2, colour: 'red' }, []],
    ['not an object', 'vip', ['settings: expected an object (using the defaults)']],
    ['an array', [5], ['settings: expected an object (using the defaults)']],
  ];
  it.each(CASES)('%s', (_, settings, expected) => {
    const problems = validateCatalog(doc({ settings }));
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(expected);
    expect(problems.every((p) => p.skipped === undefined)).toBe(true);
  });
});

describe('validateCatalog: products', () => {
  const long = (n: number) => 'x'.repeat(n);
  /** [field, bad value, message]: each is exactly one problem, at products[1].<field>. */
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
  it.each(BAD)('reports a product with %s = %s', (field, value, message) => {
    // The label quotes the id as given when it is a string, even an invalid one (cut at 60).
    const id = field === 'id' ? value : 'b';
    const label = typeof id == 'string' ? `product ${JSON.stringify(id.length > 60 ? id.slice(0, 60) + '…' : id)}` : 'product';
    expect(validateCatalog(withProduct({ [field]: value }))).toEqual([{ path: `products[1].${field}`, message, skipped: label }]);
  });

  /** [field, good edge value]. */
  const GOOD: [string, unknown][] = [
    ['id', long(128)],
    ['id', 'category:phones'],
    ['title', long(200)],
    ['title', '<img src=x onerror=alert(1)> & "quotes"'],
    ['price', 0],
    ['price', -0],
    ['price', 1e308],
    ['price', 19.99],
    ['url', 'HTTPS://shop.test/b'],
    ['url', '//cdn.shop.test/b'],
    ['url', 'b?x=javascript:1'],
    ['image', '/img/b.jpg'],
    ['image', null],
    ['category', ''],
    ['inStock', false],
    ['inStock', undefined],
    ['inStock', null],
    ['cost', 0],
    ['rating', 0],
    ['rating', 5],
    ['reviewCount', 0],
    ['replenishDays', 1],
    ['variantId', '44120012'],
  ];
  it.each(GOOD)('accepts %s = %s', (field, value) => {
    expect(validateCatalog(withProduct({ [field]: value }))).toEqual([]);
  });

  it('accepts unknown fields, even "constructor" and "toString"', () => {
    expect(validateCatalog(withProduct({ extra: 1, constructor: 'x', toString: 5 }))).toEqual([]);
  });

  it('reports every bad field of a product, in field order', () => {
    expect(lines(withProduct({ price: -5, url: 'javascript:x', rating: 9 }))).toEqual([
      'products[1].price: expected a number ≥ 0',
      'products[1].url: expected an http(s) or relative URL',
      'products[1].rating: expected a number from 0 to 5',
    ]);
  });

  it.each([
    ['null', null],
    ['a string', 'b'],
    ['a number', 7],
    ['an array', [PRODUCTS[1]]],
  ])('reports a product entry that is %s', (_, entry) => {
    expect(validateCatalog(doc({ products: [PRODUCTS[0]!, entry, PRODUCTS[2]!] }))).toEqual([
      { path: 'products[1]', message: 'expected an object', skipped: 'product' },
    ]);
  });

  it('reports a duplicate id, pointing at the first', () => {
    const dup = { id: 'a', title: 'Second A', price: 1, url: '/p/a2' };
    expect(validateCatalog(doc({ products: [...PRODUCTS, dup] }))).toEqual([
      { path: 'products[3].id', message: 'duplicate id "a", first at products[0]', skipped: 'product "a"' },
    ]);
  });

  it('counts a duplicate of a skipped product as a duplicate too, and links to that id fail', () => {
    const products = [{ id: 'x', title: 'X', price: -1, url: '/x' }, { id: 'x', title: 'X2', price: 1, url: '/x' }, PRODUCTS[0]!];
    const links = [{ from: 'a', to: 'x', kind: 'cross-sell' }];
    expect(lines(doc({ products, links }))).toEqual([
      'products[0].price: expected a number ≥ 0',
      'products[1].id: duplicate id "x", first at products[0]',
      'links[0].to: product "x" was skipped',
    ]);
  });
});

describe('validateCatalog: links', () => {
  const LINK = { from: 'a', to: 'b', kind: 'cross-sell' };
  const long = (n: number) => 'r'.repeat(n);
  /** [what, link fields over LINK, path, message]: each is exactly one problem on links[0]. */
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
  it.each(BAD)('reports a link with %s', (_, fields, path, message) => {
    const link = { ...LINK, ...fields };
    const good = { from: 'c', to: 'b', kind: 'cross-sell' };
    const label = `link ${typeof link.from == 'string' ? JSON.stringify(link.from) : '?'} → ${typeof link.to == 'string' ? JSON.stringify(link.to) : '?'}`;
    expect(validateCatalog(doc({ links: [link, good] }))).toEqual([{ path, message, skipped: label }]);
  });

  const GOOD: [string, Obj][] = [
    ['no optional field', {}],
    ['an upsell with no type', { kind: 'upsell' }],
    ['an upsell type null', { kind: 'upsell', upsell: null }],
    ['an upsell type', { kind: 'upsell', upsell: 'quantity' }],
    ['an upsell type on a cross-sell (ignored)', { upsell: 'tier' }],
    ['a bad upsell type on a cross-sell (ignored)', { upsell: 'deluxe' }],
    ['weight 1', { weight: 1 }],
    ['weight just above 0', { weight: 0.001 }],
    ['attachRate 0 and lift 0', { attachRate: 0, lift: 0 }],
    ['attachRate 1 and orders 0', { attachRate: 1, orders: 0 }],
    ['reason of 140 characters', { reason: long(140) }],
    ['reason as markup (kept as plain text)', { reason: '<b>Fits</b> & "lasts"' }],
    ['an empty reason', { reason: '' }],
    ['empty placements and segments', { placements: [], segments: [] }],
    ['every placement', { placements: ['product', 'cart', 'checkout', 'post-purchase', 'account'] }],
    ['every segment', { segments: ['new', 'returning', 'vip', 'lapsed'] }],
    ['minCartValue 0', { minCartValue: 0 }],
    ['unknown fields', { note: 'x', priority: 9 }],
    ['each source', { source: 'curated' }],
    ['a visual source with its similarity', { source: 'visual', similarity: 0.87 }],
    ['similarity 0', { similarity: 0 }],
    ['similarity 1', { similarity: 1 }],
    ['a category anchor', { from: 'category:phones' }],
    ['a category anchor to one of its own products', { from: 'category:phones', to: 'a' }],
  ];
  it.each(GOOD)('accepts a link with %s', (_, fields) => {
    expect(validateCatalog(withLink({ ...LINK, ...fields }))).toEqual([]);
  });

  it('reports duplicate links (same from, to, kind) but not different kinds', () => {
    const links = [{ ...LINK, reason: 'first' }, { ...LINK, kind: 'upsell' }, { ...LINK, reason: 'second', weight: 0.5 }];
    expect(validateCatalog(doc({ links }))).toEqual([
      { path: 'links[2]', message: 'duplicate of links[0] (same from, to and kind)', skipped: 'link "a" → "b"' },
    ]);
  });

  it('reports a duplicate of a skipped link too', () => {
    const links = [{ ...LINK, weight: 2 }, LINK];
    expect(lines(doc({ links }))).toEqual([
      'links[0].weight: expected a number in (0, 1]',
      'links[1]: duplicate of links[0] (same from, to and kind)',
    ]);
  });

  it('reports a link to a product that was skipped, naming why', () => {
    expect(lines({ ...withProduct({ price: 'free' }), links: [LINK] })).toEqual([
      'products[1].price: expected a number ≥ 0',
      'links[0].to: product "b" was skipped',
    ]);
  });

  it('reports a link that is not an object', () => {
    expect(validateCatalog(doc({ links: [null, 'a->b', LINK] }))).toEqual([
      { path: 'links[0]', message: 'expected an object', skipped: 'link' },
      { path: 'links[1]', message: 'expected an object', skipped: 'link' },
    ]);
  });

  it.each([
    ['missing', undefined, []],
    ['null', null, []],
    ['an object', { 0: LINK }, ['links: expected an array (ignoring links)']],
    ['a string', 'a->b', ['links: expected an array (ignoring links)']],
  ])('treats links that are %s as none', (_, links, expected) => {
    expect(lines(doc({ links }))).toEqual(expected);
  });

  it('labels links with long or odd ids safely', () => {
    const problems = validateCatalog(withLink({ from: 'z'.repeat(500), to: 'q\n"', kind: 'x' }));
    expect(problems[0]!.skipped).toBe(`link "${'z'.repeat(60)}…" → "q\\n\\""`);
  });
});

describe('validateCatalog never throws', () => {
  const throwing = () => {
    throw new Error('boom');
  };
  const getterThrows = (o: Obj, key: string) => Object.defineProperty({ ...o }, key, { get: throwing, enumerable: true });

  it.each([
    ['a throwing version getter', getterThrows(doc(), 'version'), ['$: could not be read']],
    ['a throwing settings getter', getterThrows(doc(), 'settings'), ['$: could not be read']],
    ['a product with a throwing getter', doc({ products: [getterThrows(PRODUCTS[0]!, 'price')] }), ['products[0]: could not be read']],
    ['a link with a throwing getter', doc({ links: [getterThrows({ from: 'a', to: 'c', kind: 'upsell' }, 'upsell')] }),
      ['links[0]: could not be read']],
  ])('%s', (_, input, expected) => {
    expect(lines(input)).toEqual(expected);
  });

  it('ignores a polluted Object.prototype', () => {
    const keys = { version: 1, products: [], url: 'javascript:alert(1)', inStock: false, weight: 0.1, currency: 'EUR' };
    for (const [k, v] of Object.entries(keys)) Object.defineProperty(Object.prototype, k, { value: v, configurable: true, writable: true });
    try {
      expect(lines({})).toEqual(['version: expected 1', 'products: expected an array']);
      expect(lines({
        version: 1,
        products: [{ id: 'a', title: 'A', price: 1, url: '/a' }, { id: 'b', title: 'B', price: 1 }],
        links: [{ from: 'a', to: 'a', kind: 'cross-sell' }],
      })).toEqual([
        'currency: missing, expected a 3-letter currency code (using USD)',
        'products[1].url: missing, expected an http(s) or relative URL',
        'links[0].to: same as from',
      ]);
    } finally {
      for (const k of Object.keys(keys)) delete (Object.prototype as Obj)[k];
    }
  });
});

describe('validateCatalog: bidi control characters', () => {
  it('says where they were removed, and keeps the product', () => {
    const input = {
      version: 1,
      currency: 'USD',
      products: [{ id: 'a', title: 'Case \u202Egnp.exe', price: 1, url: '/p/a' }],
    };
    expect(lines(input)).toEqual(['products[0].title: bidi control characters removed']);
  });
});

describe('validateCatalogInDetail: items named by id, values echoed, likely fixes', () => {
  /** The problems as `offerwise validate` prints them. */
  const detailed = (input: unknown) => validateCatalogInDetail(input).map(formatProblem);
  const helmets = (over: Obj = {}, links: Obj[] = []) =>
    doc({
      products: [
        ...PRODUCTS,
        { id: 'helmet-basic', title: 'Helmet', price: 30, url: '/p/helmet-basic' },
        { id: 'helmet-mips', title: 'Helmet MIPS', price: 45, url: '/p/helmet-mips', ...over },
      ],
      links,
    });

  it('names a product by its id and echoes the bad value', () => {
    expect(detailed(helmets({ price: '€45' }))).toEqual(['products[4] (helmet-mips).price: expected a number ≥ 0, got "€45"']);
  });

  it('keeps path, message and skipped exactly as validateCatalog has them', () => {
    const input = helmets({ price: '€45' }, [{ from: 'a', to: 'helmet-mps', kind: 'cross-sell', attachRate: 38 }]);
    expect(validateCatalogInDetail(input).map(({ path, message, skipped }) => ({ path, message, skipped }))).toEqual(validateCatalog(input));
  });

  it('names a link by from → to', () => {
    expect(detailed(helmets({}, [{ from: 'a', to: 'b', kind: 'cross-sell', attachRate: 0.4, weight: 3 }]))).toEqual([
      'links[0] (a → b).weight: expected a number in (0, 1], got 3',
    ]);
  });

  it('suggests the nearest product id for an unknown link end', () => {
    expect(detailed(helmets({}, [{ from: 'helmet-basic', to: 'helmet-mps', kind: 'upsell' }]))).toEqual([
      'links[0] (helmet-basic → helmet-mps).to: unknown product "helmet-mps" (did you mean "helmet-mips"?)',
    ]);
    expect(detailed(helmets({}, [{ from: 'Helmet-MIPS', to: 'b', kind: 'cross-sell' }]))).toEqual([
      'links[0] (Helmet-MIPS → b).from: unknown product "Helmet-MIPS" (did you mean "helmet-mips"?)',
    ]);
  });

  it('names every id equally near, and a category for a from', () => {
    const input = doc({
      products: [...PRODUCTS, { id: 'case-x', title: 'X', price: 9, url: '/x' }, { id: 'case-y', title: 'Y', price: 9, url: '/y' }],
      links: [{ from: 'a', to: 'case-z', kind: 'cross-sell' }, { from: 'categry:phones', to: 'b', kind: 'cross-sell' }],
    });
    expect(detailed(input)).toEqual([
      'links[0] (a → case-z).to: unknown product "case-z" (did you mean "case-x" or "case-y"?)',
      'links[1] (categry:phones → b).from: unknown product "categry:phones" (did you mean "category:phones"?)',
    ]);
  });

  it('suggests nothing when no id is close, and never the link\'s other end', () => {
    expect(detailed(helmets({}, [{ from: 'a', to: 'skateboard', kind: 'cross-sell' }]))).toEqual([
      'links[0] (a → skateboard).to: unknown product "skateboard"',
    ]);
    expect(detailed(helmets({}, [{ from: 'helmet-mips', to: 'helmet-mipz', kind: 'cross-sell' }]))).toEqual([
      'links[0] (helmet-mips → helmet-mipz).to: unknown product "helmet-mipz"',
    ]);
  });

  it.each([
    ['attachRate', 38, 'expected a number from 0 to 1, got 38 (did you mean 0.38?)'],
    ['attachRate', 4.5, 'expected a number from 0 to 1, got 4.5 (did you mean 0.045?)'],
    ['attachRate', '41%', 'expected a number from 0 to 1, got "41%" (did you mean 0.41?)'],
    ['attachRate', '0.41', 'expected a number from 0 to 1, got "0.41" (did you mean 0.41?)'],
    ['attachRate', 380, 'expected a number from 0 to 1, got 380'],
    ['lift', '5.2', 'expected a number ≥ 0, got "5.2" (did you mean 5.2?)'],
    ['kind', 'cross_sell', 'expected one of "cross-sell", "upsell", got "cross_sell" (did you mean "cross-sell"?)'],
    ['kind', 'Upsell', 'expected one of "cross-sell", "upsell", got "Upsell" (did you mean "upsell"?)'],
    ['kind', 'bundle', 'expected one of "cross-sell", "upsell", got "bundle"'],
    ['placements', 'cart', 'expected an array of "product", "cart", "checkout", "post-purchase", "account", got "cart" (did you mean ["cart"]?)'],
    ['placements', ['cart', 'chekout'],
      'expected an array of "product", "cart", "checkout", "post-purchase", "account", got ["cart","chekout"] (did you mean ["cart","checkout"]?)'],
    ['placements', ['cart', 'home'], 'expected an array of "product", "cart", "checkout", "post-purchase", "account", got ["cart","home"]'],
    ['segments', ['VIP'], 'expected an array of "new", "returning", "vip", "lapsed", got ["VIP"] (did you mean ["vip"]?)'],
  ])('a link with %s = %j says %s', (field, value, detail) => {
    const [problem] = validateCatalogInDetail(withLink({ from: 'a', to: 'b', kind: 'cross-sell', [field]: value }));
    expect(problem!.detail).toBe(detail);
  });

  it.each([
    ['price', '45', 'expected a number ≥ 0, got "45" (did you mean 45?)'],
    ['price', -1, 'expected a number ≥ 0, got -1'],
    ['inStock', 'false', 'expected true or false, got "false" (did you mean false?)'],
    ['variantId', 4412, 'expected a non-empty string, got 4412 (did you mean "4412"?)'],
    ['url', ' /p/b', 'expected an http(s) or relative URL, got " /p/b" (did you mean "/p/b"?)'],
    ['url', undefined, 'missing, expected an http(s) or relative URL'],
    ['url', null, 'missing, expected an http(s) or relative URL'],
    ['title', 'x'.repeat(201), `expected a string of 1–200 characters, got "${'x'.repeat(60)}…"`],
    ['category', { name: 'phones', parent: 'electronics', path: ['electronics', 'phones', 'smart'] },
      'expected a string, got {"name":"phones","parent":"electronics","path":["electronics…'],
  ])('a product with %s = %j says %s', (field, value, detail) => {
    const [problem] = validateCatalogInDetail(withProduct({ [field]: value }));
    expect(problem!.where).toBe(`products[1] (b).${field}`);
    expect(problem!.detail).toBe(detail);
  });

  it('names items whose id is odd or missing as safely as it can', () => {
    expect(detailed(doc({ products: [PRODUCTS[0]!, { id: 'b b', title: 'B', price: -1, url: '/b' }, { title: 'C', price: 1, url: '/c' }, 7] }))).toEqual([
      'products[1] ("b b").price: expected a number ≥ 0, got -1',
      'products[2].id: missing, expected a string of 1–128 characters',
      'products[3]: expected an object, got 7',
    ]);
    expect(detailed(withLink({ from: 'a', kind: 'cross-sell' }))).toEqual(['links[0] (a → ?).to: missing, expected a product id']);
    expect(detailed(withLink({ kind: 'cross-sell' }))[0]).toBe('links[0].from: missing, expected a product id or "category:<name>"');
  });

  it('escapes control and bidi characters, so the terminal shows them instead of obeying them', () => {
    const [problem] = validateCatalogInDetail(withProduct({ id: 'b\u202Eevil', price: 'x\u0085' }));
    expect(formatProblem(problem!)).toBe('products[1] ("b\\u202eevil").price: expected a number ≥ 0, got "x\\u0085"');
  });

  it('echoes what the document had where the widget rejects it whole or falls back', () => {
    expect(detailed({ version: '1', products: {} })).toEqual(['version: expected 1, got "1"', 'products: expected an array, got {}']);
    expect(detailed({ products: [] })).toEqual(['version: missing, expected 1']);
    expect(detailed('{"version": 1}')).toEqual(['$: expected an object, got "{\\"version\\": 1}"']);
    expect(detailed(doc({ currency: '€', settings: { vipSpend: '500', lapsedDays: -1 } }))).toEqual([
      'currency: expected a 3-letter currency code, got "€" (using USD; did you mean "EUR"?)',
      'settings.vipSpend: expected a number ≥ 0, got "500" (using the default; did you mean 500?)',
      'settings.lapsedDays: expected a number ≥ 0, got -1 (using the default)',
    ]);
    expect(detailed(doc({ currency: undefined, settings: [], links: 'a->b' }))).toEqual([
      'currency: missing, expected a 3-letter currency code (using USD)',
      'settings: expected an object, got [] (using the defaults)',
      'links: expected an array, got "a->b" (ignoring links)',
    ]);
  });

  it('checks where a link came from and its similarity, and keeps the link (the widget ignores both)', () => {
    const links = [
      { from: 'a', to: 'b', kind: 'cross-sell', source: 'Visual', similarity: '0.93' },
      { from: 'c', to: 'b', kind: 'cross-sell', source: 'ai', similarity: 1.5 },
      { from: 'a', to: 'c', kind: 'upsell', source: 'curated' },
    ];
    expect(detailed(doc({ links }))).toEqual([
      'links[0] (a → b).source: expected one of "curated", "mined", "visual", got "Visual" (did you mean "visual"?)',
      'links[0] (a → b).similarity: expected a number from 0 to 1, got "0.93" (did you mean 0.93?)',
      'links[1] (c → b).source: expected one of "curated", "mined", "visual", got "ai"',
      'links[1] (c → b).similarity: expected a number from 0 to 1, got 1.5',
    ]);
    // No problem of theirs skips the link: the widget keeps it.
    expect(validateCatalog(doc({ links })).every((p) => p.skipped === undefined)).toBe(true);
  });

  it('names the item of a note that keeps it (bidi controls removed)', () => {
    const input = doc({ links: [{ from: 'a', to: 'b', kind: 'cross-sell', reason: 'Fits \u202Ewell' }] });
    input.products = [{ ...PRODUCTS[0]!, title: 'Anchor \u2066x\u2069' }, PRODUCTS[1]!];
    expect(detailed(input)).toEqual([
      'products[0] (a).title: bidi control characters removed',
      'links[0] (a → b).reason: bidi control characters removed',
    ]);
  });

  it('never throws, on hostile objects either', () => {
    const hostile = Object.defineProperty({ ...PRODUCTS[1] }, 'price', { get: () => { throw new Error('boom'); }, enumerable: true });
    expect(detailed(doc({ products: [PRODUCTS[0]!, hostile] }))).toEqual(['products[1] (b): could not be read']);
    const cycle: Obj = {};
    cycle.self = cycle;
    expect(detailed(withProduct({ category: cycle }))).toEqual(['products[1] (b).category: expected a string, got object']);
    expect(detailed(undefined)).toEqual(['$: expected an object']);
  });
});

describe('nearest and didYouMean', () => {
  it('suggests within a few edits, ignoring case, and nothing for a short or far word', () => {
    expect(nearest('helmet-mps', ['helmet-mips', 'helmet-basic'])).toEqual(['helmet-mips']);
    expect(nearest('CASE-X', ['case-x', 'case-y'])).toEqual(['case-x']);
    expect(nearest('ab', ['ac'])).toEqual([]);
    expect(nearest('abc', ['abd', 'abe', 'xyz'])).toEqual(['abd', 'abe']);
    expect(nearest('phones', ['tablets'])).toEqual([]);
    expect(nearest('cart', ['product', 'cart'])).toEqual(['cart']);
  });

  it('looks up many words in a long list within a budget of comparisons, leaving out one word if asked', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `product-${i}`);
    const lexicon = new Lexicon(ids, 5000);
    expect(lexicon.nearest('prodcut-7')).toEqual(['product-7']);
    expect(lexicon.nearest('prodcut-7', 3, 'product-7')).toEqual([]);
    expect(lexicon.nearest('product-7x', 3, 'product-7')).toEqual(['product-70', 'product-71', 'product-72']);
    for (let i = 0; i < 5; i++) lexicon.nearest('prodcut-7');
    expect(lexicon.nearest('prodcut-7')).toEqual([]); // the budget is spent
  });

  it('stays quick with thousands of misspelt link ends', () => {
    const products = Array.from({ length: 1000 }, (_, i) => ({ id: `sku-${i}-blue`, title: 'T', price: 1, url: '/p' }));
    const links = products.map((_, i) => ({ from: 'sku-0-blue', to: `sku-${i + 1}-bleu`, kind: 'cross-sell' }));
    const start = performance.now();
    const problems = validateCatalogInDetail(doc({ products, links }));
    expect(problems).toHaveLength(1000);
    expect(problems[0]!.detail).toBe('unknown product "sku-1-bleu" (did you mean "sku-1-blue"?)');
    expect(performance.now() - start).toBeLessThan(3000);
  });

  it('words one, two or three options', () => {
    expect(didYouMean([])).toBe('');
    expect(didYouMean(['"a"'])).toBe(' (did you mean "a"?)');
    expect(didYouMean(['"a"', '"b"', '"c"'])).toBe(' (did you mean "a", "b" or "c"?)');
  });

  it('echoes values cut at 60 characters', () => {
    expect(echo('x'.repeat(61))).toBe(`"${'x'.repeat(60)}…"`);
    expect(echo([1, 2])).toBe('[1,2]');
    expect(echo(Array(40).fill(10))).toBe(JSON.stringify(Array(40).fill(10)).slice(0, 60) + '…');
    expect(echo(NaN)).toBe('NaN');
  });
});

describe('validateCatalogInDetail never throws (fast-check)', () => {
  it('on any value or mutated catalog, with the same problems as validateCatalog, each with a where and a detail', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), mutatedCatalogDoc), (input) => {
        const problems = validateCatalogInDetail(input);
        expect(problems.map(({ path, message, skipped }) => (skipped ? { path, message, skipped } : { path, message }))).toEqual(
          validateCatalog(input),
        );
        for (const p of problems) {
          expect(p.where.startsWith(p.path.replace(/\..*$/, '').replace(/\[\d+\].*$/, ''))).toBe(true);
          const core = (text: string) => text.replace(/^missing, /, '').replace(/ \(.*$/, '');
          expect(core(p.detail).startsWith(core(p.message))).toBe(true);
        }
      }),
      { numRuns: 1000, seed: SEED },
    );
  });
});
