/**
 * Property-based robustness tests: every boundary that reads untrusted input (a catalog
 * document, `data-*` options, localStorage, a URL, an API request body) answers instead of
 * throwing, on random and mutated inputs, and what it lets through keeps its promises.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVisitor, STORAGE_KEY } from '../actions/visitor-store';
import { parseCatalog } from '../catalog/parse-catalog';
import { readOffers } from '../catalog/read-offers';
import { isSafeUrl } from '../catalog/safe-url';
import { validateCatalog } from '../catalog/validate-catalog';
import { OPTION_NAMES, readConfig } from '../config/read-config';
import { dayNumber } from '../util/dates';
import { choose } from '../engine/choose';
import { handleOffersRequest } from '../server/offers-handler';
import { PLACEMENTS, THEMES } from '../types';
import { IDS, SEED, TODAY, contextArb, mutatedCatalogDoc, validCatalog, withOwnProto } from './arbitraries';

const params = (numRuns: number) => ({ numRuns, seed: SEED });

/** A catalog problem as both drivers promise it: a JSON path and a message. */
const isProblem = (p: unknown) =>
  typeof p == 'object' && p !== null && typeof (p as { path: unknown }).path == 'string' && typeof (p as { message: unknown }).message == 'string';

describe('parseCatalog never throws (fast-check)', () => {
  it('on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        const result = parseCatalog(doc);
        expect(typeof result.ok).toBe('boolean');
        expect(result.problems.every(isProblem)).toBe(true);
      }),
      params(3000),
    );
  });

  it('on mutations of a valid catalog, and what it keeps is valid: safe URLs, unique ids, links between kept products', () => {
    fc.assert(
      fc.property(mutatedCatalogDoc, (doc) => {
        const result = parseCatalog(doc);
        expect(result.problems.every(isProblem)).toBe(true);
        if (!result.ok) return;
        // What the engine trusts without checking again (one expect per run: this loop is hot).
        const { products, links, byId, settings } = result.catalog;
        const wrong = [
          ...(new Set(products.map((p) => p.id)).size === products.length ? [] : ['duplicate product ids']),
          ...products
            .filter(
              (p) =>
                !isSafeUrl(p.url) ||
                (p.image !== undefined && !isSafeUrl(p.image)) ||
                !(Number.isFinite(p.price) && p.price >= 0) ||
                typeof p.inStock != 'boolean',
            )
            .map((p) => 'product ' + p.id),
          ...links
            .filter(
              (l) =>
                !byId.has(l.to) ||
                l.to === l.from ||
                !(l.from.startsWith('category:') ? l.from.length > 'category:'.length : byId.has(l.from)) ||
                !(l.weight > 0 && l.weight <= 1),
            )
            .map((l) => `link ${l.from} → ${l.to}`),
          ...Object.entries(settings)
            .filter(([, v]) => !(Number.isFinite(v) && v >= 0))
            .map(([k]) => 'setting ' + k),
        ];
        expect(wrong).toEqual([]);
      }),
      params(3000),
    );
  }, 120_000);

  it('and choose() never throws on what it keeps, whatever the context', () => {
    fc.assert(
      fc.property(mutatedCatalogDoc, contextArb, (doc, context) => {
        const result = parseCatalog(doc);
        if (result.ok) expect(choose(result.catalog, context, TODAY).length).toBeLessThanOrEqual(context.max);
      }),
      params(2000),
    );
  });
});

describe('validateCatalog never throws (fast-check)', () => {
  it('on any JSON value, or mutations of a valid catalog; it always returns problems with a path and a message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutatedCatalogDoc), (doc) => {
        const problems = validateCatalog(doc);
        expect(Array.isArray(problems)).toBe(true);
        expect(problems.every(isProblem)).toBe(true);
      }),
      params(3000),
    );
  });
});

/** Attribute-like strings: what `dataset` holds (valid, near-valid and junk). */
const attributeString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '', ' ', 'true', 'false', '1', '2', '3', '0', '-1', '1e3', 'NaN', 'Infinity', ' 2 ', 'cart', 'product', 'dark',
    'a:2,b', 'a,b@2026-01-02', 'a@2026-02-30', ',,,', 'a:0', 'a:1.5', 'https://api.example/o', 'javascript:alert(1)',
    '/cart/add?id={id}', 'shopify', 'en-US', 'xx-invalid-', 'usd', '{id}',
  ),
);

