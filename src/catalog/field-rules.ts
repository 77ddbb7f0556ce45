import { dayNumber } from '../util/dates';
import { isSafeUrl } from './safe-url';

/**
 * The field rules that every reader of untrusted input shares, so each limit is written once:
 * the script tag's attributes (config/read-config.ts, which trims and coerces strings first),
 * catalogs and endpoint answers (catalog-rules.ts, read-offers.ts) and offers API requests
 * (server/read-offers-request.ts).
 *
 * A rule returns the valid (possibly normalized) value, or `undefined` for anything else,
 * `null` and `undefined` included (tested for every rule). Rules hold no message text: this
 * module ships in the widget. What each rule expects, in words, is field-words.ts's, for the
 * CLI and the server.
 */
export type Parse<T = unknown> = (v: unknown) => T | undefined;

/** The longest id: a catalog product's (catalog.md), and so any id an attribute or request names. */
export const ID_MAX = 128;
/** The longest product `title` and link `reason` (catalog.md). */
export const TITLE_MAX = 200;
export const REASON_MAX = 140;
/** An ISO 4217 code as written: three letters, any case (read as upper case). */
const CURRENCY = /^[a-z]{3}$/i;

/**
 * A number in [lo, hi] that passes `test` (finite by default; `Number.isInteger` and
 * `Number.isSafeInteger` for counts). `+ 0` turns -0 into 0, which Intl would otherwise print
 * as "-$0.00".
 *
 * Marked free of side effects (so is `int`): making a rule reads `Number.isFinite`, which the
 * bundler cannot prove harmless, so a chunk importing a rule table it never reads (the endpoint
 * and shards chunks, with catalog-rules.ts's link rules) would otherwise keep those calls.
 */
export const num = /* @__NO_SIDE_EFFECTS__ */
  (lo: number, hi = Infinity, test: (v: unknown) => boolean = Number.isFinite): Parse<number> =>
  (v) =>
    test(v) && (v as number) >= lo && (v as number) <= hi ? (v as number) + 0 : undefined;
export const int = /* @__NO_SIDE_EFFECTS__ */ (lo: number, hi?: number): Parse<number> => num(lo, hi, Number.isInteger);
export const str =
  (min: number, max = Infinity): Parse<string> =>
  (v) =>
    typeof v == 'string' && v.length >= min && v.length <= max ? v : undefined;
export const id = str(1, ID_MAX);

/**
 * One of `list`, compared through `as` (`String` lets an attribute's `"2"` be 2; by default
 * the value itself must be in the list).
 */
export const oneOf =
  <T>(list: readonly T[], as: (v: unknown) => unknown = (v) => v): Parse<T> =>
  (v) =>
    list.find((x) => as(x) === as(v));
export const BOOLEANS = [true, false] as const;
export const bool = oneOf(BOOLEANS);

/** A copied array of allowed words (spread reads holes as `undefined`, so holes and junk fail). */
export const listOf =
  <T>(list: readonly T[]): Parse<T[]> =>
  (v) => {
    const copy: T[] | false = Array.isArray(v) && [...v];
    return copy && copy.every((w) => list.includes(w)) ? copy : undefined;
  };

export const currency: Parse<string> = (v) => (typeof v == 'string' && CURRENCY.test(v) ? v.toUpperCase() : undefined);
/** A real calendar day, `YYYY-MM-DD`. */
export const date: Parse<string> = (v) => (typeof v == 'string' && !isNaN(dayNumber(v)) ? v : undefined);
/** A URL safe for `href` and `src` (safe-url.ts). */
export const href: Parse<string> = (v) => (isSafeUrl(v) ? v : undefined);

export const isObject = (v: unknown): v is object => typeof v == 'object' && v !== null && !Array.isArray(v);
/** Own properties only: a polluted `Object.prototype` must not supply fields. */
export const own = (o: object, key: string): unknown =>
  Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;

/**
 * The object itself, with no prototype: reading a field it lacks (`link.placements`) gives
 * `undefined`, never what a page put on `Object.prototype`. For every object made from data
 * from outside (catalogs, endpoint answers, attributes, page context) and the offers made
 * from them.
 */
export const bare = <T extends object>(o: T): T => Object.setPrototypeOf(o, null) as T;

/**
 * Remove the bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
 * from the text fields `keys` of `o`, in place, calling `removed(key)` for each that held any:
 * `Case \u202Egnp.exe` must not show (or be announced) as "Case exe.png".
 */
export function unbidi(o: Record<string, unknown>, keys: readonly string[], removed: (key: string) => void): void {
  for (const key of keys) {
    const v = o[key];
    if (typeof v == 'string' && v !== (o[key] = v.replace(/[\u202A-\u202E\u2066-\u2069]/g, ''))) removed(key);
  }
}
/** How many of a catalog's (or an endpoint answer's) problems get a warning each (catalog.md). */
export const WARN_MAX = 10;

/** What `unbidi` tells, after the field's path. */
export const BIDI_REMOVED = 'bidi control characters removed';

/** One field of an object: its key, its rule, and whether it is required. */
export type Rule = readonly [key: string, parse: Parse, required?: 1];

/**
 * Check `rules` against `o`, calling `bad(key, value)` for each bad field, in rule order;
 * returns the valid fields. Absent, `undefined` and `null` all mean "not given" (exporters
 * often write `null`; no rule accepts either), which is bad only for a required field.
 * The result has no prototype, so reading an absent field (`out.inStock ??= true`) can't
 * pick up a polluted `Object.prototype`; callers spread it into a plain object when done.
 */
export function readFields(o: object, rules: readonly Rule[], bad: (key: string, value: unknown) => void) {
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, parse, required] of rules) {
    const v = own(o, key);
    const parsed = parse(v);
    if (parsed !== undefined) out[key] = parsed;
    else if (v != null || required) bad(key, v);
  }
  return out;
}
