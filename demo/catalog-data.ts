/** The demo store's own read of its catalog, for rendering its pages (not the widget's). */
import { signal } from '@preact/signals';
import type { CatalogLink } from './link-origins';

export interface StoreProduct {
  id: string;
  title: string;
  price: number;
  url: string;
  image?: string;
  category?: string;
  inStock?: boolean;
  rating?: number;
  reviewCount?: number;
}

interface CatalogFile {
  currency: string;
  products: StoreProduct[];
  links?: CatalogLink[];
}

export const CATALOG_URL = '/catalog.json';

let pending: Promise<CatalogFile> | undefined;

/** Fetch the catalog once per page. */
export function loadCatalog(): Promise<CatalogFile> {
  pending ??= fetch(CATALOG_URL).then((res) => {
    if (!res.ok) throw new Error(`Catalog request failed: ${res.status}`);
    return res.json() as Promise<CatalogFile>;
  });
  return pending;
}

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatPrice(value: number): string {
  return money.format(value);
}

/** The catalog's products for components: null until loaded, then filled once per page. */
export const storeProducts = signal<ReadonlyMap<string, StoreProduct> | null>(null);

/** The catalog's links, for the preview's "where each link came from": empty until loaded. */
export const catalogLinks = signal<readonly CatalogLink[]>([]);

/** Start loading `storeProducts` and `catalogLinks` (idempotent); a failure leaves them empty and warns. */
export function loadStoreProducts(): void {
  loadCatalog()
    .then(({ products, links }) => {
      storeProducts.value = new Map(products.map((p) => [p.id, p]));
      catalogLinks.value = links ?? [];
    })
    .catch((error: unknown) => console.warn('[demo] Could not load the catalog.', error));
}
