import { validateCatalog } from '../../catalog/validate-catalog';
import { UsageError, UserError } from '../cli-io';
import { formatCount, type BuildLog } from './build-log';
import { peekFormat } from './detect-format';
import { importDuckDb, isParquet, loadDuckDb, type LoadDuckDb } from './duckdb-session';
import type { HttpOptions } from './fetch-politely';
import { emptyRows, keepValid } from './keep-valid';
import { mergeLinks, type MergeStats } from './merge-links';
import { mineWithDuckDb } from './mine-duckdb';
import { inCatalogOrder, minePairs, type MineStats, type MinedPair } from './mine-pairs';
import { minedReason } from './product-source';
import { readItemRows } from './read-item-rows';
import { readOrders, plainOrderLines, type OrderStats } from './read-orders';
import { readPairs, type PairStats } from './read-pairs';
import { readProducts, type ProductInput } from './read-products';
import { isShopifyOrdersHeader, shopifyOrderLines, titleFinder } from './read-shopify-orders';
import type { CatalogDoc } from './shard-catalog';
import { warnNeverOffered } from './warn-price-fit';
import { buildVisualLinks, type VisualDeps, type VisualInputs, type VisualSummary } from './visual/build-visual';
import { createCategoryCounter, type CategoryCounts } from './visual/complementary-categories';

export interface BuildInputs {
  /**
   * The products: a file (products.csv, a Shopify or WooCommerce product export, a Merchant
   * Center feed; a string is a file) or a live store (`--from`).
   */
  products: ProductInput | string;
  /** links.csv (curated links) */
  links?: string;
  /** orders.csv or Shopify's order export (to mine); with `engine: 'duckdb'`, orders.csv or Parquet */
  orders?: string;
  /**
   * What mines the orders: this process, streaming (the default), or DuckDB running
   * co-purchase.sql out of core (an optional peer dependency). Same pairs either way.
   */
  engine?: Engine;
  /** Pairs computed elsewhere (`from,to,orders,attachRate,lift`, CSV or Parquet), in place of `orders`. */
  pairs?: string;
  /** @default 3 */
  minOrders?: number;
  /** @default 10 */
  top?: number;
  /** @default the currency the products input states (the Store API's, a feed's), else 'USD' */
  currency?: string;
  /** Bytes of orders.csv per pass (tests lower it to force several). @default ORDERS_BYTES_PER_PASS */
  passBytes?: number;
  /** `--visual`: cross-sells between products whose pictures match (catalog.md, "Visual links"). */
  visual?: VisualInputs;
}

export const ENGINES = ['streaming', 'duckdb'] as const;
export type Engine = (typeof ENGINES)[number];

/**
 * What tests replace: how DuckDB is imported (a missing package, in the test of its message);
 * how a store and its pictures are fetched (`--from`, `--visual`), and their waits; what
 * `--visual` imports and how far its exact search goes.
 */
export interface BuildCatalogDeps {
  loadDuckDb?: LoadDuckDb;
  http?: HttpOptions;
  visual?: VisualDeps;
}

export interface BuildSummary {
  products: {
    file: string;
    /** The input's format, when it is not the plain products.csv. */
    format?: string;
    /** Data rows read; for a store, products listed (`listed`). */
    rows: number;
    /** Products the rows made, when an export spreads a product over rows. */
    products?: number;
    listed?: boolean;
    kept: number;
  };
  links?: { file: string; rows: number; kept: number };
  orders?: {
    file: string;
    format?: string;
    stats: OrderStats;
    /** All orders (those holding a catalog product). */
    total: number;
    /** Distinct product pairs counted (the streaming engine). */
    pairsCounted?: number;
    minOrders: number;
    top: number;
    /** The streaming engine's counts; DuckDB gives only the pairs kept. */
    mine: Partial<MineStats> & { keptPairs: number };
    /** `--engine duckdb`: its version and memory limit, and rows left out for a value (not listed by line). */
    duckdb?: { version: string; memoryLimit: string; badValues: number };
  };
  /** `--pairs`: the rows read and the pairs kept. */
  pairs?: { file: string; stats: PairStats; kept: number };
  merge: MergeStats & {
    /** Mined cross-sells priced above their anchor: written, but rules.md R8 never offers them. */
    neverOffered?: number;
  };
  visual?: VisualSummary;
}

