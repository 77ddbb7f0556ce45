import { seededRandom } from './test-fixtures';

/**
 * For tests: generated orders on which DuckDB running co-purchase.sql must give the
 * streaming miner's pairs. The ids are chosen to break naive SQL: commas and quotes (CSV quoting), spaces, accents and CJK, an emoji beside a
 * character from U+E000–U+FFFF (UTF-16 and UTF-8 order them differently), digits with
 * leading zeros (text, not numbers); the orders hold the same product on several lines,
 * one-item orders, products not in the catalog, qty 0, bad rows, and ties at --top.
 */
export const SPECIAL = ['a,b', 'say "hi"', '"quoted"', 'x"",y', 'two words', 'café', '中文', '😀 smile', 'ｆｕｌｌ', '007', '7', 'Ünïcödé ✓'];
/** Bought with `tie-anchor` in exactly 6 orders each, and in no other order. */
export const TIED = ['tie-😀', 'tie-ｚ', 'tie-z', 'tie-a'];

/** A CSV field, quoted when it must be (RFC 4180). */
export const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export interface Generated {
  ids: string[];
  lines: string[];
}

/**
 * `orderCount` orders over `productCount` products plus SPECIAL: popular bundles, noise,
 * repeated lines, one-item orders; then a block that makes exact ties: `tie-anchor` bought
 * with each of TIED in exactly 6 orders.
 */
export function generate(seed: number, productCount: number, orderCount: number): Generated {
  const random = seededRandom(seed);
  const common = [...SPECIAL, ...Array.from({ length: productCount }, (_, i) => `p-${String(i).padStart(3, '0')}`)];
  const ids = [...common, 'tie-anchor', ...TIED];
  const pick = () => common[Math.floor(common.length * random() ** 2)]!;
  const rows: string[][] = [];
  for (let o = 0; o < orderCount; o++) {
    const order = `ord-${o}`;
    const size = random() < 0.25 ? 1 : 2 + Math.floor(random() * 4);
    const basket = new Set<string>();
    if (random() < 0.3) for (const id of SPECIAL.slice(o % 5, (o % 5) + 3)) basket.add(id);
    while (basket.size < size) basket.add(pick());
    for (const id of basket) {
      rows.push([order, id, '1']);
      if (random() < 0.1) rows.push([order, id, random() < 0.5 ? '2' : '']); // the same product on another line
    }
    if (random() < 0.05) rows.push([order, 'ghost-' + Math.floor(random() * 5), '1']); // not in the catalog
    if (random() < 0.05) rows.push([order, pick(), '0']); // a return, not a purchase
  }
  for (let o = 0; o < 6; o++) for (const partner of TIED) rows.push([`tie-${o}-${partner}`, 'tie-anchor', '1'], [`tie-${o}-${partner}`, partner, '1']);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  const lines = ['order_id,product_id,qty', ...rows.map((r) => r.map(csvField).join(','))];
  lines.push(',p-001,1', 'ord-1,,1', 'ord-2,p-002,many', 'ord-3,p-003', 'ord-4,"p-004"x,1'); // bad rows
  return { ids, lines };
}

/** products.csv for `ids`: seeded prices, so that some mined cross-sells cost more than their anchor. */
export function productLines(ids: readonly string[], seed = 1): string[] {
  const random = seededRandom(seed);
  return ['id,title,price,url', ...ids.map((id) => [id, `Product ${id}`, String(5 + Math.floor(random() * 100)), `/p/${encodeURIComponent(id)}`].map(csvField).join(','))];
}
