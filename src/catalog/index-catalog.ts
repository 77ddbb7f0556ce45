import { DEFAULT_SETTINGS, type Catalog, type Link, type Product, type Settings } from '../types';

/** The prefix of a cold-start link's `from` (catalog.md, rules.md R11). */
export const CATEGORY_PREFIX = 'category:';

export interface CatalogParts {
  currency: string;
  settings?: Partial<Settings>;
  products: Product[];
  links: Link[];
}

/**
 * Index validated products and links once: products by id, catalog order, and outgoing
 * links per anchor product and per category. O(products + links).
 */
export function indexCatalog(parts: CatalogParts): Catalog {
  const byId = new Map<string, Product>();
  const order = new Map<string, number>();
  parts.products.forEach((p, i) => {
    byId.set(p.id, p);
    order.set(p.id, i);
  });
  const linksFrom = new Map<string, Link[]>();
  const linksFromCategory = new Map<string, Link[]>();
  for (const link of parts.links) {
    const isCategory = link.from.startsWith(CATEGORY_PREFIX);
    const map = isCategory ? linksFromCategory : linksFrom;
    const key = isCategory ? link.from.slice(CATEGORY_PREFIX.length) : link.from;
    const list = map.get(key);
    if (list) list.push(link);
    else map.set(key, [link]);
  }
  return { ...parts, settings: { ...DEFAULT_SETTINGS, ...parts.settings }, byId, order, linksFrom, linksFromCategory };
}
