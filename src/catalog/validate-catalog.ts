import { DEFAULT_SETTINGS, LINK_KINDS, PLACEMENTS, SEGMENTS, UPSELL_TYPES } from '../types';
import {
  CURRENCY_RULE,
  LINK_RULES,
  PRODUCT_RULES,
  SETTING_RULES,
  UPSELL_RULE,
  isAnchor,
  isTarget,
  linkKey,
  linkLabel,
  productLabel,
  q,
  type CatalogProblem,
} from './catalog-rules';
import { isObject, own, readFields, REASON_MAX, TITLE_MAX, type Rule } from './field-rules';
import { AMOUNT_WORDS, BOOL_WORDS, COUNT_WORDS, CURRENCY_WORDS, ID_WORDS, expected, oneOfWords, stringOf, words } from './field-words';
import { CATEGORY_PREFIX } from './index-catalog';

export type { CatalogProblem } from './catalog-rules';

const HREF = 'an http(s) or relative URL';

/**
 * What each field of catalog-rules.ts's tables should be, for messages, by field name (the
 * names are unique across the tables; a test holds every rule to having an entry here).
 * The rules decide; these only explain, so they never ship in the widget.
 */
export const EXPECTED: Readonly<Record<string, string>> = {
  // products
  id: ID_WORDS,
  title: stringOf(1, TITLE_MAX),
  price: AMOUNT_WORDS,
  url: HREF,
  image: HREF,
  category: 'a string',
  inStock: BOOL_WORDS,
  cost: AMOUNT_WORDS,
  rating: 'a number from 0 to 5',
  reviewCount: COUNT_WORDS,
  replenishDays: 'an integer > 0',
  variantId: 'a non-empty string',
  // links
  from: 'a product id or "category:<name>"',
  to: 'a product id',
  kind: oneOfWords(LINK_KINDS),
  upsell: oneOfWords(UPSELL_TYPES),
  reason: `a string of at most ${REASON_MAX} characters`,
  weight: 'a number in (0, 1]',
  attachRate: 'a number from 0 to 1',
  lift: AMOUNT_WORDS,
  orders: COUNT_WORDS,
  placements: `an array of ${words(PLACEMENTS)}`,
  segments: `an array of ${words(SEGMENTS)}`,
  minCartValue: AMOUNT_WORDS,
  // the document
  ...Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((k) => [k, AMOUNT_WORDS])),
  currency: CURRENCY_WORDS,
};

/** The paths of the problems that reject a catalog whole (`parseCatalog` returns `ok: false`). */
export const FATAL_PATHS: readonly string[] = ['$', 'version', 'products'];

/**
 * Every problem of an untrusted catalog document (already JSON-parsed), each with its most
 * precise JSON path and what was expected there, for `offerwise validate` and tests:
 * `products[3].price: expected a number ≥ 0`, `links[0].to: unknown product "x"`,
 * `links[2]: duplicate of links[0] (same from, to and kind)`. An empty array means valid.
 *
 * Problems at `FATAL_PATHS` mean the widget rejects the catalog whole (only those are then
 * reported); a problem under `products[i]` or `links[i]` means the widget skips that item
 * (it carries `skipped`, the item's label); any other (`currency`, `settings…`, `links`) is
 * replaced by its default. Same rules as `parseCatalog` (catalog-rules.ts). Never throws.
 */
export function validateCatalog(input: unknown): CatalogProblem[] {
  try {
    return validate(input);
  } catch {
    return [{ path: '$', message: 'could not be read' }];
  }
}

function validate(input: unknown): CatalogProblem[] {
  if (!isObject(input)) return [{ path: '$', message: 'expected an object' }];
  const problems: CatalogProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const rawProducts = own(input, 'products');
  if (own(input, 'version') !== 1) add('version', 'expected 1');
  if (!Array.isArray(rawProducts)) add('products', 'expected an array');
  if (!Array.isArray(rawProducts) || problems.length) return problems;

  /**
   * Check `rules` against `o`, adding one problem per bad field (`at` is the path prefix of
   * the fields, `products[3].`); returns the valid fields.
   */
  const read = (o: object, rules: readonly Rule[], at: string, note = '') =>
    readFields(o, rules, (key) =>
      add(at + key, expected(own(o, key), EXPECTED[key]!) + note),
    );

  /**
   * Check each entry of `list` with `visit` (given the entry's path prefix, `links[2].`);
   * every problem it adds means the entry is skipped and is labelled so. An entry that is not
   * an object, or that throws when read (a getter, a proxy), is one problem at its own path.
   */
  const each = (list: unknown[], name: string, label: (o: object) => string, visit: (o: object, at: string, i: number) => void) => {
    // An index loop, not forEach: the holes of a sparse array are bad entries too.
    for (let i = 0; i < list.length; i++) {
      const at = `${name}s[${i}]`;
      const before = problems.length;
      let skipped = name;
      try {
        const o = list[i];
        if (isObject(o)) {
          skipped = label(o);
          visit(o, at + '.', i);
        } else add(at, 'expected an object');
      } catch {
        add(at, 'could not be read');
      }
      for (const p of problems.slice(before)) p.skipped = skipped;
    }
  };

  read(input, [CURRENCY_RULE], '', ' (using USD)');

  const rawSettings = own(input, 'settings');
  if (isObject(rawSettings)) read(rawSettings, SETTING_RULES, 'settings.', ' (using the default)');
  else if (rawSettings != null) add('settings', 'expected an object (using the defaults)');

  // Every valid id seen, kept or not, with its first index (see parseCatalog), and the kept.
  const firstAt = new Map<string, number>();
  const kept = new Set<string>();
  each(rawProducts, 'product', productLabel, (o, at, i) => {
    const before = problems.length;
    const id = read(o, PRODUCT_RULES, at).id as string | undefined;
    if (id !== undefined) {
      const first = firstAt.get(id);
      if (first === undefined) firstAt.set(id, i);
      else add(at + 'id', `duplicate id ${q(id)}, first at products[${first}]`);
      if (problems.length === before) kept.add(id);
    }
  });

  const isProduct = (id: string) => kept.has(id);
  const unknown = (id: string) => (firstAt.has(id) ? `product ${q(id)} was skipped` : `unknown product ${q(id)}`);
  const linkAt = new Map<string, number>(); // see linkKey
  const rawLinks = own(input, 'links');
  if (Array.isArray(rawLinks))
    each(rawLinks, 'link', linkLabel, (o, at, i) => {
      const { from, to, kind } = read(o, LINK_RULES, at) as { from?: string; to?: string; kind?: string };
      if (from !== undefined && !isAnchor(from, isProduct))
        // Not an anchor: `category:` with no name, or not a kept product.
        add(at + 'from', from.startsWith(CATEGORY_PREFIX) ? 'expected a category name after "category:"' : unknown(from));
      if (to !== undefined && !isTarget(to, from, isProduct)) add(at + 'to', isProduct(to) ? 'same as from' : unknown(to));
      if (from !== undefined && to !== undefined && kind !== undefined) {
        const key = linkKey(from, to, kind);
        const first = linkAt.get(key);
        if (first === undefined) linkAt.set(key, i);
        else add(at.slice(0, -1), `duplicate of links[${first}] (same from, to and kind)`);
      }
      if (kind === 'upsell') read(o, [UPSELL_RULE], at);
    });
  else if (rawLinks != null) add('links', 'expected an array (ignoring links)');

  return problems;
}
