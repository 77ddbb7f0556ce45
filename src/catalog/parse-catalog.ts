import {
  DEFAULT_SETTINGS,
  LINK_KINDS,
  PLACEMENTS,
  SEGMENTS,
  UPSELL_TYPES,
  type Catalog,
  type Link,
  type Product,
  type Settings,
} from '../types';
import { CATEGORY_PREFIX, indexCatalog } from './index-catalog';
import { isSafeUrl } from './safe-url';

/**
 * One thing wrong with a catalog, at a JSON path.
 *
 * `problems` holds one entry per offending value, with the most precise path known
 * (`products[3].price`, `links[0].to`, `links[2]`, `settings.vipSpend`, `currency`), so the
 * CLI validator prints each as `${path}: ${message}`, for example
 * `products[3].price: expected a number ≥ 0`.
 *
 * Every problem under `products[i]` or `links[i]` means that item was skipped; those problems
 * carry `skipped`, a label naming the item (`product "case-x"`, `link "phone-x" → "case-x"`).
 * The widget prints `summarizeProblems(problems)` instead: exactly one line per skipped item,
 * plus the other problems (currency, settings, links) unchanged.
 */
export interface CatalogProblem {
  /** JSON path of the offending value; `$` is the document itself. */
  path: string;
  /** What is wrong, without the path. */
  message: string;
  /** Set when this problem made the parser skip a product or link: that item's label. */
  skipped?: string;
}

export type ParseResult =
  | { ok: true; catalog: Catalog; problems: CatalogProblem[] }
  | { ok: false; error: string; problems: CatalogProblem[] };

/** Returns the valid (possibly normalized) value, or `undefined` when invalid. */
type Parse = (v: unknown) => unknown;
/** One field: its key, what it should be (for messages), its parser, whether required. */
type Rule = readonly [key: string, expected: string, parse: Parse, required?: 1];

/**
 * A finite number in [lo, hi] (an integer with `int`). `+ 0` turns -0 into 0, which Intl
 * would otherwise print as "-$0.00".
 */
const num =
  (lo: number, hi = Infinity, test = Number.isFinite): Parse =>
  (v) =>
    test(v) && (v as number) >= lo && (v as number) <= hi ? (v as number) + 0 : undefined;
const int = (lo: number) => num(lo, Infinity, Number.isInteger);
const str =
  (min: number, max = Infinity): Parse =>
  (v) =>
    typeof v == 'string' && v.length >= min && v.length <= max ? v : undefined;
const oneOf =
  (list: readonly unknown[]): Parse =>
  (v) =>
    list.includes(v) ? v : undefined;
/** A copied array of allowed words (spread reads holes as `undefined`, so holes and junk fail). */
const listOf =
  (list: readonly string[]): Parse =>
  (v) => {
    if (!Array.isArray(v)) return;
    const copy: unknown[] = [...v];
    return copy.every((w) => list.includes(w as string)) ? copy : undefined;
  };
const href: Parse = (v) => (isSafeUrl(v as string) ? v : undefined);
const words = (list: readonly string[]) => list.map((w) => `"${w}"`).join(', ');

const NUM = 'a number ≥ 0';
const INT = 'an integer ≥ 0';
const HREF = 'an http(s) or relative URL';

const PRODUCT_RULES: readonly Rule[] = [
  ['id', 'a string of 1–128 characters', str(1, 128), 1],
  ['title', 'a string of 1–200 characters', str(1, 200), 1],
  ['price', NUM, num(0), 1],
  ['url', HREF, href, 1],
  ['image', HREF, href],
  ['category', 'a string', str(0)],
  ['inStock', 'true or false', oneOf([true, false])],
  ['cost', NUM, num(0)],
  ['rating', 'a number from 0 to 5', num(0, 5)],
  ['reviewCount', INT, int(0)],
  ['replenishDays', 'an integer > 0', int(1)],
  ['variantId', 'a non-empty string', str(1)],
];

