import { CI_METHOD } from './compare-aov';
import { NA, ORDER_VALUE_HEADERS, describeLift, formatCount, formatPercent, orderValueFigures } from './format-figures';
import type { Kpis, ReportMeta, ReportResult } from './report-types';

/** Rejected lines the table lists; the JSON lists up to a thousand. */
const LISTED_REJECTS = 20;
/**
 * Segment and placement names longer than this are cut (with …) in the table, whose every
 * row is padded to the widest name: one huge name would blow up every line. JSON keeps them.
 */
export const MAX_LABEL_CHARS = 60;

/** How orders and offer items are placed, for the table and the page. */
export const BY_PLACEMENT =
  'By placement, offer revenue and margin count where the visitor added the item (its add event), ' +
  'everything else about an order where its purchase event was sent';

type Align = 'left' | 'right';
type Row = { label: string; kpis?: Kpis };

/**
 * The report as aligned plain text: the overall lift in words, then two tables (funnel, order
 * value) over the same scopes. Amounts carry `meta.currency` when there is one.
 */
export function formatTable(r: ReportResult, meta: ReportMeta): string {
  const rows = scopes(r);
  const out: string[] = [];
  out.push(`Offerwise report: ${meta.source}`);
  out.push(summarize(r, meta), '');
  out.push(`${describeLift(r.overall, meta.currency)}.`, '');

  out.push(
    ...table(
      ['OFFER FUNNEL', 'impressions', 'clicks', 'CTR', 'adds', 'add rate', 'orders', 'treatment', 'holdout'],
      rows,
      (k) => [
        formatCount(k.impressions),
        formatCount(k.clicks),
        formatPercent(k.ctr),
        formatCount(k.adds),
        formatPercent(k.addRate),
        formatCount(k.orders),
        formatCount(k.detail.treatment.orders),
        formatCount(k.detail.holdout.orders),
      ],
    ),
    '',
  );
  out.push(
    ...table(
      ['ORDER VALUE', ...ORDER_VALUE_HEADERS],
      rows,
      (k) => orderValueFigures(k, meta.currency),
    ),
    '',
  );

  out.push(`Attach and upgrade rates and offer revenue count treatment orders. ${CI_METHOD}`);
  out.push(`${BY_PLACEMENT}.`);
  const missing = r.overall.detail.offerItemsWithoutCost;
  if (missing > 0)
    out.push(`Offer margin is ${NA} where offer items have no cost (${formatCount(missing)} overall): add \`cost\` to purchase items or pass --catalog.`);

  if (r.rejectedCount > 0) {
    const shown = r.rejectedLines.slice(0, LISTED_REJECTS);
    out.push('', `REJECTED LINES (${formatCount(r.rejectedCount)}${r.rejectedCount > shown.length ? `; the first ${shown.length}, --format json lists up to 1,000` : ''})`);
    for (const { line, error } of shown) out.push(`  line ${line}: ${error}`);
  }
  return out.join('\n') + '\n';
}

/** "1,000 lines: 990 events, 10 rejected, 3 repeated purchases ignored". */
export function summarize(r: ReportResult, meta: ReportMeta): string {
  const parts = [`${formatCount(r.events)} events`, `${formatCount(r.rejectedCount)} rejected`];
  if (r.duplicateOrders > 0)
    parts.push(`${formatCount(r.duplicateOrders)} repeated purchase event${r.duplicateOrders === 1 ? '' : 's'} ignored`);
  return `${formatCount(meta.lines)} lines: ${parts.join(', ')}`;
}

/** Overall, then each segment and each placement under a heading row. */
function scopes(r: ReportResult): Row[] {
  const rows: Row[] = [{ label: 'overall', kpis: r.overall }];
  const section = (title: string, record: Record<string, Kpis>) => {
    const entries = Object.entries(record);
    if (!entries.length) return;
    rows.push({ label: title });
    for (const [name, kpis] of entries) rows.push({ label: `  ${tableLabel(name)}`, kpis });
  };
  section('by segment', r.bySegment);
  section('by placement', r.byPlacement);
  return rows;
}

/**
 * A name as one short cell: at most `MAX_LABEL_CHARS` characters (code points, as
 * `alignColumns` counts them), and control characters (a newline, a terminal escape) shown
 * as `?` so a name can neither break the table's lines nor drive the terminal.
 */
export function tableLabel(name: string): string {
  // A code point is at most two code units: this much of the name is enough to cut it.
  const chars = Array.from(name.slice(0, 2 * MAX_LABEL_CHARS + 2));
  const cut = chars.length > MAX_LABEL_CHARS ? chars.slice(0, MAX_LABEL_CHARS - 1).join('') + '…' : chars.join('');
  return cut.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function table(header: string[], rows: Row[], cells: (k: Kpis) => string[]): string[] {
  const grid = [header, ...rows.map((row) => [row.label, ...(row.kpis ? cells(row.kpis) : [])])];
  const aligns: Align[] = header.map((_, i) => (i === 0 ? 'left' : 'right'));
  return alignColumns(grid, aligns);
}

/** Pads cells so columns line up, two spaces apart; short rows (headings) are left as they are. */
export function alignColumns(grid: string[][], aligns: Align[]): string[] {
  const widths = aligns.map((_, c) => Math.max(...grid.map((row) => (row.length > 1 ? [...(row[c] ?? '')].length : 0))));
  return grid.map((row) => {
    if (row.length <= 1) return row[0] ?? '';
    return row
      .map((cell, c) => {
        const pad = ' '.repeat(Math.max(0, (widths[c] ?? 0) - [...cell].length));
        return aligns[c] === 'left' ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd();
  });
}
