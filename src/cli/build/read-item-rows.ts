import type { BuildLog } from './build-log';
import { LINK_COLUMNS, PRODUCT_COLUMNS, makeRowConverter, type CellKind } from './convert-cells';
import { emptyRows, type Rows } from './keep-valid';
import { readCsvTable } from './read-csv-table';

/** The columns without which no row could be valid: a missing one stops the build. */
const REQUIRED = {
  products: ['id', 'title', 'price', 'url'],
  links: ['from', 'to', 'kind'],
} as const;

/**
 * Read products.csv or links.csv into raw catalog items (typed, not yet judged by the catalog
 * rules: see keep-valid.ts). A cell that cannot be converted (`price "abc" is not a number`)
 * leaves its row out, reported at its line with all such cells.
 */
export async function readItemRows(path: string, list: 'products' | 'links', log: BuildLog): Promise<{ rows: Rows; read: number }> {
  const kinds: Record<string, CellKind> = list === 'products' ? PRODUCT_COLUMNS : LINK_COLUMNS;
  const rows = emptyRows();
  const read = await readCsvTable(
    path,
    { required: REQUIRED[list], optional: Object.keys(kinds) },
    (column) => {
      const convert = makeRowConverter(kinds, column);
      return (fields, line) => {
        const { item, errors } = convert(fields);
        if (errors.length) log.badRow(path, line, errors.join('; '));
        else {
          rows.items.push(item);
          rows.lines.push(line);
        }
      };
    },
    log,
  );
  return { rows, read };
}
