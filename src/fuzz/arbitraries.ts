/**
 * fast-check arbitraries shared by the property-based tests in this folder (test support only:
 * nothing here ships). Ids come from a small pool so that links connect and anchors meet.
 */
import fc from 'fast-check';
import { parseCatalog } from '../catalog/parse-catalog';
import { PLACEMENTS, SEGMENTS, UPSELL_TYPES, type Catalog, type Context } from '../types';

/** The fixed "today" of every engine property (no clock in tests either). */
export const TODAY = '2026-06-01';

/** Fixed seeds, so every run replays; fast-check prints the seed and path of a failure anyway. */
export const SEED = 20260601;

export const IDS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'] as const;
export const CATEGORIES = ['c0', 'c1', 'c2'] as const;

type Obj = Record<string, unknown>;

/** `YYYY-MM-DD`, `days` before `TODAY`. */
export const daysBefore = (days: number) => new Date(Date.parse(TODAY) - days * 86_400_000).toISOString().slice(0, 10);

/** A store amount in cents, 0 … max/100 (evenly spread, unlike `fc.double`). */
const cents = (max: number) => fc.integer({ min: 0, max }).map((n) => n / 100);
/** A number in (0, 1] or [0, 1] in steps of 1/1000, plus the extremes `fc.double` likes. */
const unit = (min: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: Math.ceil(min * 1000), max: 1000 }).map((n) => n / 1000) },
    { weight: 1, arbitrary: fc.double({ min: Math.max(min, Number.MIN_VALUE * +(min > 0)), max: 1, noNaN: true }) },
  );

/**
 * Prices that often tie or sit on a boundary (0, equal prices, ×0.3, ×2 of each other), plus any
 * finite double in a store's range.
 */
const price = fc.oneof(
  // A dense ladder, so that upgrades within the ratio and 30% add-ons exist (R8).
  { weight: 8, arbitrary: fc.constantFrom(10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, 3, 9.99, 29, 99.99, 799) },
  { weight: 1, arbitrary: cents(500_000) },
  // fast-check's doubles lean to the extremes (subnormals, the max): rounding edge cases.
  { weight: 1, arbitrary: fc.double({ min: 0, max: 5000, noNaN: true, noDefaultInfinity: true }) },
);

/** One valid product document with the given id (catalog.md, Product). */
const productDoc = (id: string): fc.Arbitrary<Obj> =>
  fc.record(
    {
      id: fc.constant(id),
      title: fc.constantFrom('Phone X', 'Case', 'Filters (200)', '<b>not html</b>'),
      price,
      url: fc.constantFrom('/products/' + id, 'https://shop.example/p/' + id, '//cdn.example/' + id, '?p=' + id),
      image: fc.constantFrom('/img/' + id + '.jpg', 'HTTPS://cdn.example/i.png'),
      category: fc.constantFrom(...CATEGORIES),
      inStock: fc.constantFrom(true, true, true, true, true, true, true, false),
      cost: fc.oneof(fc.constantFrom(0, 5, 50), cents(300_000)),
      rating: fc.integer({ min: 0, max: 50 }).map((n) => n / 10),
      reviewCount: fc.nat(2000),
      replenishDays: fc.oneof(fc.constantFrom(30, 60, 90), fc.integer({ min: 1, max: 400 })),
      variantId: fc.constant('v-' + id),
    },
    { requiredKeys: ['id', 'title', 'price', 'url'], noNullPrototype: true },
  );

/** A link end: mostly a product of this catalog, sometimes any pool id (the parser skips unknown ones). */
const endArb = (ids: readonly string[]) =>
  fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.constantFrom(...IDS) });
/** An anchor: a product, or (cold start, R11) a category. */
const fromArb = (ids: readonly string[]) =>
  fc.oneof({ weight: 4, arbitrary: endArb(ids) }, { weight: 1, arbitrary: fc.constantFrom(...CATEGORIES.map((c) => 'category:' + c)) });

/** `arb` in `present` cases of `absent + present`, else `undefined` (a field left out). */
const rarely = <T>(arb: fc.Arbitrary<T>, absent = 4, present = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: present, arbitrary: arb });

/** Drop the fields `rarely` left out, so they are absent rather than `undefined`. */
const compact = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * One link document, of either kind and every upsell type (absent type = the default
 * `premium`). The limiting fields (placements, segments, minCartValue) stay rare enough that
 * most links apply somewhere.
 */
