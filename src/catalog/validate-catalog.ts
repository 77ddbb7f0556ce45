import { DEFAULT_SETTINGS, LINK_KINDS, PLACEMENTS, SEGMENTS, UPSELL_TYPES } from '../types';
import { LINK_RULES, q, type CatalogProblem } from './catalog-rules';
import { REASON_MAX, TITLE_MAX } from './field-rules';
import { AMOUNT_WORDS, BOOL_WORDS, COUNT_WORDS, CURRENCY_WORDS, ID_WORDS, expected, oneOfWords, stringOf, words } from './field-words';
import { CATEGORY_PREFIX } from './index-catalog';
import { finish, walkCatalog, type Walk } from './walk-catalog';

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
 * replaced by its default. The same walk as `parseCatalog` (walk-catalog.ts). Never throws.
 */
export function validateCatalog(input: unknown): CatalogProblem[] {
  try {
    const found: Finding[] = [];
    const walk = finish(walkCatalog(input, (path, why, value, skipped, key) => found.push({ path, why, value, skipped, key })));
    // Worded once the walk is done: a link's problem may name the first of the products.
    const kept = new Set(walk?.parts.products.map((p) => p.id));
    return found.map((f) =>
      f.skipped
        ? { path: f.key ? `${f.path}.${f.key}` : f.path, message: explainItem(f, walk!, kept), skipped: f.skipped }
        : { path: f.path, message: explainDocument(f) },
    );
  } catch {
    return [{ path: '$', message: 'could not be read' }];
  }
}

/** One call of the walk's `Report`, kept to be worded when the walk is done. */
interface Finding {
  path: string;
  why: string;
  value?: unknown;
  skipped?: string;
  key?: string;
}

/** What the validator says, by path, of the document's problems that are not a bad field. */
const DOCUMENT: ReadonlyMap<string, string> = new Map([
  ['$', 'expected an object'],
  ['version', 'expected 1'],
  ['products', 'expected an array'],
  ['settings', 'expected an object (using the defaults)'],
  ['links', 'expected an array (ignoring links)'],
]);

/** A problem of the document itself in the validator's words (the walk's are the widget's). */
function explainDocument({ path, value, why }: Finding): string {
  // Else `currency`, or one of `settings.…`
  const key = path.slice(path.indexOf('.') + 1);
  // A note on one item's field that keeps the item (bidi controls removed) says what it did.
  if (path.includes('[')) return why;
  return DOCUMENT.get(path) ?? expected(value, EXPECTED[key]!) + (key === path ? ' (using USD)' : ' (using the default)');
}

/**
 * Whether `value`, refused at a link's `key`, passed that field's rule: then it is a link end
 * that names no usable product (the walk's isAnchor and isTarget refused it).
 */
const isEndRefused = (key: string, value: unknown) =>
  (key == 'from' || key == 'to') && LINK_RULES.find(([k]) => k == key)![1](value) !== undefined;

/** A problem that makes the walk skip an item, in the validator's words, saying what was expected. */
function explainItem({ why, key, value }: Finding, { ids, keys }: Walk, kept: ReadonlySet<string>): string {
  switch (why) {
    case 'not an object':
      return 'expected an object';
    case 'unreadable':
      return 'could not be read';
    case 'duplicate id':
      return `duplicate id ${q(value)}, first at products[${ids.get(value as string)}]`;
    case 'duplicate':
      return `duplicate of links[${keys.get(value as string)}] (same from, to and kind)`;
  }
  // A link end its rule accepts, but that names no usable product.
  if (isEndRefused(key!, value)) {
    const id = value as string;
    if (key == 'from' && id.startsWith(CATEGORY_PREFIX)) return 'expected a category name after "category:"';
    if (key == 'to' && kept.has(id)) return 'same as from';
    return ids.has(id) ? `product ${q(id)} was skipped` : `unknown product ${q(id)}`;
  }
  return expected(value, EXPECTED[key!]!);
}
