import { isObject, own } from '../catalog/field-rules';
import { idOf } from './page-context';

/**
 * The page's product from schema.org JSON-LD (embed.md §5): given the text of every
 * `<script type="application/ld+json">` in document order, the id of the first Product that
 * has one: its `sku`, else its `productID` (a number is taken as its text).
 *
 * - A block is an object, an array, or an `@graph`; a Product may also be a page's
 *   `mainEntity`. Only these are searched: `offers` (`itemOffered`), `isRelatedTo`,
 *   `isSimilarTo` and `ItemList`s name other products than the page's.
 * - `@type` may be a string or an array, bare or as an IRI (`https://schema.org/Product`,
 *   `schema:Product`); Product's subtypes count (ProductGroup, ProductModel,
 *   IndividualProduct, SomeProducts).
 * - A ProductGroup's own `sku`/`productID` comes first (it is a Product, and the catalog's
 *   product is the group, not one variant); else the first variant in `hasVariant` with an id.
 *   `productGroupID` is not read.
 * - Malformed JSON skips that block. Raw control characters (line breaks in a description,
 *   common in templates) are read as spaces. The search is bounded in depth and in nodes.
 */
const PRODUCT = /^(?:https?:\/\/schema\.org\/|schema:)?(Product(?:Group|Model)?|IndividualProduct|SomeProducts)$/;

export function readJsonLd(texts: readonly string[]): string | undefined {
  let budget = 2000;
  const find = (node: unknown, depth: number): string | undefined => {
    if (depth > 8 || --budget < 0) return undefined;
    if (Array.isArray(node)) {
      for (const item of node) {
        const found = find(item, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    if (!isObject(node)) return undefined;
    const types = [own(node, '@type')].flat().map((t) => (typeof t == 'string' ? PRODUCT.exec(t)?.[1] : undefined));
    const group = types.includes('ProductGroup');
    if (types.some(Boolean)) {
      const found = idOf(own(node, 'sku')) ?? idOf(own(node, 'productID'));
      if (found) return found;
    }
    for (const key of group ? ['hasVariant', '@graph', 'mainEntity'] : ['@graph', 'mainEntity']) {
      const found = find(own(node, key), depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  for (const text of Array.isArray(texts) ? texts : []) {
    try {
      const found = find(JSON.parse(String(text).replace(/[\0-\x1f]/g, ' ')), 0);
      if (found) return found;
    } catch {
      // not JSON: the next block
    }
  }
  return undefined;
}
