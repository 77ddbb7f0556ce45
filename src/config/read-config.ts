import {
  PLACEMENTS,
  THEMES,
  type CartLine,
  type OwnedItem,
  type Placement,
  type Theme,
} from '../types';
import { isSafeUrl } from '../catalog/safe-url';

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
  /** Products the customer owns. @default from page context */
  owned?: OwnedItem[];
  orders?: number;
  spent?: number;
  /** `YYYY-MM-DD` */
  lastOrder?: string;
  /** @default false */
  priceSensitive: boolean;
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

type Parser<T> = (value: unknown) => T | undefined;

const text =
  (max = 2048): Parser<string> =>
  (v) => {
    const s = typeof v === 'string' ? v.trim() : undefined;
    return s && s.length <= max ? s : undefined;
  };

const url: Parser<string> = (v) => {
  const s = text()(v);
  return s && isSafeUrl(s) ? s : undefined;
};

const oneOf =
  <T extends string>(values: readonly T[]): Parser<T> =>
  (v) =>
    values.includes(v as T) ? (v as T) : undefined;

const number =
  (min: number, max: number, integer = false): Parser<number> =>
  (v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n))
      ? n
      : undefined;
  };

const bool: Parser<boolean> = (v) =>
  v === true || v === 'true' || v === '' ? true : v === false || v === 'false' ? false : undefined;

/** A real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const d = new Date(s + 'T00:00:00Z');
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

const date: Parser<string> = (v) => (typeof v === 'string' && isIsoDate(v.trim()) ? v.trim() : undefined);

const id = text(128);
const qty = number(1, 9999, true);

/** `id:qty,id:qty` (qty optional, default 1), or `[{id, qty}]`. Duplicate ids add up. */
const cartLines: Parser<CartLine[]> = (v) => {
  const items: unknown[] | undefined =
    typeof v === 'string'
      ? v.split(',').filter((s) => s.trim() !== '').map((s) => {
          const at = s.lastIndexOf(':');
          return at < 0 ? { id: s } : { id: s.slice(0, at), qty: s.slice(at + 1) };
        })
      : Array.isArray(v)
        ? v
        : undefined;
  if (!items) return undefined;
  const lines: CartLine[] = [];
  for (const item of items) {
    const r = item as { id?: unknown; qty?: unknown } | null;
    const lineId = id(r?.id);
    const n = r?.qty === undefined ? 1 : qty(r.qty);
    if (!lineId || n === undefined) return undefined;
    const same = lines.find((l) => l.id === lineId);
    if (same) same.qty += n;
    else lines.push({ id: lineId, qty: n });
  }
  return lines;
};

/** `id,id@YYYY-MM-DD`, or `[{id, purchasedAt?}]`. */
const ownedItems: Parser<OwnedItem[]> = (v) => {
  const items: unknown[] | undefined =
    typeof v === 'string'
      ? v.split(',').filter((s) => s.trim() !== '').map((s) => {
          const [itemId, purchasedAt] = s.split('@');
          return { id: itemId, purchasedAt };
        })
      : Array.isArray(v)
        ? v
        : undefined;
  if (!items) return undefined;
  const owned: OwnedItem[] = [];
  for (const item of items) {
    const r = item as { id?: unknown; purchasedAt?: unknown } | null;
    const itemId = id(r?.id);
    const at = r?.purchasedAt === undefined ? undefined : date(r.purchasedAt);
    if (!itemId || (r?.purchasedAt !== undefined && !at)) return undefined;
    owned.push(at ? { id: itemId, purchasedAt: at } : { id: itemId });
  }
  return owned;
};

const locale: Parser<string> = (v) => {
  const s = text(64)(v);
  if (!s) return undefined;
  try {
    return Intl.getCanonicalLocales(s)[0];
  } catch {
    return undefined;
  }
};

const cartAdapter: Parser<CartAdapter> = (v) => {
  const builtIn = oneOf(CART_ADAPTERS)(v);
  if (builtIn) return { type: builtIn };
  const template = url(v);
  return template && template.includes('{id}') ? { type: 'template', template } : undefined;
};

/** Per option: its parser, its default (undefined = none), and what a valid value looks like. */
const SCHEMA: { [K in keyof Config]-?: [Parser<Config[K]>, Config[K], string] } = {
  catalog: [url, undefined, 'a URL'],
  endpoint: [url, undefined, 'a URL'],
  placement: [oneOf(PLACEMENTS), 'product', PLACEMENTS.join(', ')],
  product: [id, undefined, 'a product id'],
  cart: [cartLines, undefined, 'id:qty,id:qty'],
  owned: [ownedItems, undefined, 'id,id@YYYY-MM-DD'],
  orders: [number(0, 1e9, true), undefined, 'a whole number ≥ 0'],
  spent: [number(0, 1e12), undefined, 'a number ≥ 0'],
  lastOrder: [date, undefined, 'YYYY-MM-DD'],
  priceSensitive: [bool, false, 'true or false'],
  max: [(v) => (v === 1 || v === '1' ? 1 : v === 2 || v === '2' ? 2 : undefined), 2, '1 or 2'],
  freeShipping: [number(0, 1e9), undefined, 'a number ≥ 0'],
  locale: [locale, undefined, 'a BCP 47 locale'],
  currency: [(v) => (typeof v === 'string' && /^[a-z]{3}$/i.test(v.trim()) ? v.trim().toUpperCase() : undefined), undefined, 'an ISO 4217 code'],
  theme: [oneOf(THEMES), 'auto', THEMES.join(', ')],
  headingLevel: [number(2, 6, true) as Parser<Config['headingLevel']>, 2, '2 to 6'],
  cartAdapter: [cartAdapter, { type: 'event' }, 'event, shopify, woocommerce or a URL with {id}'],
  holdout: [number(0, 50), 0, '0 to 50'],
  beacon: [url, undefined, 'a URL'],
  consent: [bool, true, 'true or false'],
  target: [text(), undefined, 'a CSS selector'],
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
  const config: Record<string, unknown> = {};
  for (const key of OPTION_NAMES) {
    const [parse, fallback, expected] = SCHEMA[key] as [Parser<unknown>, unknown, string];
    const value = Object.hasOwn(raw, key) ? raw[key] : undefined;
    let parsed = value === undefined || value === null ? undefined : parse(value);
    if (parsed === undefined && value !== undefined && value !== null) {
      warn(`${attributeName(key)}="${describe(value)}" is not valid (expected ${expected}); using ${fallback === undefined ? 'none' : describe(fallback)}`);
    }
    parsed ??= fallback;
    if (parsed !== undefined) config[key] = parsed;
  }
  return config as unknown as Config;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 80 ? value.slice(0, 77) + '…' : value;
  if (value && typeof value === 'object' && 'type' in value) return String((value as { type: unknown }).type);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
