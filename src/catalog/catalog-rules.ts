import { DEFAULT_SETTINGS, LINK_KINDS, PLACEMENTS, SEGMENTS, UPSELL_TYPES } from '../types';
import { bool, currency, href, id, int, listOf, num, oneOf, own, REASON_MAX, str, TITLE_MAX, type Rule } from './field-rules';

/**
 * What makes a catalog field valid (catalog.md), as tables of field-rules.ts's rules, and
 * what a duplicate link is (`linkKey`). One walk (walk-catalog.ts) applies them for both drivers:
 * - `parse-catalog.ts`, the widget's: keeps the valid items, one warning per skipped item;
 * - `validate-catalog.ts`, the CLI's: every problem with its JSON path and what was expected.
 *
 * Nothing here may hold a human-readable "expected …" text: this module ships to browsers,
 * and those texts belong to the validator alone (its `EXPECTED` table, keyed by field name).
 */

/**
 * One thing wrong with a catalog, at a JSON path (`$` is the document itself).
 *
 * From `validateCatalog`: one entry per offending value, at the most precise path
 * (`products[3].price`, `links[0].to`, `links[2]`, `settings.vipSpend`, `currency`), printed
 * as `${path}: ${message}`, e.g. `products[3].price: expected a number ≥ 0`.
 *
 * From `parseCatalog`: one entry per skipped item at the item's path (`products[3]`, message
 * `product "filters" skipped: price`) and one per other issue (`currency`, `settings…`, `links`);
 * when it rejects the catalog, the error at `$`.
 */
export interface CatalogProblem {
  /** JSON path of the offending value. */
  path: string;
  /** What is wrong, without the path. */
  message: string;
  /** Set when this problem made the parser skip a product or link: that item's label. */
  skipped?: string;
}

export const PRODUCT_RULES: readonly Rule[] = [
  ['id', id, 1],
  ['title', str(1, TITLE_MAX), 1],
  ['price', num(0), 1],
  ['url', href, 1],
  ['image', href],
  ['category', str(0)],
  ['inStock', bool],
  ['cost', num(0)],
  ['rating', num(0, 5)],
  ['reviewCount', int(0)],
  ['replenishDays', int(1)],
  ['variantId', str(1)],
];

/** `from` and `to` are checked against the kept products too (walk-catalog.ts). */
export const LINK_RULES: readonly Rule[] = [
  ['from', str(1), 1],
  ['to', str(1), 1],
  ['kind', oneOf(LINK_KINDS), 1],
  ['reason', str(0, REASON_MAX)],
  // Number.MIN_VALUE is the least number above 0.
  ['weight', num(Number.MIN_VALUE, 1)],
  ['attachRate', num(0, 1)],
  ['lift', num(0)],
  ['orders', int(0)],
  ['placements', listOf(PLACEMENTS)],
  ['segments', listOf(SEGMENTS)],
  ['minCartValue', num(0)],
];
/** Read only when `kind` is `upsell`: on a cross-sell, `upsell` means nothing and is ignored. */
export const UPSELL_RULE: Rule = ['upsell', oneOf(UPSELL_TYPES)];

/** All optional; a bad one falls back to its default alone. */
export const SETTING_RULES: readonly Rule[] = Object.keys(DEFAULT_SETTINGS).map((k) => [k, num(0)] as const);
/** Required, but a bad one falls back to USD rather than rejecting the catalog. */
export const CURRENCY_RULE: Rule = ['currency', currency, 1];

/**
 * The identity of a link for duplicates: the same `from`, `to` and `kind` (the first wins).
 * Recorded for every link whose three are valid, kept or not, as ids are for products: fixing
 * one link never silently swaps which of two duplicates is used.
 *
 * Plain concatenation (fast: it runs per link on load), with NUL
 * between the ids, which no real id contains. (It once used JSON.stringify on an array, which
 * a page's `Array.prototype.toJSON` pollution turned into one key for every link.)
 */
export const linkKey = (from: string, to: string, kind: string) => `${from}\0${to}\0${kind}`;

/** A short, escaped quote of an untrusted string, for labels and messages. */
export const q = (v: unknown) => (typeof v == 'string' ? JSON.stringify(v.length > 60 ? v.slice(0, 60) + '…' : v) : '?');
/** How problems name a product: by its `id` as given when that is a string, even an invalid one. */
export const productLabel = (o: object) => {
  const id = own(o, 'id');
  return typeof id == 'string' ? 'product ' + q(id) : 'product';
};
/** How problems name a link: `link "phone-x" → "case-x"`. */
export const linkLabel = (o: object) => `link ${q(own(o, 'from'))} → ${q(own(o, 'to'))}`;
