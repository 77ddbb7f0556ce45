import { isObject, own } from '../catalog/catalog-rules';
import { dayNumber } from '../util/dates';
import { PLACEMENTS, type CartLine, type Context, type Customer, type OwnedItem, type Placement } from '../types';

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

const ID_CHARS = 128; // as a catalog id (catalog.md)
const words = PLACEMENTS.map((p) => `"${p}"`).join(', ');

/** Thrown to stop at the first bad field; caught in `readOffersRequest` only. */
class BadField {
  constructor(
    readonly field: string,
    readonly message: string,
  ) {}
}

/** Absent, `undefined` and `null` all mean "not given", as in catalogs (catalog-rules.ts). */
const given = (v: unknown) => v != null;

/** `v` as a `T` when `ok`; else stop at `field`, saying what was expected (and that it is missing). */
function check<T>(ok: boolean, v: unknown, field: string, expected: string): T {
  if (!ok) throw new BadField(field, (given(v) ? 'expected ' : 'missing, expected ') + expected);
  return v as T;
}
const id = (v: unknown, field: string) =>
  check<string>(typeof v == 'string' && v.length >= 1 && v.length <= ID_CHARS, v, field, `a string of 1–${ID_CHARS} characters`);
const wholeFrom = (min: number) => (v: unknown, field: string) =>
  check<number>(Number.isSafeInteger(v) && (v as number) >= min, v, field, `an integer ≥ ${min}`);
// `+ 0` turns -0 into 0, as the catalog's numbers do.
const amount = (v: unknown, field: string) => check<number>(Number.isFinite(v) && (v as number) >= 0, v, field, 'a number ≥ 0') + 0;
const date = (v: unknown, field: string) =>
  check<string>(typeof v == 'string' && !isNaN(dayNumber(v)), v, field, 'a date YYYY-MM-DD');
const object = (v: unknown, field: string) => check<object>(isObject(v), v, field, 'an object');

/** The entries of a list field, each read by `item` with its path (`cart[2]`). */
function list<T>(v: unknown, field: string, what: string, item: (v: unknown, at: string) => T): T[] {
  check(Array.isArray(v) && v.length <= MAX_LIST, v, field, `an array of at most ${MAX_LIST} ${what}`);
  const out: T[] = [];
  // An index loop: a hole of a sparse array (impossible from JSON, possible from a caller) is bad.
  for (let i = 0; i < (v as unknown[]).length; i++) out.push(item((v as unknown[])[i], `${field}[${i}]`));
  return out;
}

/** An optional field of `o`: `read` when given, else `undefined`. */
function opt<T>(o: object, key: string, at: string, read: (v: unknown, field: string) => T): T | undefined {
  const v = own(o, key);
  return given(v) ? read(v, at + key) : undefined;
}

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
  const o = body;
  const version = own(o, 'version');
  check(version === 1, version, 'version', '1');
  const rawPlacement = own(o, 'placement');
  const placement = check<Placement>(PLACEMENTS.includes(rawPlacement as Placement), rawPlacement, 'placement', `one of ${words}`);

  const context: Context = {
    placement,
    cart: [],
    owned: [],
    customer: {},
    dismissed: [],
    exclude: [],
    max: 2,
  };
  const product = opt(o, 'product', '', id);
  if (product !== undefined) context.product = product;
  context.cart =
    opt(o, 'cart', '', (v, field) =>
      list(v, field, 'lines', (line, at): CartLine => {
        const l = object(line, at);
        return { id: id(own(l, 'id'), at + '.id'), qty: wholeFrom(1)(own(l, 'qty'), at + '.qty') };
      }),
    ) ?? [];
  context.owned =
    opt(o, 'owned', '', (v, field) =>
      list(v, field, 'items', (item, at): OwnedItem => {
        const i = object(item, at);
        const owned: OwnedItem = { id: id(own(i, 'id'), at + '.id') };
        const purchasedAt = opt(i, 'purchasedAt', at + '.', date);
        if (purchasedAt !== undefined) owned.purchasedAt = purchasedAt;
        return owned;
      }),
    ) ?? [];
  const customer = opt(o, 'customer', '', object);
  if (customer) {
    const c: Customer = {};
    const orders = opt(customer, 'orders', 'customer.', wholeFrom(0));
    const spent = opt(customer, 'spent', 'customer.', amount);
    const lastOrder = opt(customer, 'lastOrder', 'customer.', date);
    const priceSensitive = opt(customer, 'priceSensitive', 'customer.', (v, field) =>
      check<boolean>(typeof v == 'boolean', v, field, 'true or false'),
    );
    if (orders !== undefined) c.orders = orders;
    if (spent !== undefined) c.spent = spent;
    if (lastOrder !== undefined) c.lastOrder = lastOrder;
    if (priceSensitive !== undefined) c.priceSensitive = priceSensitive;
    context.customer = c;
  }
  const strings = (v: unknown, field: string) =>
    list(v, field, 'strings', (s, at) => check<string>(typeof s == 'string', s, at, 'a string'));
  context.dismissed = opt(o, 'dismissed', '', strings) ?? [];
  context.exclude = opt(o, 'exclude', '', strings) ?? [];
  context.max = opt(o, 'max', '', (v, field) => check<1 | 2>(v === 1 || v === 2, v, field, '1 or 2')) ?? 2;
  const freeShipping = opt(o, 'freeShipping', '', amount);
  if (freeShipping !== undefined) context.freeShipping = freeShipping;
  // The engine writes no text, so the locale is only checked; the widget sends its own.
  opt(o, 'locale', '', (v, field) => check<string>(typeof v == 'string', v, field, 'a string'));
  const today = opt(o, 'today', '', date);
  return today === undefined ? { context } : { context, today };
}