const LINK_RULES: readonly Rule[] = [
  ['from', 'a product id or "category:<name>"', str(1), 1],
  ['to', 'a product id', str(1), 1],
  ['kind', `one of ${words(LINK_KINDS)}`, oneOf(LINK_KINDS), 1],
  ['reason', 'a string of at most 140 characters', str(0, 140)],
  // Number.MIN_VALUE is the least number above 0.
  ['weight', 'a number in (0, 1]', num(Number.MIN_VALUE, 1)],
  ['attachRate', 'a number from 0 to 1', num(0, 1)],
  ['lift', NUM, num(0)],
  ['orders', INT, int(0)],
  ['placements', `an array of ${words(PLACEMENTS)}`, listOf(PLACEMENTS)],
  ['segments', `an array of ${words(SEGMENTS)}`, listOf(SEGMENTS)],
  ['minCartValue', NUM, num(0)],
];
const UPSELL_RULE: Rule = ['upsell', `one of ${words(UPSELL_TYPES)}`, oneOf(UPSELL_TYPES)];

const SETTING_RULES: readonly Rule[] = Object.keys(DEFAULT_SETTINGS).map((k) => [k, NUM, num(0)] as const);
const CURRENCY_RULE: Rule = [
  'currency',
  'a 3-letter currency code',
  (v) => (typeof v == 'string' && /^[a-z]{3}$/i.test(v) ? v.toUpperCase() : undefined),
  1,
];

const isObject = (v: unknown): v is object => typeof v == 'object' && v !== null && !Array.isArray(v);
/** Own properties only: a polluted `Object.prototype` must not supply catalog fields. */
const own = (o: object, key: string): unknown => (Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined);
/** A short, escaped quote of an untrusted string, for messages. */
const q = (v: unknown) => (typeof v == 'string' ? JSON.stringify(v.length > 60 ? v.slice(0, 60) + '…' : v) : '?');

/**
 * Validate an untrusted catalog document (already JSON-parsed) into an indexed `Catalog`.
 * Rejects the whole document only for a non-object, `version !== 1` or non-array
 * `products`; otherwise bad products and links are skipped alone and reported in
 * `problems`. Never throws.
 */
export function parseCatalog(input: unknown): ParseResult {
  try {
    return parse(input);
  } catch {
    return { ok: false, error: 'catalog could not be read', problems: [{ path: '$', message: 'could not be read' }] };
  }
}

