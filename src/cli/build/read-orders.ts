import { stat } from 'node:fs/promises';
import { fnv1a32 } from '../../util/hash';
import { checkFile } from '../report/open-input';
import { createBasketStore, detach } from './basket-store';
import type { BuildLog } from './build-log';
import { addBasket, createOrderCounts, type OrderCounts } from './count-pairs';
import { convertCell } from './convert-cells';
import { readCsvTable } from './read-csv-table';

/**
 * How much of orders.csv one pass holds as baskets. Orders are not adjacent in the file, so
 * their baskets (order id → product indices) must all be held until the file ends; a bigger
 * file is read in several passes, each holding only the orders whose id hashes to that pass.
 * 64 MiB of CSV is 1.3–2.5 million lines (by the optional columns): with baskets at 8 bytes a
 * line plus ~70 an order (the map entry and its key), a pass holds some 20–40 MB of them.
 */
export const ORDERS_BYTES_PER_PASS = 64 << 20;

const ORDER_COLUMNS = { required: ['order_id', 'product_id'], optional: ['qty', 'customer_id', 'date'] } as const;
/** Distinct unknown product ids remembered, for the summary (their lines are all counted). */
const MAX_UNKNOWN_IDS = 10_000;
const SAMPLE_UNKNOWN = 3;

export interface OrderStats {
  /** Data rows read (good and bad). */
  rows: number;
  /** Rows counted: a catalog product, a quantity above 0. */
  counted: number;
  /** Rows naming a product not in the catalog (absent from products.csv, or left out). */
  unknownRows: number;
  /** Distinct such ids, up to `MAX_UNKNOWN_IDS` (`unknownIdsCapped` says it stopped there). */
  unknownIds: number;
  unknownIdsCapped: boolean;
  /** A few of them, to help spot an id mismatch between the files. */
  unknownSample: string[];
  /** Rows with a quantity of 0 or less (returns, cancellations): not a purchase. */
  zeroQtyRows: number;
  /** Passes over the file (see `ORDERS_BYTES_PER_PASS`). */
  passes: number;
  /** The most orders held at once: what the baskets' memory grows with. */
  peakOrdersHeld: number;
  /** Rows of cancelled orders, not purchases (Shopify's export says which). */
  cancelledRows?: number;
  /** Line items found by their name, having no SKU the products input knows (Shopify's export). */
  byName?: number;
}

export interface ReadOrdersOptions {
  /** Products in fewer orders than this are left out of pair counting (they cannot qualify). */
  minOrders: number;
  /** @default ORDERS_BYTES_PER_PASS */
  passBytes?: number;
  /** How the file's rows are read (its format). @default orders.csv's, product ids by `productIndex` */
  lines?: OrderLineReader;
  /** Given each order's distinct products once it is complete (`build --visual` counts categories). */
  onBasket?: (items: readonly number[]) => void;
}

/**
 * One line item: its order, its product (an index into the catalog, or `undefined` for one
 * not in it, then named by `key` in the summary), the quantity's text (`undefined`: 1) and line.
 */
export type OrderLineVisitor = (orderId: string, item: number | undefined, key: string, qty: string | undefined, line: number) => void;

/** The reader of one orders format: one pass over the file, bad rows reported (when `report`). */
export interface OrderLineReader {
  /** The format's name for the summary (`Shopify order export`); none for orders.csv. */
  format?: string;
  /** Resolves to the data rows read (good and bad). */
  read(path: string, log: BuildLog, options: { report: boolean; pass?: string; stats: OrderStats }, visit: OrderLineVisitor): Promise<number>;
}

/**
 * orders.csv (catalog.md): `order_id,product_id` and optionally `qty,customer_id,date`;
 * `lookup` finds a product id's catalog index.
 */