/** Options as `mount(el, options)` may receive them: attribute strings or any JS value. */
const rawOptions = fc.dictionary(
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...OPTION_NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }),
  fc.oneof({ weight: 3, arbitrary: attributeString }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) }),
  { maxKeys: 8, noNullPrototype: true },
);

function checkConfig(raw: Record<string, unknown>) {
  const warnings: unknown[] = [];
  const config = readConfig(raw, (m) => warnings.push(m));
  expect(warnings.every((w) => typeof w == 'string')).toBe(true);
  expect(Object.keys(config).every((k) => (OPTION_NAMES as string[]).includes(k))).toBe(true);
  expect(PLACEMENTS).toContain(config.placement);
  expect(THEMES).toContain(config.theme);
  expect([1, 2]).toContain(config.max);
  expect([2, 3, 4, 5, 6]).toContain(config.headingLevel);
  for (const key of ['catalog', 'endpoint', 'beacon'] as const) if (config[key] !== undefined) expect(isSafeUrl(config[key]!)).toBe(true);
  expect(config.holdout >= 0 && config.holdout <= 50).toBe(true);
}

describe('readConfig never throws (fast-check)', () => {
  it('on random options (strings and plain JS values); it returns a whitelisted config and warns in words', () => {
    fc.assert(fc.property(rawOptions, checkConfig), params(3000));
  });

  /**
   * Regression (found by this property): an invalid option value that could not be turned
   * into a string made readConfig throw instead of warning and falling back (embed.md §3):
   * `describe()` called String(value) outside its try, the `oneOf`/`bool` parsers called
   * String(v), and `describe` read `.length` of what JSON.stringify returned (undefined for a
   * toJSON that returns nothing). Minimal counterexamples (fast-check, shrunk):
   *   readConfig({ catalog: Object.create(null) }, warn)      → TypeError: Cannot convert object to primitive value
   *   readConfig({ catalog: { toJSON: () => undefined } }, warn) → TypeError: reading 'length' of undefined
   * (also `{ placement: Object.create(null) }`, `{ cart: [Object.create(null)] }`, a throwing toString).
   */
  it('on any JS value (null-prototype objects, toJSON, throwing toString)', () => {
    const anyValue = fc.anything({ maxDepth: 2, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withBigInt: true, withSparseArray: true });
    fc.assert(fc.property(fc.constantFrom(...OPTION_NAMES), anyValue, (key, value) => checkConfig({ [key]: value })), params(3000));
  });
});

