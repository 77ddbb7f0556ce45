/** The demo store's own read of its catalog, for rendering its pages (not the widget's). */
import { signal } from '@preact/signals';

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

/** Start loading `storeProducts` (idempotent); a failure leaves it null and warns. */
export function loadStoreProducts(): void {
  loadCatalog()
    .then(({ products }) => (storeProducts.value = new Map(products.map((p) => [p.id, p]))))
    .catch((error: unknown) => console.warn('[demo] Could not load the catalog.', error));
}