const linkDoc = (ids: readonly string[]): fc.Arbitrary<Obj> =>
  fc
    .record({
      from: fromArb(ids),
      to: endArb(ids),
      kind: fc.constantFrom('cross-sell', 'upsell'),
      upsell: rarely(fc.constantFrom(...UPSELL_TYPES), 1, 4),
      reason: rarely(fc.constantFrom('Fits', ''), 1),
      weight: rarely(fc.oneof(fc.constantFrom(1, 0.5, 0.25), unit(Number.MIN_VALUE)), 1),
      attachRate: rarely(fc.oneof(fc.constantFrom(0, 0.04, 0.05, 0.41), unit(0)), 1),
      lift: rarely(cents(1000)),
      orders: rarely(fc.nat(500)),
      placements: rarely(fc.subarray([...PLACEMENTS], { minLength: 1 })),
      segments: rarely(fc.subarray([...SEGMENTS], { minLength: 1 })),
      minCartValue: rarely(fc.constantFrom(0, 10, 100, 1000)),
    })
    .map(compact);

/** Settings, each optional (defaults: catalog.md, Settings). */
const settingsDoc = fc.record(
  {
    vipOrders: fc.integer({ min: 0, max: 8 }),
    vipSpend: fc.constantFrom(0, 100, 1000, 5000),
    lapsedDays: fc.constantFrom(0, 30, 180, 1000),
    maxUpsellRatio: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(0, 0.25, 0.5, 1, 2, 5) },
      { weight: 1, arbitrary: cents(500) },
      { weight: 1, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }) },
    ),
  },
  { requiredKeys: [], noNullPrototype: true },
);

/**
 * A catalog document as a merchant would write it: products from the pool in random catalog
 * order, and links between them. It may hold links the parser skips (to an absent product, to
 * itself, duplicates): that is the parser's job, and the engine sees only what it keeps.
 */
export const catalogDoc: fc.Arbitrary<Obj> = fc
  .record({
    ids: fc.shuffledSubarray([...IDS], { minLength: 6 }),
    settings: fc.option(settingsDoc, { nil: undefined }),
    currency: fc.constantFrom('USD', 'eur'),
  })
  .chain(({ ids, settings, currency }) =>
    fc
      .tuple(
        fc.tuple(...ids.map(productDoc)),
        fc.array(fc.tuple(linkDoc(ids), fc.constantFrom(true, true, false), fc.nat(99)), { minLength: ids.length, maxLength: 5 * ids.length }),
      )
      .map(([products, links]) => ({
        version: 1,
        currency,
        ...(settings && { settings }),
        products,
        links: links.map(([link, aim, k]) =>
          aim ? aimAtPriceFit(link, products, k, (settings?.maxUpsellRatio as number | undefined) ?? 1) : link,
        ),
      })),
  );

/**
 * Random prices rarely fit R8 (an upsell costs more than its anchor, within a ratio), so two
 * links in three are re-aimed, when the catalog allows, at a product that fits: pricier (within
 * the ratio) for a tier/premium/quantity upsell, no dearer for a cross-sell.
 */
function aimAtPriceFit(link: Obj, products: Obj[], k: number, maxUpsellRatio: number): Obj {
  const anchor = products.find((p) => p.id === link.from);
  if (!anchor) return link;
  const a = anchor.price as number;
  const upgrade = link.kind === 'upsell' && link.upsell !== 'addon';
  const fits = products.filter((p) => {
    const price = p.price as number;
    return p !== anchor && (upgrade ? price > a && price <= (1 + Math.min(1, maxUpsellRatio)) * a : price <= a);
  });
  return fits.length ? { ...link, to: fits[k % fits.length]!.id } : link;
}

/** A valid, indexed catalog: a `catalogDoc` through the real parser. */
export const validCatalog: fc.Arbitrary<Catalog> = catalogDoc.map((doc) => {
  const parsed = parseCatalog(doc);
  if (!parsed.ok) throw new Error('catalogDoc must always parse: ' + parsed.error);
  return parsed.catalog;
});

/** A product id: mostly from the pool, sometimes one the catalog does not know. */
const anyId = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...IDS) }, { weight: 1, arbitrary: fc.constant('zz') });

/** A date around TODAY (days ago: 0 … 800; sometimes in the future), sometimes not a real day. */
const dateArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -10, max: 800 }).map(daysBefore) },
  // On and around the boundaries of replenishDays (30, 60, 90) and lapsedDays (30, 180, 1000).
  { weight: 2, arbitrary: fc.constantFrom(29, 30, 31, 59, 60, 61, 89, 90, 91, 179, 180, 181, 1000, 1001).map(daysBefore) },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30', 'yesterday', '') },
);

