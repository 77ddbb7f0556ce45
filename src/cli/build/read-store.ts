import { UsageError, UserError } from '../cli-io';
import { formatCount } from './build-log';
import { getPolitely, type Answer, type HttpOptions } from './fetch-politely';
import type { BuildLog } from './build-log';
import { emptyRows } from './keep-valid';
import { AliasMap, catalogTitle, compact, decimal, httpsUrl, quote, type ProductSource } from './product-source';

export const PLATFORMS = ['shopify', 'woocommerce'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Pages read at most: 4,000 pages are a million Shopify products. */
export const MAX_PAGES = 4000;
const SHOPIFY_PAGE = 250;
const WOO_PAGE = 100;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v == 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v == 'string' ? v : typeof v == 'number' ? String(v) : undefined);

/** One product mapped to a raw catalog item, its other names, or why it cannot be. */
type Mapped = { item: Json; aliases: (string | undefined)[] } | { error: string };

/**
 * `build --from URL`: a live store's public catalog, no API key.
 *
 * - Shopify: `GET /products.json?limit=250&page=N`, page after page until one comes back with
 *   no products (or only products already read: a store that ignores `page`).
 * - WooCommerce: the Store API, `GET /wp-json/wc/store/v1/products?per_page=100&page=N`,
 *   as many pages as `X-WP-TotalPages` says (else until an empty page); a site without pretty
 *   permalinks answers at `/?rest_route=/wc/store/v1/products` instead.
 * - Without `platform`, the first page of each tells which the store is.
 *
 * Requests go one at a time, politely (fetch-politely.ts); progress goes to `log` (stderr).
 * Products are numbered in the order the store lists them (`product 17`) for messages.
 */
export async function readStore(url: string, platform: Platform | undefined, http: HttpOptions, log: BuildLog): Promise<ProductSource> {
  const base = storeBase(url);
  const options: HttpOptions = { note: (m) => log.note(m), ...http };
  const tried: string[] = [];
  if (platform !== 'woocommerce') {
    const first = await getPolitely(shopifyPage(base, 1), options);
    if (isShopifyPage(first)) return readShopify(base, first, options, log);
    if (platform === 'shopify') throw new UserError(notListing(first, 'a Shopify products.json page'));
    tried.push(said(first));
  }
  for (const plain of [false, true]) {
    const first = await getPolitely(wooPage(base, 1, plain), options);
    if (first.status === 200 && Array.isArray(first.json)) return readWoo(base, plain, first, options, log);
    tried.push(said(first));
  }
  throw new UserError(
    platform === 'woocommerce' ? `${base}: expected a WooCommerce Store API listing (${tried.join('; ')})`
    : `${base}: found no public catalog (${tried.join('; ')}); is it a Shopify or WooCommerce store, with its catalog public?`,
  );
}

/** The store's address without a trailing `/`, query or fragment (a path is kept: WordPress may live in one). */
export function storeBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--from: expected the store's address, such as https://shop.example, got ${quote(url)}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new UsageError(`--from: expected an http(s) address, got ${quote(url)}`);
  return (parsed.origin + parsed.pathname).replace(/\/+$/, '');
}

const shopifyPage = (base: string, page: number) => `${base}/products.json?limit=${SHOPIFY_PAGE}&page=${page}`;
const wooPage = (base: string, page: number, plain = false) =>
  plain ? `${base}/?rest_route=/wc/store/v1/products&per_page=${WOO_PAGE}&page=${page}` : `${base}/wp-json/wc/store/v1/products?per_page=${WOO_PAGE}&page=${page}`;

const isShopifyPage = (a: Answer) => a.status === 200 && isObject(a.json) && Array.isArray(a.json.products);
const said = (a: Answer) => `${a.url} answered ${a.status}${a.status === 200 ? ' with no product listing' : ''}`;
const notListing = (a: Answer, what: string) => `${a.url}: expected ${what} (it answered ${a.status}${a.status === 200 ? ' with something else' : ''})`;

