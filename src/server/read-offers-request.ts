import { bool, date, id, isObject, num, oneOf, readFields, str, type Parse, type Rule } from '../catalog/field-rules';
import { AMOUNT_WORDS, BOOL_WORDS, COUNT_WORDS, DATE_WORDS, ID_WORDS, expected, integerFrom, oneOfWords } from '../catalog/field-words';
import { PLACEMENTS, type Context } from '../types';

/** Why a request is refused: the first bad field's JSON path (`$` for the body itself). */
export interface RequestError {
  /** `cart[2].qty: expected an integer ≥ 1` */
  error: string;
  /** `cart[2].qty` */
  field: string;
}

export type RequestResult = { ok: true; context: Context; today?: string } | ({ ok: false } & RequestError);

/**
 * The most entries a list field may hold. choose() compares cart lines pairwise, so this
 * bounds the work one request can cause on any runtime (a page never has this many).
 */
export const MAX_LIST = 500;

/** Thrown to stop at the first bad field; caught in `readOffersRequest` only. */
class BadField {
  constructor(
    readonly field: string,
    readonly message: string,
  ) {}
}

/** A whole number ≥ `lo` that stays exact in sums. */
const count = (lo: number) => num(lo, Infinity, Number.isSafeInteger);

/** What each request field should be, by name, for `fields`'s messages. */
const EXPECTED: Readonly<Record<string, string>> = {
  version: '1',
  placement: oneOfWords(PLACEMENTS),
  product: ID_WORDS,
  cart: `an array of at most ${MAX_LIST} lines`,
  id: ID_WORDS,
  qty: integerFrom(1),
  owned: `an array of at most ${MAX_LIST} items`,
  purchasedAt: DATE_WORDS,
  customer: 'an object',
  orders: COUNT_WORDS,
  spent: AMOUNT_WORDS,
  lastOrder: DATE_WORDS,
  priceSensitive: BOOL_WORDS,
  dismissed: `an array of at most ${MAX_LIST} strings`,
  exclude: `an array of at most ${MAX_LIST} strings`,
  max: '1 or 2',
  freeShipping: AMOUNT_WORDS,
  locale: 'a string',
  today: DATE_WORDS,
};

/** Stop at `field`, saying what was expected there (and that it is missing). */
function fail(field: string, value: unknown, what: string): never {
  throw new BadField(field, expected(value, what));
}

/**
 * The valid fields of `o` by `rules` (field-rules.ts), as a plain object; the first bad one
 * stops the reading, named with its path (`at` is the prefix: `customer.`, `cart[2].`).
 */
const fields = (o: object, at: string, rules: readonly Rule[]) => ({
  ...readFields(o, rules, (key, value) => fail(at + key, value, EXPECTED[key]!)),
});

/** An object field read by `rules`: `undefined` (so a bad field) when not an object. */
const object =
  (at: string, rules: readonly Rule[]): Parse<Record<string, unknown>> =>
  (v) =>
    isObject(v) ? fields(v, at, rules) : undefined;

/**
 * A list field's entries, each read by `item` with its path (`cart[2]`): `undefined` (so a bad
 * field) when not an array of at most MAX_LIST. An index loop: a hole of a sparse array
 * (impossible from JSON, possible from a caller) is a bad entry.
 */
const entries =
  <T>(field: string, item: (v: unknown, at: string) => T): Parse<T[]> =>
  (v) => {
    if (!Array.isArray(v) || v.length > MAX_LIST) return undefined;
    const out: T[] = [];
    for (let i = 0; i < v.length; i++) out.push(item(v[i], `${field}[${i}]`));
    return out;
  };
/** A list of objects, each read by `rules`. */
const objects = (field: string, rules: readonly Rule[]) =>
  entries(field, (v, at) => (isObject(v) ? fields(v, at + '.', rules) : fail(at, v, 'an object')));
const strings = (field: string) => entries(field, (v, at) => str(0)(v) ?? fail(at, v, 'a string'));

/** The request body's fields in the order of the spec's example, which is the order they are checked in. */
const REQUEST: readonly Rule[] = [
  ['version', oneOf([1]), 1],
  ['placement', oneOf(PLACEMENTS), 1],
  ['product', id],
  ['cart', objects('cart', [['id', id, 1], ['qty', count(1), 1]])],
  ['owned', objects('owned', [['id', id, 1], ['purchasedAt', date]])],
  [
    'customer',
    object('customer.', [
      ['orders', count(0)],
      ['spent', num(0)],
      ['lastOrder', date],
      ['priceSensitive', bool],
    ]),
  ],
  ['dismissed', strings('dismissed')],
  ['exclude', strings('exclude')],
  ['max', oneOf([1, 2])],
  ['freeShipping', num(0)],
  // The engine writes no text, so the locale is only checked; the widget sends its own.
  ['locale', str(0)],
  ['today', date],
];

/**
 * A request body of offers-api.md (already JSON-parsed) into the engine's `Context`, strictly:
 * JSON types only (no `"2"` for 2, unlike the lenient attribute parsers of read-config.ts, which
 * also refuse a list whole where this names the bad entry). It stops at the first bad field,
 * in the order of the spec's example, and names it. Unknown fields are ignored, so clients
 * may send newer ones. Optional fields may be absent or `null`.
 *
 * Defaults: `product` none, the lists empty, `customer` unknown, `max` 2 (the widget's
 * `data-max` default), `today` none (the caller uses the server's date).
 */
export function readOffersRequest(body: unknown): RequestResult {
  try {
    return { ok: true, ...read(body) };
  } catch (e) {
    if (!(e instanceof BadField)) throw e;
    return { ok: false, field: e.field, error: `${e.field}: ${e.message}` };
  }
}

function read(body: unknown): { context: Context; today?: string } {
  if (!isObject(body)) throw new BadField('$', 'expected a JSON object'); // `null` too: not "missing"
  const { product, freeShipping, today, ...f } = fields(body, '', REQUEST) as Partial<Context> & { today?: string };
  const context: Context = {
    placement: f.placement!,
    cart: f.cart ?? [],
    owned: f.owned ?? [],
    customer: f.customer ?? {},
    dismissed: f.dismissed ?? [],
    exclude: f.exclude ?? [],
    max: f.max ?? 2,
  };
  if (product !== undefined) context.product = product;
  if (freeShipping !== undefined) context.freeShipping = freeShipping;
  return today === undefined ? { context } : { context, today };
}