/** A page context of every placement (embed.md §3), its lists drawn from the id pool. */
export const contextArb: fc.Arbitrary<Context> = fc
  .record({
    placement: fc.constantFrom('product', ...PLACEMENTS), // the product page twice: it has the most rules
    product: fc.option(anyId, { nil: undefined, freq: 6 }),
    cart: fc.array(fc.record({ id: anyId, qty: fc.integer({ min: 1, max: 3 }) }, { noNullPrototype: true }), { maxLength: 3 }),
    owned: fc.array(
      fc.record({ id: anyId, purchasedAt: dateArb }, { requiredKeys: ['id'], noNullPrototype: true }),
      { maxLength: 3 },
    ),
    customer: fc.record(
      {
        orders: fc.integer({ min: 0, max: 10 }),
        spent: fc.constantFrom(0, 50, 999, 1000, 4000),
        lastOrder: dateArb,
        priceSensitive: fc.boolean(),
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
    dismissed: fc.subarray([...IDS], { maxLength: 1 }),
    exclude: fc.subarray([...IDS], { maxLength: 1 }),
    max: fc.constantFrom(1 as const, 2 as const),
    freeShipping: fc.option(fc.constantFrom(0, 25, 50, 75, 100, 150, 250, 1000), { nil: undefined, freq: 3 }),
  })
  .map(({ product, freeShipping, ...rest }) => ({
    ...rest,
    ...(product !== undefined && { product }),
    ...(freeShipping !== undefined && { freeShipping }),
  }));

const HOSTILE_KINDS = ['NaN object', 'null prototype', 'throwing toString', 'throwing getter', 'throwing proxy'] as const;

/**
 * A value that is not plain data, made only when an edit puts it in a document: fast-check
 * itself inspects generated values (and prints them on failure), which a throwing proxy or
 * getter would break.
 */
class Hostile {
  constructor(readonly kind: (typeof HOSTILE_KINDS)[number]) {}
  make(): unknown {
    const boom = () => {
      throw new Error(this.kind);
    };
    switch (this.kind) {
      case 'NaN object':
        return { valueOf: () => NaN, toString: () => 'NaN' };
      case 'null prototype':
        return Object.create(null) as object;
      case 'throwing toString':
        return { toString: boom, valueOf: boom };
      case 'throwing getter':
        return Object.defineProperty({}, 'id', { enumerable: true, get: boom });
      case 'throwing proxy':
        return new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom });
    }
  }
  toString() {
    return `<${this.kind}>`;
  }
}
/** The value an edit puts in a document. */
const materialize = (v: unknown) => (v instanceof Hostile ? v.make() : v);

/**
 * Values that break a field in every way a hand-written or exported catalog (or a hostile
 * caller) can: wrong JSON types, non-JSON numbers, huge and negative numbers, unsafe URLs
 * in any case, control characters, objects that coerce to NaN, null-prototype objects,
 * throwing getters and toString, sparse arrays, a proxy whose every trap throws.
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(
    undefined,
    null,
    NaN,
    Infinity,
    -Infinity,
    -0,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    2 ** 53 + 1,
    -1,
    0.5,
    '',
    ' ',
    'JaVaScRiPt:alert(1)',
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    '\u0001javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    '/ok\u0000',
    '\u001f/p',
    '/p\u007f',
    '\u2028/p',
    '/p\n',
    'x'.repeat(10_000),
    'category:',
    'category:c0',
    '__proto__',
    'constructor',
    true,
    false,
    [],
    [null],
    // eslint-disable-next-line no-sparse-arrays
    [, 'cart'],
    {},
  ),
  fc.constantFrom(...HOSTILE_KINDS).map((kind) => new Hostile(kind)),
);

/** Set an own `__proto__` key, as JSON.parse does for `{"__proto__": …}`. */
export const withOwnProto = (o: Obj, value: unknown): Obj =>
  Object.defineProperty(o, '__proto__', { value, enumerable: true, writable: true, configurable: true });

/** One edit of a catalog document: where, and what happens there. */
interface Edit {
  /** The document itself, its settings, or one of its products or links (`index` modulo their count). */
  at: 'top' | 'settings' | 'products' | 'links';
  index: number;
  key: string;
  /** `proto` sets an own `__proto__` key; `replace`, `hole` and `duplicate` act on a whole item. */
  op: 'delete' | 'set' | 'proto' | 'replace' | 'hole' | 'duplicate';
  value: unknown;
}