/** A `YYYY-MM-DD` string, real or not. */
const dayString = fc.oneof(
  fc.integer({ min: -40_000, max: 40_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '1969-12-31', '0099-01-01', '2026-1-1', ''),
);

/** What a localStorage entry may hold: our own format (good or damaged), foreign JSON, junk. */
const storedString = fc.oneof(
  fc.string(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .record({
      v: fc.constantFrom<unknown>(1, 1, 1, 2, '1', null),
      dismissed: fc.oneof(
        fc.dictionary(
          fc.oneof(fc.constantFrom(...IDS, '__proto__', 'constructor'), fc.string({ maxLength: 5 })),
          fc.oneof(dayString, dayString.map((d) => [d]), fc.jsonValue({ maxDepth: 1 })),
          { noNullPrototype: true },
        ),
        fc.jsonValue({ maxDepth: 1 }),
      ),
    })
    .map((o) => JSON.stringify(o).replace('"constructor"', '"__proto__"')),
);

const storageHolding = (stored: string) => ({ getItem: (k: string) => (k === STORAGE_KEY ? stored : null), setItem: () => {} });

describe('readVisitor never throws (fast-check)', () => {
  it('on any stored string, and answers a version-1 entry whose dismissals carry real days', () => {
    fc.assert(
      fc.property(storedString, (stored) => {
        const data = readVisitor(storageHolding(stored));
        expect(data.v).toBe(1);
        for (const day of Object.values(data.dismissed)) expect(dayNumber(day)).toBeGreaterThanOrEqual(0);
      }),
      params(4000),
    );
  });

  it('on a storage that throws', () => {
    const storage = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: () => {},
    };
    expect(readVisitor(storage)).toEqual({ v: 1, dismissed: {} });
  });

  /**
   * Regression (found by this property): "corrupted or foreign values are discarded" did
   * not hold for a day that only coerces to a date. dayNumber() runs its RegExp on
   * String(value), so `["1970-01-01"]` passed as the day "1970-01-01" and was kept as an array
   * in `dismissed` (typed Record<string, string>), and written back by withDismissal. Under
   * the key "__proto__", the same array became the prototype of `dismissed`.
   * Minimal counterexamples (fast-check, shrunk):
   *   {"v":1,"dismissed":{"":["1970-01-01"]}}            → dismissed[""] is an array
   *   {"v":1,"dismissed":{"__proto__":["2026-01-01"]}}   → Object.getPrototypeOf(dismissed) is that array
   */
  it('keeps only YYYY-MM-DD strings, in a plain object', () => {
    fc.assert(
      fc.property(storedString, (stored) => {
        const data = readVisitor(storageHolding(stored));
        expect(Object.getPrototypeOf(data.dismissed)).toBe(Object.prototype);
        for (const [id, day] of Object.entries(data.dismissed)) expect(typeof day, JSON.stringify({ id, day })).toBe('string');
      }),
      params(4000),
    );
  });
});

/** Pieces that URLs are made of, and that attacks hide in. */
const URL_PARTS = [
  'javascript', 'JaVaScRiPt', 'java', 'script', 'data', 'vbscript', 'file', 'http', 'https', 'HTTP', 's', ':', '/', '//',
  '\\', ' ', '\t', '\n', '\r', '\u0000', '\u0001', '\u001f', '\u007f', '\u00a0', '\u2028', '\ufeff', '%0a', '%3a', '&colon;',
  '&#58;', 'alert(1)', '.', '+', '-', '?', '#', '@', '[', ']', 'a', '1', 'ſ', 'ｊ', 'shop.example', 'evil.example',
];
const urlLike = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
  fc.array(fc.constantFrom(...URL_PARTS), { maxLength: 8 }).map((parts) => parts.join('')),
);

/** The scheme a browser resolves `href` to, or null when the URL does not parse (no navigation). */
function resolvedScheme(url: string): string | null {
  try {
    return new URL(url, 'https://shop.example/').protocol;
  } catch {
    return null;
  }
}

describe('isSafeUrl (fast-check)', () => {
  it('never throws on any value, and answers a boolean', () => {
    fc.assert(
      fc.property(fc.oneof(urlLike, fc.anything()), (v) => {
        expect(typeof isSafeUrl(v as string)).toBe('boolean');
      }),
      params(3000),
    );
  });

  it('whatever it accepts resolves against the store to http: or https: (or does not parse at all)', () => {
    fc.assert(
      fc.property(urlLike, (url) => {
        if (isSafeUrl(url)) expect([null, 'http:', 'https:'], JSON.stringify(url)).toContain(resolvedScheme(url));
      }),
      params(10_000),
    );
  });
});

/** A valid offers request (offers-api.md) on the pool's ids. */
const goodRequest = fc.record(
  {
    version: fc.constant(1),
    placement: fc.constantFrom(...PLACEMENTS),
    product: fc.constantFrom(...IDS),
    cart: fc.array(fc.record({ id: fc.constantFrom(...IDS), qty: fc.integer({ min: 1, max: 3 }) }), { maxLength: 3 }),
    owned: fc.array(fc.record({ id: fc.constantFrom(...IDS), purchasedAt: fc.constantFrom('2026-01-02', '2025-06-01') }), { maxLength: 3 }),
    customer: fc.record({ orders: fc.nat(9), spent: fc.nat(2000), lastOrder: fc.constant('2026-05-01'), priceSensitive: fc.boolean() }),
    dismissed: fc.subarray([...IDS]),
    exclude: fc.subarray([...IDS]),
    max: fc.constantFrom(1, 2),
    freeShipping: fc.nat(200),
    locale: fc.constant('en-US'),
    today: fc.constantFrom(TODAY, '2026-12-31'),
  },
  { requiredKeys: ['version', 'placement'], noNullPrototype: true },
);

