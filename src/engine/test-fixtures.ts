/** Shared fixtures for the engine tests: tiny builders and a seed store (phones, blenders, coffee). */
import { indexCatalog } from '../catalog/index-catalog';
import type { Catalog, Context, Link, Offer, Product, Settings } from '../types';

export const TODAY = '2026-06-01';

/** A product with a safe url; `inStock` defaults to true as the parser would. */
export function product(id: string, price: number, extra: Partial<Product> = {}): Product {
  return { id, title: titleOf(id), price, url: `/products/${id}`, inStock: true, ...extra };
}

/** A cross-sell link of weight 1 unless `extra` says otherwise. */
export function link(from: string, to: string, extra: Partial<Link> = {}): Link {
  return { from, to, kind: 'cross-sell', weight: 1, ...extra };
}

/** An upsell link (type left to the engine's default 'premium' unless given). */
export function upsell(from: string, to: string, extra: Partial<Link> = {}): Link {
  return link(from, to, { kind: 'upsell', ...extra });
}

export function catalogOf(products: Product[], links: Link[], settings?: Partial<Settings>): Catalog {
  return indexCatalog({ currency: 'USD', products, links, ...(settings && { settings }) });
}

/** A context on the product page of a returning shopper, overridable field by field. */
export function context(extra: Partial<Context> = {}): Context {
  return {
    placement: 'product',
    cart: [],
    owned: [],
    customer: { orders: 2, spent: 300, lastOrder: '2026-05-01' },
    dismissed: [],
    exclude: [],
    max: 2,
    ...extra,
  };
}

/** The offered product ids, in order: what most assertions compare. */
export const ids = (offers: Offer[]) => offers.map((o) => o.product.id);

function titleOf(id: string): string {
  return id.replace(/(^|-)(\w)/g, (_, dash: string, c: string) => (dash ? ' ' : '') + c.toUpperCase());
}

/** The seed scenarios: a phone and its accessories, a blender, a coffee machine. */
export const SEED_PRODUCTS: Product[] = [
  product('phone-x', 799, { category: 'phones', cost: 560, rating: 4.6, reviewCount: 1200 }),
  product('case-x', 29, { category: 'phone-accessories', cost: 8 }),
  product('screen-guard', 19, { category: 'phone-accessories', cost: 4, rating: 4.4, reviewCount: 86 }),
  product('charger-x', 39, { category: 'phone-accessories', cost: 22 }),
  product('phone-x-pro', 999, { category: 'phones', cost: 650 }),
  product('care-plan-x', 149, { category: 'services' }),
  product('phone-y', 499, { category: 'phones' }),
  product('blender-basic', 70, { category: 'blenders', cost: 40 }),
  product('blender-pro', 100, { category: 'blenders', cost: 55, rating: 4.8, reviewCount: 310 }),
  product('blender-jar', 25, { category: 'blender-parts', cost: 9 }),
  product('coffee-machine', 249, { category: 'coffee-machines', cost: 150 }),
  product('descaler', 12, { category: 'coffee-supplies', cost: 3, replenishDays: 90 }),
  product('coffee-filters', 9, { category: 'coffee-supplies', cost: 2, replenishDays: 60 }),
  product('beans-1kg', 24, { category: 'coffee', cost: 12 }),
  product('beans-2kg', 44, { category: 'coffee', cost: 22 }),
  product('milk-frother', 45, { category: 'coffee-machines', cost: 20, inStock: false }),
];

export const SEED_LINKS: Link[] = [
  link('phone-x', 'case-x', { reason: 'Protects against drops from day one', attachRate: 0.41, lift: 5.2 }),
  link('phone-x', 'screen-guard', { reason: 'Keeps the screen scratch-free', attachRate: 0.22 }),
  link('phone-x', 'charger-x', { weight: 0.5 }),
  upsell('phone-x', 'phone-x-pro', { upsell: 'tier', reason: 'Twice the storage, a better camera' }),
  upsell('phone-x', 'care-plan-x', { upsell: 'addon', reason: 'Two years of accidental damage cover' }),
  upsell('blender-basic', 'blender-pro', { upsell: 'premium', reason: 'Stronger motor and a 3-year warranty' }),
  link('blender-basic', 'blender-jar', { reason: 'A second jar for smoothies on the go', attachRate: 0.12 }),
  link('coffee-machine', 'descaler', { reason: 'Keeps the machine running', attachRate: 0.3 }),
  link('coffee-machine', 'coffee-filters', { attachRate: 0.25 }),
  link('coffee-machine', 'milk-frother', { attachRate: 0.2 }),
  upsell('beans-1kg', 'beans-2kg', { upsell: 'quantity', reason: 'Save 8% with the 2 kg bag' }),
  link('category:phones', 'screen-guard', { reason: 'Keeps the screen scratch-free' }),
];

export const seedCatalog = (settings?: Partial<Settings>) => catalogOf(SEED_PRODUCTS, SEED_LINKS, settings);

/** The `YYYY-MM-DD` date `n` days before TODAY. */
export function daysAgo(n: number): string {
  return new Date(Date.parse(`${TODAY}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}