const TOP_KEYS = ['version', 'currency', 'settings', 'products', 'links'];
const PRODUCT_KEYS = ['id', 'title', 'price', 'url', 'image', 'category', 'inStock', 'cost', 'rating', 'reviewCount', 'replenishDays', 'variantId'];
const LINK_KEYS = ['from', 'to', 'kind', 'upsell', 'reason', 'weight', 'attachRate', 'lift', 'orders', 'placements', 'segments', 'minCartValue', 'source', 'similarity'];
const SETTING_KEYS = ['vipOrders', 'vipSpend', 'lapsedDays', 'maxUpsellRatio'];

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ at: fc.constant('top' as const), index: fc.constant(0), key: fc.constantFrom(...TOP_KEYS), op: fc.constantFrom('delete' as const, 'set' as const, 'proto' as const), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ at: fc.constant('settings' as const), index: fc.constant(0), key: fc.constantFrom(...SETTING_KEYS), op: fc.constantFrom('delete' as const, 'set' as const, 'proto' as const), value: hostileValue }) },
  ...(['products', 'links'] as const).map((at) => ({
    weight: 4,
    arbitrary: fc.record({
      at: fc.constant(at),
      index: fc.nat(30),
      key: fc.constantFrom(...(at === 'products' ? PRODUCT_KEYS : LINK_KEYS), '__proto__'),
      op: fc.constantFrom('delete' as const, 'set' as const, 'set' as const, 'set' as const, 'proto' as const, 'replace' as const, 'hole' as const, 'duplicate' as const),
      value: hostileValue,
    }),
  })),
);

/** A deep copy when the value can be cloned (plain data), else the value itself (functions, getters). */
function cloneOrSame(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

function applyEdit(doc: Obj, { value: given, ...edit }: Edit): void {
  const value = materialize(given);
  const target = (o: Obj, key: string, op: string) => {
    try {
      if (op === 'delete') delete o[key];
      else if (op === 'proto') withOwnProto(o, value);
      else o[key] = value;
    } catch {
      // An earlier edit put a hostile value here, which refuses this one: leave it.
    }
  };
  if (edit.at === 'top') return target(doc, edit.key, edit.op);
  if (edit.at === 'settings') {
    const s = doc.settings;
    if (s && typeof s == 'object' && !Array.isArray(s)) target(s as Obj, edit.key, edit.op);
    else doc.settings = { [edit.key]: value };
    return;
  }
  const list = doc[edit.at];
  if (!Array.isArray(list) || !list.length) return;
  const i = edit.index % list.length;
  if (edit.op === 'replace') list[i] = value;
  else if (edit.op === 'hole') delete list[i];
  else if (edit.op === 'duplicate') list.splice(i, 0, cloneOrSame(list[i]));
  else if (list[i] && typeof list[i] == 'object') target(list[i] as Obj, edit.key, edit.op);
}

/** A valid catalog document with 1–4 edits anywhere in it (a fresh copy: edits never leak). */
export const mutatedCatalogDoc: fc.Arbitrary<Obj> = fc
  .tuple(catalogDoc, fc.array(editArb, { minLength: 1, maxLength: 4 }))
  .map(([doc, edits]) => {
    const copy = structuredClone(doc);
    for (const edit of edits) applyEdit(copy, edit);
    return copy;
  });

/** A JSON-only edit of a catalog document (what a real file can hold), for parser/validator agreement. */
export const jsonMutatedCatalogDoc: fc.Arbitrary<Obj> = fc
  .tuple(
    catalogDoc,
    fc.array(
      fc.record({
        at: fc.constantFrom('top', 'settings', 'products', 'links'),
        index: fc.nat(30),
        key: fc.constantFrom(...TOP_KEYS, ...SETTING_KEYS, ...PRODUCT_KEYS, ...LINK_KEYS, '__proto__'),
        op: fc.constantFrom('delete', 'set', 'set', 'proto', 'replace', 'duplicate'),
        value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<unknown>(...IDS, 'category:c0', 'category:', 'upsell', 'tier', ['cart'], 'javascript:x', '/p', -1, 0, 1, 1.5)),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([doc, edits]) => {
    const copy = structuredClone(doc);
    for (const edit of edits) {
      const key =
        edit.at === 'top' ? TOP_KEYS[edit.index % TOP_KEYS.length]! : edit.at === 'settings' ? SETTING_KEYS[edit.index % 4]! : edit.key;
      applyEdit(copy, { ...edit, key });
    }
    // Through real JSON text, so the document is exactly what a file could hold.
    return JSON.parse(JSON.stringify(copy)) as Obj;
  });

/**
 * A catalog and a context for it. A fixed free-shipping threshold rarely falls where one
 * cross-sell closes the gap (R9), so half the contexts place it just above the cart's
 * subtotal (101–199% of it).
 */
export const scenario: fc.Arbitrary<[Catalog, Context]> = fc
  .tuple(validCatalog, contextArb, fc.option(fc.integer({ min: 101, max: 199 }), { nil: undefined, freq: 2 }))
  .map(([catalog, context, percent]) => {
    if (percent === undefined) return [catalog, context];
    const subtotal = context.cart.reduce((sum, l) => sum + (catalog.byId.get(l.id)?.price ?? 0) * l.qty, 0);
    return [catalog, { ...context, freeShipping: (subtotal * percent) / 100 }];
  });
