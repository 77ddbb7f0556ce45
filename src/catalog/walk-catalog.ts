import type { Link, Product, Settings } from '../types';
import {
  LINK_RULES,
  PRODUCT_RULES,
  SETTING_RULES,
  UPSELL_RULE,
  linkKey,
  linkLabel,
  productLabel,
} from './catalog-rules';
import { BIDI_REMOVED, currency as toCurrency, isObject, own, readFields, unbidi, type Rule } from './field-rules';
import { CATEGORY_PREFIX, type CatalogParts } from './index-catalog';

/**
 * How the walk tells its driver of one thing wrong, before the driver words it:
 * - `path`: the JSON path of the offending value (`currency`, `settings.vipSpend`) or, for an
 *   item's problem, of the item (`products[3]`, `links[2]`);
 * - `why`: the widget's wording: for a problem of the document, its whole message (`catalog
 *   version must be 1`, `invalid, using USD`); for an item's, the reason the item is skipped:
 *   the bad field's name, or `duplicate id`, `duplicate`, `not an object`, `unreadable`;
 * - `value`: the offending value; for a duplicate, the id or the `linkKey`;
 * - for an item's problem only, `skipped`, the item's label (`product "x"`), and `key`, the bad
 *   field's name ('' for the item itself).
 */
export type Report = (path: string, why: string, value?: unknown, skipped?: string, key?: string) => void;

/** What the walk kept, unless it rejected the document whole. */
export interface Walk {
  parts: CatalogParts;
  /** The first index of every valid product id seen, kept or not, and of every link's `linkKey`. */
  ids: ReadonlyMap<string, number>;
  keys: ReadonlyMap<string, number>;
}

/** A bad field (`key`, '' for the item itself) of the item being checked. */
type Bad = (key: string, value: unknown, why?: string) => void;

/**
 * A catalog's (or a shard index's) `currency` and `settings`, each bad one replaced by its
 * default and told to `bad` with the widget's words.
 */
export function readHead(input: object, bad: Report) {
  const code = own(input, 'currency');
  const currency = toCurrency(code) ?? (bad('currency', 'invalid, using USD', code), 'USD');
  let settings: Partial<Settings> = {};
  const raw = own(input, 'settings');
  if (isObject(raw))
    settings = { ...readFields(raw, SETTING_RULES, (key, v) => bad('settings.' + key, 'invalid, using the default', v)) };
  else if (raw != null) bad('settings', 'invalid, using the defaults');
  return { currency, settings };
}

/**
 * The one walk over an untrusted catalog document (already JSON-parsed) that both drivers
 * run: `parseCatalog` (the widget's, lean) words what it finds one line per skipped item,
 * `validateCatalog` (the CLI's) one line per bad value, saying what was expected.
 *
 * A generator that yields after every product and link, so a caller on the main thread can
 * give the page a turn whenever its clock says so (load-catalog.ts's `pause()`); a 1,000-product
 * catalog is about 8,000 items, too many for one 50 ms task on a slow phone.
 *
 * Rejects the document whole (returns `undefined`, having reported why) for a non-object,
 * `version !== 1` or non-array `products`. A throw outside any one item (a getter, a hostile proxy) escapes: each driver
 * words it. A throw inside an item skips that item alone.
 */
export function* walkCatalog(input: unknown, report: Report): Generator<void, Walk | undefined> {
  if (!isObject(input)) return void report('$', 'catalog is not a JSON object');
  const rawProducts = own(input, 'products');
  const version = own(input, 'version');
  if (version !== 1) report('version', 'catalog version must be 1');
  if (!Array.isArray(rawProducts)) return void report('products', 'catalog products must be an array');
  if (version !== 1) return;

  const head = readHead(input, report);

  /**
   * Check each entry of `list`: its fields against `rules` (bidi controls stripped from its
   * text fields `texts`), then the rest with `check`, which tells `bad` what else is wrong and
   * returns the entry as kept; returns the entries kept. An entry with anything bad is skipped, every
   * report about it carrying its label. An entry that is not an object, or that throws when
   * read (a getter, a proxy), is one report at its own path.
   */
  function* each<T>(
    list: unknown[],
    name: string,
    label: (o: object) => string,
    rules: readonly Rule[],
    texts: readonly string[],
    check: (fields: Record<string, unknown>, o: object, bad: Bad, i: number) => T,
  ) {
    const keep: T[] = [];
    // An index loop, not forEach: the holes of a sparse array are bad entries too.
    for (let i = 0; i < list.length; i++) {
      let item: object | undefined;
      let clean = true;
      // The path and label are words for a report: made only when there is one (most items
      // have none, and a thousand labels quoted for nothing were a good part of a page's load).
      const bad: Bad = (key, value, why = key) => {
        clean = false;
        let skipped = name;
        try {
          if (item) skipped = label(item);
        } catch {
          // an item whose fields throw when read is named by its kind
        }
        report(`${name}s[${i}]`, why, value, skipped, key);
      };
      try {
        const o = list[i];
        if (isObject(o)) {
          item = o;
          const fields = readFields(o, rules, bad);
          unbidi(fields, texts, (key) => report(`${name}s[${i}].${key}`, BIDI_REMOVED));
          const kept = check(fields, o, bad, i);
          if (clean) keep.push(kept);
        } else bad('', o, 'not an object');
      } catch {
        bad('', undefined, 'unreadable');
      }
      yield;
    }
    return keep;
  }

  // The first index of every valid id seen, kept or not: a later product with the same id is a
  // duplicate even when the first was skipped, so fixing one product never silently swaps what
  // an id means.
  const ids = new Map<string, number>();
  const products = yield* each(rawProducts as unknown[], 'product', productLabel, PRODUCT_RULES, ['title', 'category'], (p, _, bad, i) => {
    const id = p.id as string | undefined;
    if (id !== undefined) {
      if (ids.has(id)) bad('id', id, 'duplicate id');
      else ids.set(id, i);
    }
    p.inStock ??= true;
    return p as unknown as Product; // no prototype (readFields)
  });

  const kept = new Set(products.map((p) => p.id));
  const keys = new Map<string, number>(); // see linkKey
  const rawLinks = own(input, 'links');
  let links: Link[] = [];
  if (Array.isArray(rawLinks))
    links = yield* each(rawLinks, 'link', linkLabel, LINK_RULES, ['reason'], (l, o, bad, i) => {
      const { from, to, kind } = l as { from?: string; to?: string; kind?: string };
      // The anchor: a kept product, or `category:<name>` with a name. `category:` is matched in
      // this case only, so `Category:x` is a product id like any other.
      if (from !== undefined && !(from.startsWith(CATEGORY_PREFIX) ? from.length > CATEGORY_PREFIX.length : kept.has(from)))
        bad('from', from);
      // The target: a kept product other than its anchor.
      if (to !== undefined && (to === from || !kept.has(to))) bad('to', to);
      if (from !== undefined && to !== undefined && kind !== undefined) {
        const key = linkKey(from, to, kind);
        if (keys.has(key)) bad('', key, 'duplicate');
        else keys.set(key, i);
      }
      if (kind === 'upsell') l.upsell = readFields(o, [UPSELL_RULE], bad).upsell ?? 'premium';
      l.weight ??= 1;
      if (l.reason === '') delete l.reason; // no reason: the UI's default by kind applies
      return l as unknown as Link; // no prototype (readFields)
    });
  else if (rawLinks != null) report('links', 'invalid, ignored');

  return { parts: { ...head, products, links }, ids, keys };
}

/** Run a generator to its end, for a caller with nothing to do between steps. */
export function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