function parse(input: unknown): ParseResult {
  if (!isObject(input))
    return { ok: false, error: 'catalog is not a JSON object', problems: [{ path: '$', message: 'expected an object' }] };
  const problems: CatalogProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const errors: string[] = [];
  if (own(input, 'version') !== 1) {
    add('version', 'expected 1');
    errors.push('catalog version must be 1');
  }
  const rawProducts = own(input, 'products');
  if (!Array.isArray(rawProducts)) {
    add('products', 'expected an array');
    errors.push('catalog products must be an array');
  }
  if (errors.length) return { ok: false, error: errors.join('; '), problems };

  /**
   * Check `rules` against `o`, adding one problem per bad field; returns the valid fields.
   * Absent, `undefined` and `null` all mean "not given" (exporters often write `null`; no
   * parser accepts either). `at` is the path prefix of the fields (`products[3].`).
   * The result has no prototype, so reading an absent field (`out.inStock ??= true`) can't
   * pick up a polluted `Object.prototype`; callers spread it into a plain object when done.
   */
  const read = (o: object, rules: readonly Rule[], at: string, note = '') => {
    const out: Record<string, unknown> = Object.create(null);
    for (const [key, expected, parse, required] of rules) {
      const v = own(o, key);
      const parsed = parse(v);
      if (parsed !== undefined) out[key] = parsed;
      else if (v != null || required) add(at + key, (v == null ? 'missing, expected ' : 'expected ') + expected + note);
    }
    return out;
  };

  /**
   * Validate each entry of `list` with `visit` (given the entry's path prefix, `links[2].`);
   * an entry is kept only when it added no problem, otherwise its problems are labelled
   * `skipped` and it is dropped alone (also when reading it throws, e.g. a getter).
   */
  const each = <T>(list: unknown[], name: string, visit: (o: object, at: string, i: number) => [label: string, item: T]) => {
    const items: T[] = [];
    for (let i = 0; i < list.length; i++) {
      const at = `${name}[${i}]`;
      const before = problems.length;
      let label = name.slice(0, -1);
      let item: T | undefined;
      try {
        const o = list[i];
        if (isObject(o)) [label, item] = visit(o, at + '.', i);
        else add(at, 'expected an object');
      } catch {
        add(at, 'could not be read');
      }
      if (problems.length === before) items.push(item as T);
      else for (const p of problems.slice(before)) p.skipped = label;
    }
    return items;
  };

  const currency = (read(input, [CURRENCY_RULE], '', ' (using USD)').currency as string | undefined) ?? 'USD';

  let settings: Partial<Settings> = {};
  const rawSettings = own(input, 'settings');
  if (isObject(rawSettings)) settings = { ...read(rawSettings, SETTING_RULES, 'settings.', ' (using the default)') };
  else if (rawSettings != null) add('settings', 'expected an object (using the defaults)');

  // Every id seen, valid product or not, with its first index: a later product with the same
  // id is a duplicate even when the first was skipped, so fixing one product never silently
  // swaps which product an id means.
  const firstAt = new Map<string, number>();
  const products = each(rawProducts as unknown[] /* checked above */, 'products', (o, at, i) => {
    const p = read(o, PRODUCT_RULES, at);
    const id = p.id as string | undefined;
    if (id !== undefined) {
      const first = firstAt.get(id);
      if (first === undefined) firstAt.set(id, i);
      else add(at + 'id', `duplicate id ${q(id)}, first at products[${first}]`);
    }
    p.inStock ??= true;
    const rawId = own(o, 'id');
    return [typeof rawId == 'string' ? 'product ' + q(rawId) : 'product', { ...p } as unknown as Product];
  });

  const valid = new Set(products.map((p) => p.id));
  const unknown = (id: string) => (firstAt.has(id) ? `product ${q(id)} was skipped` : `unknown product ${q(id)}`);
  const linkAt = new Map<string, number>();
  let links: Link[] = [];
  const rawLinks = own(input, 'links');
  if (Array.isArray(rawLinks))
    links = each(rawLinks, 'links', (o, at, i) => {
      const l = read(o, LINK_RULES, at);
      const { from, to, kind } = l as { from?: string; to?: string; kind?: string };
      if (from?.startsWith(CATEGORY_PREFIX)) {
        if (from === CATEGORY_PREFIX) add(at + 'from', 'expected a category name after "category:"');
      } else if (from !== undefined && !valid.has(from)) add(at + 'from', unknown(from));
      if (to !== undefined) {
        if (!valid.has(to)) add(at + 'to', unknown(to));
        else if (to === from) add(at + 'to', 'same as from');
      }
      if (from !== undefined && to !== undefined && kind !== undefined) {
        const key = JSON.stringify([from, to, kind]);
        const first = linkAt.get(key);
        if (first === undefined) linkAt.set(key, i);
        else add(at.slice(0, -1), `duplicate of links[${first}] (same from, to and kind)`);
      }
      // `upsell` means something only on an upsell; on a cross-sell it is ignored.
      if (kind === 'upsell') l.upsell = read(o, [UPSELL_RULE], at).upsell ?? 'premium';
      l.weight ??= 1;
      if (l.reason === '') delete l.reason; // no reason: the UI's default by kind applies
      return [`link ${q(own(o, 'from'))} → ${q(own(o, 'to'))}`, { ...l } as unknown as Link];
    });
  else if (rawLinks != null) add('links', 'expected an array (ignoring links)');

  return { ok: true, catalog: indexCatalog({ currency, settings, products, links }), problems };
}

/**
 * The widget's console view of `problems`: exactly one entry per skipped product or link
 * (path `products[3]`, message `product "foo" skipped: price: expected a number ≥ 0`, with
 * `(+N more)` when the item had several problems), and every other problem unchanged.
 * Print each as `[offerwise] catalog ${path}: ${message}`.
 */
export function summarizeProblems(problems: readonly CatalogProblem[]): CatalogProblem[] {
  const out: CatalogProblem[] = [];
  const items = new Map<string, [summary: CatalogProblem, more: number]>();
  for (const p of problems) {
    const item = p.skipped && p.path.slice(0, p.path.indexOf(']') + 1);
    const seen = item && items.get(item);
    if (!item) out.push(p);
    else if (seen) seen[1]++;
    else {
      const field = p.path.slice(item.length + 1);
      const summary = { path: item, message: `${p.skipped} skipped: ${field && field + ': '}${p.message}`, skipped: p.skipped };
      out.push(summary);
      items.set(item, [summary, 0]);
    }
  }
  for (const [summary, more] of items.values()) if (more) summary.message += ` (+${more} more)`;
  return out;
}