export const DEFAULT_MIN_ORDERS = 3;
export const DEFAULT_TOP = 10;

/**
 * The catalog of catalog.md's "Building a catalog from CSV": the products input's valid
 * products, links.csv's valid links, and the links mined from the orders merged in (each mined
 * cross-sell with the reason "Often bought with <anchor title>"). Bad rows are reported through
 * `log` as they are met and left out; the result always passes `validateCatalog` with no
 * problem (checked here, since the widget would skip what fails). No usable product at all is
 * a `UserError` (exit 1): nothing is written.
 */
export async function buildCatalog(inputs: BuildInputs, log: BuildLog, deps: BuildCatalogDeps = {}): Promise<{ doc: CatalogDoc; summary: BuildSummary }> {
  const { minOrders = DEFAULT_MIN_ORDERS, top = DEFAULT_TOP } = inputs;
  const duckdb = (purpose: string) => loadDuckDb(deps.loadDuckDb ?? importDuckDb, purpose);

  const source = await readProducts(typeof inputs.products == 'string' ? { file: inputs.products } : inputs.products, log);
  const currency = inputs.currency ?? source.currency ?? 'USD';
  if (inputs.currency && source.currency && inputs.currency !== source.currency)
    log.note(`${source.file}: prices are in ${source.currency}; written as ${inputs.currency}, as --currency says`);
  const base = { version: 1, currency };
  const products = keepValid(base, 'products', source.rows, source.file, log);
  const listed = typeof inputs.products != 'string' && 'url' in inputs.products;
  // A catalog of nothing offers nothing: most likely the wrong file, or one a tool mangled.
  if (products.items.length === 0) {
    const found = source.products ?? source.read;
    const unit = source.products !== undefined || listed ? 'products' : 'rows';
    throw new UserError(
      `${source.file}: no usable product (${found === 0 ? (unit === 'rows' ? 'no rows under the header' : 'none found') : `all ${formatCount(found)} ${unit} left out`})`,
    );
  }
  const summary: BuildSummary = {
    products: {
      file: source.file,
      ...(source.format !== undefined && { format: source.format }),
      rows: source.read,
      ...(source.products !== undefined && { products: source.products }),
      ...(listed && { listed }),
      kept: products.items.length,
    },
    merge: { added: 0, statsToCurated: 0, curatedUpsells: 0 },
  };

  let curated = emptyRows();
  if (inputs.links !== undefined) {
    const linksRead = await readItemRows(inputs.links, 'links', log);
    curated = keepValid({ ...base, products: products.items }, 'links', linksRead.rows, inputs.links, log);
    summary.links = { file: inputs.links, rows: linksRead.read, kept: curated.items.length };
  }

  let pairs: MinedPair[] = [];
  /** Orders by category, counted while mining when `--visual` may take complements from them. */
  let categories: CategoryCounts | undefined;
  const ids = products.items.map((p) => p.id as string);
  const productIndex = new Map(ids.map((id, i) => [id, i]));
  const indexOf = (id: string) => productIndex.get(id)!;
  if (inputs.orders !== undefined && inputs.engine === 'duckdb') {
    const peeked = await peekFormat(inputs.orders);
    if (peeked.kind === 'table' && isShopifyOrdersHeader(peeked.names))
      throw new UsageError(`${inputs.orders}: --engine duckdb reads orders.csv's columns (order_id,product_id,qty) or Parquet; Shopify's order export is mined without it`);
    // An order line's product_id: a catalog id, else a SKU or variant id the products input gives.
    const productOf = new Map(ids.map((id) => [id, id]));
    for (const [key, id] of source.aliases.entries()) if (!productOf.has(key) && productIndex.has(id)) productOf.set(key, id);
    const categoryOf = inputs.visual && new Map(products.items.flatMap((p) => (p.category === undefined ? [] : [[p.id as string, p.category as string]])));
    const mined = await mineWithDuckDb(await duckdb('--engine duckdb'), inputs.orders, productOf, log, { minOrders, top }, indexOf, categoryOf);
    pairs = mined.pairs;
    categories = mined.categories;
    summary.orders = {
      file: inputs.orders,
      ...(mined.format === 'Parquet' && { format: 'Parquet' }),
      stats: mined.stats,
      total: mined.total,
      minOrders,
      top,
      mine: { keptPairs: pairs.length },
      duckdb: { ...mined.engine, badValues: mined.badValues },
    };
  } else if (inputs.orders !== undefined) {
    if (await isParquet(inputs.orders)) throw new UsageError(`${inputs.orders} is Parquet: mine it with --engine duckdb`);
    const aliased = (key: string) => {
      const id = source.aliases.get(key);
      return id === undefined ? undefined : productIndex.get(id);
    };
    const peeked = await peekFormat(inputs.orders);
    const lines =
      peeked.kind === 'table' && isShopifyOrdersHeader(peeked.names) ?
        shopifyOrderLines(aliased, titleFinder(products.items.map((p) => p.title as string)))
      : plainOrderLines((id) => productIndex.get(id) ?? (source.aliases.size ? aliased(id) : undefined));
    const byCategory = inputs.visual && categoryCounter(products.items);
    const read = await readOrders(inputs.orders, productIndex, log, {
      minOrders,
      lines,
      ...(inputs.passBytes !== undefined && { passBytes: inputs.passBytes }),
      ...(byCategory && { onBasket: byCategory.add }),
    });
    categories = byCategory?.counts();
    const mined = minePairs(read.counts, ids, { minOrders, top });
    pairs = mined.pairs;
    summary.orders = {
      file: inputs.orders,
      ...(lines.format !== undefined && { format: lines.format }),
      stats: read.stats,
      total: read.counts.total,
      pairsCounted: read.counts.pairs.size,
      minOrders,
      top,
      mine: mined.stats,
    };
  } else if (inputs.pairs !== undefined) {
    const read = await readPairs(inputs.pairs, (id) => productIndex.has(id), log, duckdb);
    pairs = inCatalogOrder(read.pairs, indexOf);
    summary.pairs = { file: inputs.pairs, stats: read.stats, kept: pairs.length };
  }

  const titles = new Map(products.items.map((p) => [p.id as string, p.title as string]));
  const merged = mergeLinks(curated.items, pairs, (pair) => minedReason(titles.get(pair.from)!));
  summary.merge = merged.stats;
  const neverOffered = warnNeverOffered(merged.links.slice(curated.items.length), products.items, log);
  if (neverOffered) summary.merge.neverOffered = neverOffered;
  const links = merged.links;
  if (inputs.visual) {
    const visual = await buildVisualLinks(inputs.visual, { products: products.items, links, top, minOrders, ...(categories && { categories }) }, log, {
      ...deps.visual,
      ...(deps.http && { http: deps.http }),
      loadDuckDb: duckdb,
    });
    for (const link of visual.links) links.push(link); // one by one: a spread of 100,000 overflows the stack
    summary.visual = visual.summary;
  }
  const doc: CatalogDoc = { version: 1, currency, products: products.items, links };
  assertValid(doc, 'the catalog');
  return { doc, summary };
}

/** A counter of orders by category over `products` (catalog order), for `readOrders`' `onBasket`. */
function categoryCounter(products: readonly Record<string, unknown>[]) {
  const names: string[] = [];
  const at = new Map<string, number>();
  const categoryOf = Int32Array.from(products, (p) => {
    const category = p.category as string | undefined;
    if (category === undefined) return -1;
    if (!at.has(category)) at.set(category, names.push(category) - 1);
    return at.get(category)!;
  });
  return createCategoryCounter(categoryOf, names);
}

/** Every item was judged on the way in, so a problem here is a bug of the build, not the input. */
export function assertValid(doc: CatalogDoc, what: string): void {
  const problems = validateCatalog(doc);
  if (problems.length)
    throw new Error(`${what} built is invalid (a bug): ${problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`);
}
