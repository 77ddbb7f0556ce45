import { own } from '../catalog/field-rules';
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
    if (depth > 8 || --budget < 0 || typeof node != 'object' || !node) return undefined;
    let children = node as unknown[];
    if (!Array.isArray(node)) {
      const types = [own(node, '@type')].flat().map((t) => (typeof t == 'string' ? PRODUCT.exec(t)?.[1] : undefined));
      const id = types.some(Boolean) && (idOf(own(node, 'sku')) ?? idOf(own(node, 'productID')));
      if (id) return id;
      children = ['hasVariant', '@graph', 'mainEntity'].slice(types.includes('ProductGroup') ? 0 : 1).map((key) => own(node, key));
    }
    for (const child of children) {
      const found = find(child, depth + 1);
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