export function plainOrderLines(lookup: (productId: string) => number | undefined): OrderLineReader {
  return {
    read: (path, log, { report, pass }, visit) =>
      readCsvTable(
        path,
        ORDER_COLUMNS,
        (column) => {
          const orderAt = column('order_id');
          const productAt = column('product_id');
          const qtyAt = column('qty');
          return (fields, line) => {
            const orderId = fields[orderAt]!;
            const productId = fields[productAt]!;
            const bad = orderId === '' ? 'order_id is empty' : productId === '' ? 'product_id is empty' : undefined;
            if (bad !== undefined) {
              if (report) log.badRow(path, line, bad);
              return;
            }
            visit(orderId, lookup(productId), productId, qtyAt < 0 ? undefined : fields[qtyAt], line);
          };
        },
        log,
        { report, ...(pass !== undefined && { pass }) },
      ),
  };
}

/**
 * Stream orders.csv into order statistics over the catalog products `productIndex` names.
 *
 * Memory: the counts are bounded by products and distinct pairs. The baskets are not: they
 * grow with the orders of one pass. Bounding them truly by products and pairs alone would
 * need the file grouped by order (an external sort on disk); instead the file is read in
 * ⌈size ÷ passBytes⌉ passes, pass k holding only the orders whose id hashes to k, which caps
 * the baskets at about `passBytes` of input whatever the file's size, at the cost of
 * re-reading it (the hash spreads orders evenly, so each pass holds about 1/passes of them).
 * Every order falls in exactly one pass, so the counts are exact.
 *
 * Bad rows are reported on the first pass only; the later passes skip them silently.
 */
export async function readOrders(
  path: string,
  productIndex: ReadonlyMap<string, number>,
  log: BuildLog,
  options: ReadOrdersOptions,
): Promise<{ counts: OrderCounts; stats: OrderStats }> {
  const { minOrders, passBytes = ORDERS_BYTES_PER_PASS } = options;
  await checkFile(path);
  const passes = Math.max(1, Math.ceil((await stat(path)).size / passBytes));
  const counts = createOrderCounts(productIndex.size);
  // Rows per product: at least its orders, so below `minOrders` it can be in no counted pair.
  const rowsOf = new Uint32Array(productIndex.size);
  const mayPair = (i: number) => rowsOf[i]! >= minOrders;
  const unknown = new Set<string>();
  const stats: OrderStats = {
    rows: 0,
    counted: 0,
    unknownRows: 0,
    unknownIds: 0,
    unknownIdsCapped: false,
    unknownSample: [],
    zeroQtyRows: 0,
    passes,
    peakOrdersHeld: 0,
  };

  const lines = options.lines ?? plainOrderLines((id) => productIndex.get(id));
  for (let pass = 0; pass < passes; pass++) {
    const first = pass === 0;
    const baskets = createBasketStore(productIndex.size);
    const rows = await lines.read(
      path,
      log,
      { report: first, stats, ...(passes > 1 && { pass: `pass ${pass + 1} of ${passes}` }) },
      (orderId, item, key, qtyText, line) => {
        // Almost every qty is 1: skip the general conversion for it.
        const qty = qtyText === undefined || qtyText === '1' ? undefined : convertCell('qty', 'number', qtyText);
        if (qty && 'error' in qty) {
          if (first) log.badRow(path, line, qty.error);
          return;
        }
        if (qty && !((qty.value as number) > 0)) {
          if (first) stats.zeroQtyRows++;
          return;
        }
        if (item === undefined) {
          if (first) countUnknown(key);
          return;
        }
        if (first) {
          stats.counted++;
          rowsOf[item]!++;
        }
        if (passes > 1 && fnv1a32(orderId) % passes !== pass) return;
        baskets.add(orderId, item);
      },
    );
    if (first) stats.rows = rows;
    stats.peakOrdersHeld = Math.max(stats.peakOrdersHeld, baskets.orders);
    // A pass's pairs are counted once its baskets are complete (and the rows per product
    // known, from the first pass).
    baskets.forEach((items) => {
      addBasket(counts, items, mayPair);
      options.onBasket?.(items);
    });
  }

  return { counts, stats };

  function countUnknown(id: string) {
    stats.unknownRows++;
    if (unknown.has(id)) return;
    if (unknown.size >= MAX_UNKNOWN_IDS) {
      stats.unknownIdsCapped = true;
      return;
    }
    const copy = detach(id);
    unknown.add(copy);
    stats.unknownIds = unknown.size;
    if (stats.unknownSample.length < SAMPLE_UNKNOWN) stats.unknownSample.push(copy);
  }
}
