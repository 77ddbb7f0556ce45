import type { ColumnIndex } from './read-csv-table';

/** How a cell's text becomes a catalog value. */
export type CellKind = 'text' | 'number' | 'boolean' | 'list';

/** The columns of products.csv (the product fields of catalog.md) and how to read each. */
export const PRODUCT_COLUMNS = {
  id: 'text',
  title: 'text',
  price: 'number',
  url: 'text',
  image: 'text',
  category: 'text',
  inStock: 'boolean',
  cost: 'number',
  rating: 'number',
  reviewCount: 'number',
  replenishDays: 'number',
  variantId: 'text',
} as const satisfies Record<string, CellKind>;

/** The columns of links.csv (the link fields of catalog.md); lists are `;`-separated. */
export const LINK_COLUMNS = {
  from: 'text',
  to: 'text',
  kind: 'text',
  upsell: 'text',
  reason: 'text',
  weight: 'number',
  attachRate: 'number',
  lift: 'number',
  orders: 'number',
  placements: 'list',
  segments: 'list',
  minCartValue: 'number',
  source: 'text',
  similarity: 'number',
} as const satisfies Record<string, CellKind>;

/**
 * A decimal number as people and spreadsheets write it (`12`, `-0.5`, `.5`, `1e3`), nothing
 * more: `Number()` alone would also take `0x1f`, `Infinity` and the empty string.
 */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);

type Cell = { value: unknown } | { error: string };

/**
 * One cell's text as a value of `kind`; `undefined` for an empty cell (absent, catalog.md).
 * Only the type is checked here (`price "abc" is not a number`); ranges and words (a negative
 * price, an unknown placement) are the catalog rules' to judge, by validateCatalog.
 */
export function convertCell(name: string, kind: CellKind, text: string): Cell | undefined {
  if (kind === 'text') return text === '' ? undefined : { value: text };
  const t = text.trim();
  if (t === '') return undefined;
  const quoted = JSON.stringify(text.length > 40 ? text.slice(0, 40) + '…' : text);
  switch (kind) {
    case 'number':
      return NUMBER.test(t) ? { value: Number(t) } : { error: `${name} ${quoted} is not a number` };
    case 'boolean': {
      const w = t.toLowerCase();
      return TRUE.has(w) ? { value: true } : FALSE.has(w) ? { value: false } : { error: `${name} ${quoted} is not true or false` };
    }
    case 'list': {
      // Only separators (`;`) is no list: an empty `placements` would mean "nowhere".
      const words = t.split(';').map((w) => w.trim()).filter((w) => w !== '');
      return words.length ? { value: words } : undefined;
    }
  }
}

/**
 * A converter from a row's fields to a raw catalog item (products or links, by `kinds`):
 * the item, or every cell that could not be converted.
 */
export function makeRowConverter(kinds: Readonly<Record<string, CellKind>>, column: ColumnIndex) {
  const present = Object.entries(kinds)
    .map(([name, kind]) => ({ name, kind, at: column(name) }))
    .filter((c) => c.at >= 0);
  return (fields: readonly string[]): { item: Record<string, unknown>; errors: string[] } => {
    const item: Record<string, unknown> = {};
    const errors: string[] = [];
    for (const { name, kind, at } of present) {
      const cell = convertCell(name, kind, fields[at]!);
      if (cell === undefined) continue;
      if ('error' in cell) errors.push(cell.error);
      else item[name] = cell.value;
    }
    return { item, errors };
  };
}
