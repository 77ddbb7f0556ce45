/** The `data-cart` format of embed.md §3: `id:qty,id:qty` (`:qty` optional, default 1). */

export interface CartLine {
  id: string;
  qty: number;
}

export function formatCart(lines: readonly CartLine[]): string {
  return lines.map((line) => `${line.id}:${line.qty}`).join(',');
}

/** Lenient, for the store's own pages: blank items are skipped, a bad quantity counts as 1. */
export function parseCart(value: string): CartLine[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const [id = '', qty] = item.split(':');
      const n = Number(qty);
      return { id: id.trim(), qty: Number.isInteger(n) && n > 0 ? n : 1 };
    });
}
