import {
  PLACEMENTS,
  THEMES,
  type CartLine,
  type OwnedItem,
  type Placement,
  type Theme,
} from '../types';
import { BOOLEANS, currency, date, href, id, int, isObject, num, oneOf, own, readFields, str, type Parse, type Rule } from '../catalog/field-rules';

/** Built-in cart adapters (embed.md §6); any other value must be a URL template. */
export const CART_ADAPTERS = ['event', 'shopify', 'woocommerce'] as const;
export type CartAdapter =
  | { type: (typeof CART_ADAPTERS)[number] }
  | { type: 'template'; template: string };

/**
 * The widget's configuration for one slot: the script tag's `data-*` attributes, overridden
 * by the slot's own (embed.md §3). Every key is the attribute's `dataset` name, which is also
 * the option name of `Offerwise.mount(element, options)`.
 */
export interface Config {
  /** URL of the catalog graph; ending in `/` means a sharded catalog. */
  catalog?: string;
  /** URL of an offers API. */
  endpoint?: string;
  /** @default 'product' */
  placement: Placement;
  /** The product this page shows. @default from page context */
  product?: string;
  /** Cart or order lines. @default from page context */
  cart?: CartLine[];
  /** On `post-purchase`: the order's id and total (analytics.md `purchase` events). */
  orderId?: string;
  orderValue?: number;
  /** Products the customer owns. @default from page context */
  owned?: OwnedItem[];
  orders?: number;
  spent?: number;
  /** `YYYY-MM-DD` */
  lastOrder?: string;
  /** Absent: from page context, else false. */
  priceSensitive?: boolean;
  /** @default 2 */
  max: 1 | 2;
  freeShipping?: number;
  /** BCP 47. @default `<html lang>`, then the browser */
  locale?: string;
  /** ISO 4217. @default the catalog's currency */
  currency?: string;
  /** @default 'auto' */
  theme: Theme;
  /** @default 2 */
  headingLevel: 2 | 3 | 4 | 5 | 6;
  /** @default {type: 'event'} */
  cartAdapter: CartAdapter;
  /** Percent of visitors in the holdout group, 0 to 50. @default 0 */
  holdout: number;
  beacon?: string;
  /** `false` turns off every storage write and beacon. @default true */
  consent: boolean;
  /** CSS selector of the slot (script tag only). */
  target?: string;
}

/** Raw option values: attribute strings, or (from `mount`) already-parsed forms. */
export type RawOptions = Record<string, unknown>;

/**
 * The attribute forms of field-rules.ts's rules: an attribute is a string, with spaces around
 * it forgiven, and numbers, booleans and enumerations come as their text (`"2"` for 2); a
 * `mount` option may be the value itself.
 */
const trim =
  <T>(rule: Parse<T>): Parse<T> =>
  (v) =>
    rule(typeof v == 'string' ? v.trim() : v);
const text = trim(str(1, 2048));
const url: Parse<string> = (v) => href(text(v));
const number =
  (rule: Parse<number>): Parse<number> =>
  (v) =>
    rule(typeof v == 'string' && v.trim() ? +v : v);
const word = <T>(list: readonly T[]) => oneOf(list, String);
const trueOrFalse = word(BOOLEANS);
/** A bare attribute (`data-consent`, value `""`) means true. */
const boolean: Parse<boolean> = (v) => v === '' || trueOrFalse(v);
const day = trim(date);
const anId = trim(id);

/**
 * A comma list (`a:2,b` or `a,b@2026-01-02`, the part after `sep` going to `key`) or an array
 * of objects, each item read like a catalog's (own fields only; an absent or `null` `key` gets
 * `fallback`, as an absent or `null` option gets its default). One bad item rejects the whole
 * value, so a typo never half-applies.
 */