/** A request body: any JSON, or a valid request with a few fields broken or given an own `__proto__`. */
const requestBody = fc.oneof(
  fc.jsonValue(),
  goodRequest,
  fc
    .tuple(
      goodRequest,
      fc.array(
        fc.tuple(
          fc.constantFrom('version', 'placement', 'product', 'cart', 'owned', 'customer', 'dismissed', 'exclude', 'max', 'freeShipping', 'locale', 'today', '__proto__'),
          fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<unknown>(null, -1, 0, 1.5, 2 ** 53, 1e308, '', '2026-02-30', [{ id: 'p0', qty: 0 }], [{ id: 'p0' }], { orders: -1 }, { spent: '1' }, [1], Array.from({ length: 501 }, () => 'p0'))),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    )
    .map(([body, edits]) => {
      const copy: Record<string, unknown> = structuredClone(body);
      for (const [key, value] of edits) if (key === '__proto__') withOwnProto(copy, value);
      else copy[key] = value;
      // Through JSON text, as the HTTP layer delivers it.
      return JSON.parse(JSON.stringify(copy)) as unknown;
    }),
);

describe('handleOffersRequest never throws (fast-check)', () => {
  it('answers any body with 200 (at most `max` offers) or 400 (naming the bad field)', () => {
    fc.assert(
      fc.property(validCatalog, requestBody, (catalog, body) => {
        const answer = handleOffersRequest(body, catalog, TODAY);
        expect([200, 400]).toContain(answer.status);
        if (answer.status === 400) expect(answer.body.error.startsWith(answer.body.field + ': ')).toBe(true);
        else {
          const max = (body as { max?: unknown }).max;
          expect(answer.body.offers.length).toBeLessThanOrEqual(max === 1 ? 1 : 2);
        }
      }),
      params(3000),
    );
  });
});

describe('readOffers never throws (fast-check)', () => {
  const offerish = fc.record(
    {
      kind: fc.oneof(fc.constantFrom('cross-sell', 'upsell'), fc.jsonValue()),
      action: fc.oneof(fc.constantFrom('add', 'swap'), fc.jsonValue()),
      anchor: fc.oneof(fc.string(), fc.jsonValue()),
      anchorTitle: fc.oneof(fc.string(), fc.jsonValue()),
      reason: fc.oneof(fc.string(), fc.jsonValue()),
      quantity: fc.jsonValue(),
      proof: fc.jsonValue(),
      product: fc.oneof(
        fc.record({
          id: fc.oneof(fc.constantFrom(...IDS), fc.jsonValue()),
          title: fc.oneof(fc.string({ minLength: 1 }), fc.jsonValue()),
          price: fc.oneof(fc.double(), fc.jsonValue()),
          url: fc.oneof(fc.constantFrom('/p/x', 'https://s.example/x', 'javascript:x', ' data:x', 'JaVaScRiPt:x'), fc.string()),
          image: fc.oneof(fc.constantFrom('/i.png', 'data:image/png,x', 'vbscript:x'), fc.string()),
        }),
        fc.jsonValue(),
      ),
    },
    { requiredKeys: [] },
  );

  it('on any answer: at most max offers, distinct, each with safe URLs and a way to say why', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ offers: fc.array(fc.oneof(offerish, fc.jsonValue()), { maxLength: 8 }) })), fc.constantFrom(1, 2), (answer, max) => {
        const result = readOffers(answer, max, () => undefined);
        if (!result) return;
        expect(result.offers.length).toBeLessThanOrEqual(max);
        expect(new Set(result.offers.map((o) => o.product.id)).size).toBe(result.offers.length);
        for (const o of result.offers) {
          expect(isSafeUrl(o.product.url)).toBe(true);
          if (o.product.image !== undefined) expect(isSafeUrl(o.product.image)).toBe(true);
          expect(Boolean(o.reason || o.anchorTitle)).toBe(true);
          expect(['cross-sell', 'upsell']).toContain(o.kind);
        }
      }),
      params(3000),
    );
  });
});
