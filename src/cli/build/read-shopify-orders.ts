import { detach } from './basket-store';
import { cellAt, readExportTable } from './read-export-table';
import type { OrderLineReader } from './read-orders';

/** The columns that tell Shopify's order export (Orders → Export). */
export const isShopifyOrdersHeader = (names: ReadonlySet<string>) =>
  names.has('Name') && names.has('Lineitem quantity') && (names.has('Lineitem sku') || names.has('Lineitem name'));

/**
 * Shopify's order CSV export: one row per line item; `Name` (`#1001`) is the order, repeated
 * on each of its rows, while the order's other columns are filled on its first row only. The
 * export names no product id, so a line item is found by its `Lineitem sku` among the SKUs
 * the products input gives (`bySku`), else by its `Lineitem name` (`Mug - Blue / Large`: a
 * product title, then ` - ` and the variant's options; `byName`). Orders with `Cancelled at`
 * set (on their first row) are no purchase and are not counted.
 */
export function shopifyOrderLines(bySku: (sku: string) => number | undefined, byName: (name: string) => number | undefined): OrderLineReader {
  return {
    format: 'Shopify order export',
    async read(path, log, { report, pass, stats }, visit) {
      const cancelled = new Set<string>();
      return readExportTable(
        path,
        { required: ['Name', 'Lineitem quantity'], report, ...(pass !== undefined && { pass }) },
        (column) => {
          const at = { name: column('Name'), qty: column('Lineitem quantity'), sku: column('Lineitem sku'), item: column('Lineitem name'), cancelled: column('Cancelled at') };
          return (fields, line) => {
            const order = cellAt(fields, at.name).trim();
            const sku = cellAt(fields, at.sku).trim();
            const name = cellAt(fields, at.item).trim();
            const bad = order === '' ? 'Name (the order) is empty' : sku === '' && name === '' ? 'no Lineitem sku or Lineitem name' : undefined;
            if (bad !== undefined) {
              if (report) log.badRow(path, line, bad);
              return;
            }
            if (cellAt(fields, at.cancelled).trim() !== '') cancelled.add(detach(order));
            if (cancelled.has(order)) {
              if (report) stats.cancelledRows = (stats.cancelledRows ?? 0) + 1;
              return;
            }
            let item = sku === '' ? undefined : bySku(sku);
            if (item === undefined && name !== '') {
              item = byName(name);
              if (item !== undefined && report) stats.byName = (stats.byName ?? 0) + 1;
            }
            visit(order, item, sku || name, cellAt(fields, at.qty).trim(), line);
          };
        },
        log,
      );
    },
  };
}

/**
 * A finder of products by line item name: the title itself, else the longest title that the
 * name starts with followed by ` - ` (Shopify's `<title> - <variant title>`). A title that two
 * products share finds neither.
 */
export function titleFinder(titles: readonly string[]): (name: string) => number | undefined {
  const index = new Map<string, number>();
  titles.forEach((title, i) => index.set(title, index.has(title) ? -1 : i));
  const find = (title: string) => {
    const i = index.get(title);
    return i === undefined || i < 0 ? undefined : i;
  };
  return (name) => {
    const exact = find(name);
    if (exact !== undefined) return exact;
    for (let cut = name.lastIndexOf(' - '); cut > 0; cut = name.lastIndexOf(' - ', cut - 1)) {
      const found = find(name.slice(0, cut));
      if (found !== undefined) return found;
    }
    return undefined;
  };
}