const list =
  <T>(sep: string, key: string, check: Parse<unknown>, fallback?: unknown): Parse<T[]> =>
  (v) => {
    const items =
      typeof v == 'string'
        ? v.split(',').filter((s) => s.trim()).map((s) => {
            const at = s.lastIndexOf(sep);
            return at < 0 ? { id: s } : { id: s.slice(0, at), [key]: s.slice(at + 1) };
          })
        : v;
    const rules: readonly Rule[] = [['id', anId, 1], [key, (x) => (x == null ? fallback : check(x))]];
    let ok = Array.isArray(items);
    const out = ok && (items as unknown[]).map((item) => readFields(isObject(item) ? item : {}, rules, () => (ok = false)));
    return ok ? (out as T[]) : undefined;
  };

const locale: Parse<string> = (v) => {
  try {
    return Intl.getCanonicalLocales(trim(str(1, 64))(v) ?? [])[0];
  } catch {
    return undefined;
  }
};

const cartAdapter: Parse<CartAdapter> = (v) => {
  const type = word(CART_ADAPTERS)(v);
  const template = url(v);
  return type ? { type } : template?.includes('{id}') ? { type: 'template', template } : undefined;
};

/** Per option: its parser and its default (none when absent). The README lists valid values. */
const SCHEMA: { [K in keyof Config]-?: [Parse<Config[K]>, Config[K]?] } = {
  catalog: [url],
  endpoint: [url],
  placement: [word(PLACEMENTS), 'product'],
  product: [anId],
  cart: [list(':', 'qty', number(int(1, 9999)), 1)],
  orderId: [anId],
  orderValue: [number(num(0, 1e12))],
  owned: [list('@', 'purchasedAt', day)],
  orders: [number(int(0, 1e9))],
  spent: [number(num(0, 1e12))],
  lastOrder: [day],
  priceSensitive: [boolean],
  max: [word([1, 2] as const), 2],
  freeShipping: [number(num(0, 1e9))],
  locale: [locale],
  currency: [trim(currency)],
  theme: [word(THEMES), 'auto'],
  headingLevel: [word([2, 3, 4, 5, 6] as const), 2],
  cartAdapter: [cartAdapter, { type: 'event' }],
  holdout: [number(num(0, 50)), 0],
  beacon: [url],
  consent: [boolean, true],
  target: [text],
};

/** The option names, which are also the `dataset` keys of the attributes. */
export const OPTION_NAMES = Object.keys(SCHEMA) as (keyof Config)[];

/** `freeShipping` → `data-free-shipping`, for messages. */
export const attributeName = (key: string): string =>
  'data-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/**
 * Parse, default and whitelist every option. A present but invalid value falls back to the
 * default with one warning that names the attribute and the value (embed.md §3).
 */
export function readConfig(raw: RawOptions, warn: (message: string) => void): Config {
  const config: Record<string, unknown> = Object.create(null);
  for (const key of OPTION_NAMES) {
    const [parse, fallback] = SCHEMA[key] as [Parse, unknown?];
    const value = own(raw, key);
    let parsed: unknown;
    try {
      parsed = value == null ? undefined : parse(value);
    } catch {
      // A value that cannot even be read (a null-prototype object, a throwing toString) is invalid.
    }
    if (parsed === undefined && value != null) {
      warn(`${attributeName(key)}="${describe(value)}" is not valid; using ${fallback === undefined ? 'none' : describe(fallback)}`);
    }
    parsed ??= fallback;
    if (parsed !== undefined) config[key] = parsed;
  }
  return config as unknown as Config;
}

/** A value as the warning shows it: strings as written (cut at 80), objects as JSON. Never throws. */
function describe(value: unknown): string {
  let s: unknown;
  try {
    s = typeof value == 'object' ? ((value as { type?: unknown }).type ?? JSON.stringify(value)) : String(value);
  } catch {
    // cyclic, null-prototype or hostile: its type it is
  }
  return typeof s == 'string' ? (s.length > 80 ? s.slice(0, 77) + '…' : s) : typeof value;
}
