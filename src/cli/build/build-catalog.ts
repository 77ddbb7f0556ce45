import { validateCatalog } from '../../catalog/validate-catalog';
import { UserError } from '../cli-io';
import { formatCount, type BuildLog } from './build-log';
import { emptyRows, keepValid } from './keep-valid';
import { mergeLinks, type MergeStats } from './merge-links';
import { minePairs, type MineStats, type MinedPair } from './mine-pairs';
import { readItemRows } from './read-item-rows';
import { readOrders, type OrderStats } from './read-orders';
import type { CatalogDoc } from './shard-catalog';

export interface BuildInputs {
  /** products.csv */
  products: string;
  /** links.csv (curated links) */
  links?: string;
  /** orders.csv (to mine) */
  orders?: string;
  /** @default 3 */
  minOrders?: number;
  /** @default 10 */
  top?: number;
  /** @default 'USD' */
  currency?: string;
  /** Bytes of orders.csv per pass (tests lower it to force several). @default ORDERS_BYTES_PER_PASS */
  passBytes?: number;
}

export interface BuildSummary {
  products: { file: string; rows: number; kept: number };
  links?: { file: string; rows: number; kept: number };
  orders?: {
    file: string;
    stats: OrderStats;
    /** All orders (those holding a catalog product). */
    total: number;
    /** Distinct product pairs counted. */
    pairsCounted: number;
    minOrders: number;
    top: number;
    mine: MineStats;
  };
  merge: MergeStats;
}

export const DEFAULT_MIN_ORDERS = 3;
export const DEFAULT_TOP = 10;

/**
 * The catalog of catalog.md's "Building a catalog from CSV": products.csv's valid products,
 * links.csv's valid links, and the links mined from orders.csv merged in. Bad rows are
 * reported through `log` as they are met and left out; the result always passes
 * `validateCatalog` with no problem (checked here, since the widget would skip what fails).
 * No usable product at all is a `UserError` (exit 1): nothing is written.
 */
export async function buildCatalog(inputs: BuildInputs, log: BuildLog): Promise<{ doc: CatalogDoc; summary: BuildSummary }> {
  const { minOrders = DEFAULT_MIN_ORDERS, top = DEFAULT_TOP, currency = 'USD' } = inputs;
  const base = { version: 1, currency };

  const productsRead = await readItemRows(inputs.products, 'products', log);
  const products = keepValid(base, 'products', productsRead.rows, inputs.products, log);
  // A catalog of nothing offers nothing: most likely the wrong file, or one a tool mangled.
  if (products.items.length === 0)
    throw new UserError(
      `${inputs.products}: no usable product (${productsRead.read === 0 ? 'no rows under the header' : `all ${formatCount(productsRead.read)} rows left out`})`,
    );
  const summary: BuildSummary = {
    products: { file: inputs.products, rows: productsRead.read, kept: products.items.length },
    merge: { added: 0, statsToCurated: 0, curatedUpsells: 0 },
  };

  let curated = emptyRows();
  if (inputs.links !== undefined) {
    const linksRead = await readItemRows(inputs.links, 'links', log);
    curated = keepValid({ ...base, products: products.items }, 'links', linksRead.rows, inputs.links, log);
    summary.links = { file: inputs.links, rows: linksRead.read, kept: curated.items.length };
  }

  let pairs: MinedPair[] = [];
  if (inputs.orders !== undefined) {
    const ids = products.items.map((p) => p.id as string);
    const productIndex = new Map(ids.map((id, i) => [id, i]));
    const read = await readOrders(inputs.orders, productIndex, log, {
      minOrders,
      ...(inputs.passBytes !== undefined && { passBytes: inputs.passBytes }),
    });
    const mined = minePairs(read.counts, ids, { minOrders, top });
    pairs = mined.pairs;
    summary.orders = {
      file: inputs.orders,
      stats: read.stats,
      total: read.counts.total,
      pairsCounted: read.counts.pairs.size,
      minOrders,
      top,
      mine: mined.stats,
    };
  }

  const merged = mergeLinks(curated.items, pairs);
  summary.merge = merged.stats;
  const doc: CatalogDoc = { version: 1, currency, products: products.items, links: merged.links };
  assertValid(doc, 'the catalog');
  return { doc, summary };
}

/** Every item was judged on the way in, so a problem here is a bug of the build, not the input. */
export function assertValid(doc: CatalogDoc, what: string): void {
  const problems = validateCatalog(doc);
  if (problems.length)
    throw new Error(`${what} built is invalid (a bug): ${problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`);
}