async function readShopify(base: string, first: Answer, http: HttpOptions, log: BuildLog): Promise<ProductSource> {
  const collect = collector(base, 'Shopify', log);
  const seen = new Set<string>();
  let answer = first;
  for (let page = 1; ; ) {
    if (answer.status !== 200 || !isShopifyPage(answer)) throw new UserError(notListing(answer, 'a Shopify products.json page'));
    const products = (answer.json as Json).products as unknown[];
    const fresh = products.filter((p) => {
      const id = isObject(p) ? text(p.id) : undefined;
      if (id === undefined) return true;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    if (products.length === 0) break;
    if (fresh.length === 0) {
      log.note(`${base}: page ${page} lists only products already read (the store ignores page=); stopped there`);
      break;
    }
    for (const p of fresh) collect.add(fromShopify(p, base));
    collect.progress(page);
    if (++page > MAX_PAGES) {
      log.note(`${base}: stopped after ${formatCount(MAX_PAGES)} pages`);
      break;
    }
    answer = await getPolitely(shopifyPage(base, page), http);
  }
  return collect.done(`${base}/products.json`);
}

async function readWoo(base: string, plain: boolean, first: Answer, http: HttpOptions, log: BuildLog): Promise<ProductSource> {
  const collect = collector(base, 'WooCommerce', log);
  const total = Number(first.headers.get('x-wp-totalpages'));
  const pages = Number.isInteger(total) && total > 0 ? Math.min(total, MAX_PAGES) : MAX_PAGES;
  let currency: string | undefined;
  let answer = first;
  for (let page = 1; ; ) {
    if (answer.status !== 200 || !Array.isArray(answer.json)) throw new UserError(notListing(answer, 'a WooCommerce Store API page'));
    if (answer.json.length === 0) break;
    for (const p of answer.json) {
      collect.add(fromWoo(p));
      currency ??= isObject(p) && isObject(p.prices) ? text(p.prices.currency_code) : undefined;
    }
    collect.progress(page, pages < MAX_PAGES ? pages : undefined);
    if (++page > pages) break;
    answer = await getPolitely(wooPage(base, page, plain), http);
  }
  return { ...collect.done(plain ? `${base}/?rest_route=/wc/store/v1/products` : `${base}/wp-json/wc/store/v1/products`), ...(currency && { currency: currency.toUpperCase() }) };
}

/** Gathers mapped products, reporting those that cannot be mapped at their position. */
function collector(base: string, platform: string, log: BuildLog) {
  const rows = emptyRows();
  const aliases = new AliasMap();
  let read = 0;
  return {
    add(mapped: Mapped) {
      read++;
      const at = `product ${read}`;
      if ('error' in mapped) return log.badRow(base, at, mapped.error);
      rows.items.push(mapped.item);
      rows.lines.push(at);
      for (const alias of mapped.aliases) aliases.add(alias, mapped.item.id as string);
    },
    progress(page: number, of?: number) {
      log.note(`${base}: ${platform}, page ${formatCount(page)}${of ? ` of ${formatCount(of)}` : ''}, ${formatCount(read)} products read`);
    },
    done: (endpoint: string): ProductSource => ({ file: base, format: `${platform}, ${endpoint}`, rows, read, aliases }),
  };
}

/**
 * A product of Shopify's `/products.json`: `id` its product id (what `{{ product.id }}` prints
 * and `/cart.js` lines give as `product_id`), price, `variantId` and stock from its first
 * available variant (else its first), `url` `/products/<handle>` on the store, `image` the
 * first image, `category` the `product_type`. Variant ids and SKUs name it for orders.
 */
export function fromShopify(p: unknown, base: string): Mapped {
  if (!isObject(p)) return { error: 'not a product object' };
  const id = text(p.id);
  if (id === undefined) return { error: 'no id' };
  const variants = (Array.isArray(p.variants) ? p.variants : []).filter(isObject);
  const chosen = variants.find((v) => v.available === true) ?? variants[0];
  const where = `id ${id}: `;
  if (!chosen) return { error: `${where}no variants` };
  const price = decimal(text(chosen.price));
  if (price === undefined) return { error: `${where}variant price ${quote(String(chosen.price))} is not a number` };
  const images = Array.isArray(p.images) ? p.images : [];
  const image = images.map((i) => (isObject(i) ? text(i.src) : undefined)).find(Boolean);
  const handle = text(p.handle);
  return {
    item: compact({
      id,
      title: typeof p.title == 'string' ? catalogTitle(p.title) : undefined,
      price,
      url: handle ? `${base}/products/${encodeURIComponent(handle)}` : undefined,
      image: httpsUrl(image),
      category: typeof p.product_type == 'string' ? p.product_type.trim() : undefined,
      inStock: variants.some((v) => v.available === true),
      variantId: text(chosen.id),
    }),
    aliases: variants.flatMap((v) => [text(v.id), text(v.sku)]),
  };
}

/**
 * A product of WooCommerce's Store API: `id` its id (`get_id()`, the Store API cart's `id`),
 * `prices.price` (minor units, `currency_minor_unit` digits) in major units, `permalink`,
 * the first image and category, `is_in_stock`, the rating when it has reviews. Names come as
 * HTML (`&amp;`, `&#8211;`) and are decoded. A variable product's first variation becomes
 * `variantId` (the Store API adds a variation by its id; the listing does not say which
 * variations are in stock).
 */
export function fromWoo(p: unknown): Mapped {
  if (!isObject(p)) return { error: 'not a product object' };
  const id = text(p.id);
  if (id === undefined) return { error: 'no id' };
  const where = `id ${id}: `;
  const prices = isObject(p.prices) ? p.prices : {};
  const minor = prices.currency_minor_unit ?? 2;
  const raw = text(prices.price);
  if (raw === undefined || !/^\d+$/.test(raw) || typeof minor != 'number' || !Number.isInteger(minor) || minor < 0 || minor > 6)
    return { error: `${where}prices.price ${quote(String(raw ?? ''))} is no amount in minor units` };
  const category = Array.isArray(p.categories) ? p.categories.find(isObject) : undefined;
  const image = Array.isArray(p.images) ? p.images.find(isObject) : undefined;
  const variations = (Array.isArray(p.variations) ? p.variations : []).filter(isObject);
  const reviews = typeof p.review_count == 'number' && Number.isInteger(p.review_count) ? p.review_count : 0;
  const rating = decimal(text(p.average_rating));
  return {
    item: compact({
      id,
      title: typeof p.name == 'string' ? catalogTitle(decodeHtml(p.name)) : undefined,
      price: Number(raw) / 10 ** minor,
      url: text(p.permalink),
      image: httpsUrl(image && text(image.src)),
      category: category && typeof category.name == 'string' ? decodeHtml(category.name).trim() : undefined,
      inStock: typeof p.is_in_stock == 'boolean' ? p.is_in_stock : undefined,
      rating: reviews > 0 && rating !== undefined && rating <= 5 ? rating : undefined,
      reviewCount: reviews > 0 ? reviews : undefined,
      variantId: variations.length ? text(variations[0]!.id) : undefined,
    }),
    aliases: [text(p.sku), ...variations.map((v) => text(v.id))],
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', trade: '™', reg: '®', copy: '©' };

/** HTML character references in a WordPress name as text: `Tea &amp; Cups &#8211; Set` → `Tea & Cups – Set`. */
export function decodeHtml(s: string): string {
  return s.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref.toLowerCase()] ?? all;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : all;
  });
}
