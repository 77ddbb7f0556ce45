import type { Catalog, Link, Product, Settings } from '../types';
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
  type CatalogProblem,
} from './catalog-rules';
import { isObject, own, readFields } from './field-rules';
import { indexCatalog } from './index-catalog';

export type { CatalogProblem } from './catalog-rules';

export type ParseResult =
  | { ok: true; catalog: Catalog; problems: CatalogProblem[] }
  | { ok: false; error: string; problems: CatalogProblem[] };

/**
 * The widget's validator (lean: it ships in the bundle): an untrusted catalog document,
 * already JSON-parsed, into an indexed `Catalog`. Never throws.
 *
 * Rejects the whole document only for a non-object, `version !== 1` or non-array `products`;
 * `error` says why (and is the one problem, at `$`). Otherwise it reports, as `problems`:
 * - one per skipped product or link, naming it and its first bad field:
 *   `{ path: 'products[3]', message: 'product "filters" skipped: price', skipped: 'product "filters"' }`;
 * - one per bad setting, a bad currency, or `links` that is not an array, each replaced by
 *   its default.
 *
 * It keeps exactly the items that `validateCatalog` (validate-catalog.ts, the CLI's driver
 * over the same rules in catalog-rules.ts) reports no problem for; that one says what was
 * expected, field by field.
 */
export function parseCatalog(input: unknown): ParseResult {
  const steps = parseCatalogSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How many products or links `parseCatalogSteps` checks between two yields. */
export const SLICE = 200;

/**
 * `parseCatalog` in slices: the generator yields after every SLICE products or links, so a
 * caller on the main thread can give the page a turn between slices (load-catalog.ts does;
 * a 1,000-product catalog is about 8,000 items, too many for one 50 ms task on a slow phone).
 */
export function* parseCatalogSteps(input: unknown): Generator<void, ParseResult> {
  let error = 'catalog could not be read'; // a throwing getter or a hostile proxy, outside any one item
  try {
    if (!isObject(input)) throw (error = 'catalog is not a JSON object');
    const rawProducts = own(input, 'products');
    const errors: string[] = [];
    if (own(input, 'version') !== 1) errors.push('catalog version must be 1');
    if (!Array.isArray(rawProducts)) errors.push('catalog products must be an array');
    if (errors.length) throw (error = errors.join('; '));
    return { ok: true, ...(yield* parseValid(input, rawProducts as unknown[])) };
  } catch {
    return { ok: false, error, problems: [{ path: '$', message: error }] };
  }
}

/** `parseCatalog` past the fatal checks. */
function* parseValid(input: object, rawProducts: unknown[]) {
  const problems: CatalogProblem[] = [];
  const warn = (path: string, message: string) => problems.push({ path, message });

  /**
   * Run `check` on each entry of `list`; it keeps a good entry itself and returns why a bad
   * one is bad (its first bad field). A bad entry is skipped alone, with one problem naming
   * it; so is one that throws when read (a getter, a proxy).
   */
  function* each(list: unknown[], name: string, label: (o: object) => string, check: (o: object) => string | undefined) {
    // An index loop, not forEach: the holes of a sparse array are bad entries too.
    for (let i = 0; i < list.length; i++) {
      if (i % SLICE == SLICE - 1) yield;
      let skipped = name;
      let why: string | undefined = 'not an object';
      try {
        const o = list[i];
        if (isObject(o)) {
          skipped = label(o);
          why = check(o);
        }
      } catch {
        why = 'unreadable';
      }
      if (why) problems.push({ path: `${name}s[${i}]`, message: `${skipped} skipped: ${why}`, skipped });
    }
  }

  const given = readFields(input, [CURRENCY_RULE], () => warn('currency', 'invalid, using USD'));
  const currency = (given.currency as string | undefined) ?? 'USD';

  let settings: Partial<Settings> = {};
  const rawSettings = own(input, 'settings');
  if (isObject(rawSettings))
    settings = { ...readFields(rawSettings, SETTING_RULES, (key) => warn('settings.' + key, 'invalid, using the default')) };
  else if (rawSettings != null) warn('settings', 'invalid, using the defaults');

  const products: Product[] = [];
  // Every valid id seen, kept or not: a later product with the same id is a duplicate even
  // when the first was skipped, so fixing one product never silently swaps what an id means.
  const ids = new Set<string>();
  yield* each(rawProducts, 'product', productLabel, (o) => {
    let why: string | undefined;
    const p = readFields(o, PRODUCT_RULES, (key) => (why ??= key));
    const id = p.id as string | undefined;
    if (id !== undefined) {
      if (ids.has(id)) why ??= 'duplicate id';
      ids.add(id);
    }
    p.inStock ??= true;
    if (!why) products.push({ ...p } as unknown as Product);
    return why;
  });

  const links: Link[] = [];
  const kept = new Set(products.map((p) => p.id));
  const isProduct = (id: string) => kept.has(id);
  const keys = new Set<string>(); // see linkKey
  const rawLinks = own(input, 'links');
  if (Array.isArray(rawLinks))
    yield* each(rawLinks, 'link', linkLabel, (o) => {
      let why: string | undefined;
      const bad = (key: string) => (why ??= key);
      const l = readFields(o, LINK_RULES, bad);
      const { from, to, kind } = l as { from?: string; to?: string; kind?: string };
      if (from !== undefined && !isAnchor(from, isProduct)) bad('from');
      if (to !== undefined && !isTarget(to, from, isProduct)) bad('to');
      if (from !== undefined && to !== undefined && kind !== undefined) {
        const key = linkKey(from, to, kind);
        if (keys.has(key)) bad('duplicate');
        keys.add(key);
      }
      if (kind === 'upsell') l.upsell = readFields(o, [UPSELL_RULE], bad).upsell ?? 'premium';
      l.weight ??= 1;
      if (l.reason === '') delete l.reason; // no reason: the UI's default by kind applies
      if (!why) links.push({ ...l } as unknown as Link);
      return why;
    });
  else if (rawLinks != null) warn('links', 'invalid, ignored');

  return { catalog: indexCatalog({ currency, settings, products, links }), problems };
}

/**
 * The widget's console lines for `parseCatalog`'s problems, each printed as
 * `[offerwise] catalog ${path}: ${message}`. Those are already one per skipped item, so this
 * is the identity (the bundler inlines it); it stays so callers need not know that.
 */
export const summarizeProblems = (problems: readonly CatalogProblem[]): readonly CatalogProblem[] => problems;
