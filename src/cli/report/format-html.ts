import { CI_METHOD } from './compare-aov';
import { drawAovChart, type AovRow } from './draw-aov-chart';
import { drawFunnelChart, type FunnelStep } from './draw-funnel-chart';
import {
  ORDER_VALUE_HEADERS,
  describeLift,
  escapeHtml as esc,
  formatCount,
  formatInterval,
  formatLift,
  formatMoney,
  formatPercent,
  orderValueFigures,
} from './format-figures';
import { BY_PLACEMENT, summarize } from './format-table';
import type { Kpis, ReportMeta, ReportResult } from './report-types';

/** Rejected lines the page lists (the JSON lists up to a thousand). */
const LISTED_REJECTS = 100;

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2933;--muted:#52606d;--line:#d9dee3;--bg:#fff;--t:#1d4ed8;--h:#7b8794;--f:#0f766e}
@media (prefers-color-scheme:dark){:root{--fg:#e4e7eb;--muted:#9aa5b1;--line:#3e4c59;--bg:#111827;--t:#60a5fa;--h:#9aa5b1;--f:#2dd4bf}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px}
.meta,.note-p,.empty{color:var(--muted)}
.verdict{font-size:16px;margin:0 0 8px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:20px 0;padding:0}
.kpis div{border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.kpis dt{color:var(--muted);font-size:13px}.kpis dd{margin:0;font-size:20px;font-weight:600}
.kpis dd small{display:block;font-size:12px;font-weight:400;color:var(--muted)}
.chart{max-width:100%;height:auto;display:block;margin:8px 0}
.chart text{fill:currentColor;font-size:12px}.chart .label{font-size:13px;font-weight:600}
.chart .note,.chart .tick{fill:var(--muted);font-size:11px}
.chart .t{fill:var(--t)}.chart .h{fill:var(--h)}.chart .f{fill:var(--f)}
.chart .hatch{stroke:var(--bg);stroke-width:2}
.chart .grid{stroke:var(--line)}.chart .whisker{stroke:var(--fg);stroke-width:1.5;fill:none}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:8px 0;min-width:100%}
caption{text-align:left;color:var(--muted);padding:4px 0}
table{font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:right;white-space:nowrap}
th:first-child,td:first-child,.text{text-align:left}
td.text{white-space:normal}
thead th{font-size:13px;color:var(--muted);font-weight:600}
tbody th{font-weight:600}
`;

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script, no request.
 * Each chart is an image with a title and a description, followed by a table of the same figures.
 * Amounts carry `meta.currency` when there is one.
 */
export function formatHtml(r: ReportResult, meta: ReportMeta): string {
  const o = r.overall;
  const currency = meta.currency;
  const aovRows: AovRow[] = [{ label: 'overall', kpis: o }, ...Object.entries(r.bySegment).map(([label, kpis]) => ({ label, kpis }))];
  const funnel: FunnelStep[] = [
    { label: 'Impressions', count: o.impressions },
    { label: 'Clicks', count: o.clicks },
    { label: 'Adds', count: o.adds },
    { label: 'Orders with an offer', count: o.detail.offerOrders },
  ];

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offerwise report: ${esc(meta.source)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Offerwise report</h1>
<p class="meta">${esc(meta.source)} · ${esc(summarize(r, meta))}</p>
${tiles(o, currency)}
<p class="verdict">${esc(describeLift(o, currency))}.</p>
<section aria-labelledby="aov-h">
<h2 id="aov-h">Average order value: treatment vs holdout</h2>
${drawAovChart(aovRows, 'aov', currency)}
${aovTable(aovRows, currency)}
<p class="note-p">${esc(CI_METHOD)} Whiskers show each group's own 95% interval of the mean.</p>
</section>
<section aria-labelledby="funnel-h">
<h2 id="funnel-h">Offer funnel</h2>
${drawFunnelChart(funnel, 'funnel')}
${funnelTable(funnel)}
<p class="note-p">Impressions, clicks and adds count offer events; the last step counts treatment orders holding at least one offer item.</p>
</section>
<section aria-labelledby="seg-h">
<h2 id="seg-h">By segment</h2>
${kpiTable('Figures per shopper segment', o, r.bySegment, currency)}
</section>
<section aria-labelledby="pl-h">
<h2 id="pl-h">By placement</h2>
${kpiTable('Figures per placement', o, r.byPlacement, currency)}
<p class="note-p">${esc(BY_PLACEMENT)}.</p>
</section>
${rejected(r)}
</main>
</body>
</html>
`;
}

function tiles(o: Kpis, currency: string | null | undefined): string {
  const tile = (name: string, value: string, sub = '') =>
    `<div><dt>${esc(name)}</dt><dd>${esc(value)}${sub && `<small>${esc(sub)}</small>`}</dd></div>`;
  return `<dl class="kpis">
${tile('AOV lift', formatLift(o.aov.lift), `95% CI ${formatInterval(o.aov.ci95)}`)}
${tile('Orders', formatCount(o.orders), `${formatCount(o.detail.treatment.orders)} treatment · ${formatCount(o.detail.holdout.orders)} holdout`)}
${tile('Attach rate', formatPercent(o.attachRate), 'orders with a cross-sell')}
${tile('Upgrade rate', formatPercent(o.upgradeRate), 'orders with an upsell')}
${tile('Offer revenue', formatMoney(o.offerRevenue, currency))}
${tile('Offer margin', formatMoney(o.offerMargin, currency), o.offerMargin === null ? 'costs missing' : '')}
</dl>`;
}

/** A table with a caption, column headers and a header cell per row, scrollable when wide. */
function dataTable(caption: string, head: string[], rows: string[][], textColumns: number[] = []): string {
  const cls = (i: number) => (textColumns.includes(i) ? ' class="text"' : '');
  const th = head.map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`).join('');
  const body = rows.map(
    ([first, ...rest]) => `<tr><th scope="row">${esc(first ?? '')}</th>${rest.map((c, i) => `<td${cls(i + 1)}>${esc(c)}</td>`).join('')}</tr>`,
  );
  return `<div class="scroll" role="region" aria-label="${esc(caption)}" tabindex="0"><table>
<caption>${esc(caption)}</caption>
<thead><tr>${th}</tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table></div>`;
}

function aovTable(rows: AovRow[], currency: string | null | undefined): string {
  return dataTable(
    'Average order value per group (the chart as a table)',
    ['scope', 'treatment orders', 'AOV treatment', '95% CI', 'holdout orders', 'AOV holdout', '95% CI', 'lift', '95% CI of lift'],
    rows.map(({ label, kpis: k }) => {
      const { treatment: t, holdout: h } = k.detail;
      const money = (x: number | null) => formatMoney(x, currency);
      const range = (ci: [number, number] | null) => formatInterval(ci, money);
      return [label, formatCount(t.orders), money(t.mean), range(t.ci95), formatCount(h.orders), money(h.mean), range(h.ci95), formatLift(k.aov.lift), formatInterval(k.aov.ci95)];
    }),
  );
}

function funnelTable(steps: FunnelStep[]): string {
  const first = steps[0]?.count ?? 0;
  return dataTable(
    'Offer funnel (the chart as a table)',
    ['step', 'count', 'of the step before', 'of impressions'],
    steps.map((s, i) => {
      const prev = i > 0 ? steps[i - 1]!.count : 0;
      return [s.label, formatCount(s.count), i === 0 ? '' : formatPercent(prev > 0 ? s.count / prev : null), formatPercent(first > 0 ? s.count / first : null)];
    }),
  );
}

function kpiTable(caption: string, overall: Kpis, record: Record<string, Kpis>, currency: string | null | undefined): string {
  const rows = [['overall', overall] as const, ...Object.entries(record)].map(([name, k]) => [
    name,
    formatCount(k.impressions),
    formatPercent(k.ctr),
    formatCount(k.adds),
    formatPercent(k.addRate),
    formatCount(k.orders),
    ...orderValueFigures(k, currency),
  ]);
  return dataTable(
    caption,
    ['scope', 'impressions', 'CTR', 'adds', 'add rate', 'orders', ...ORDER_VALUE_HEADERS],
    rows,
  );
}

function rejected(r: ReportResult): string {
  if (r.rejectedCount === 0) return '';
  const shown = r.rejectedLines.slice(0, LISTED_REJECTS);
  const more = r.rejectedCount > shown.length ? ` The first ${shown.length} are listed; --format json lists up to 1,000.` : '';
  return `<section aria-labelledby="rej-h">
<h2 id="rej-h">Rejected lines (${esc(formatCount(r.rejectedCount))})</h2>
<p class="note-p">These lines were skipped; the figures above leave them out.${esc(more)}</p>
${dataTable('Rejected lines', ['line', 'reason'], shown.map(({ line, error }) => [String(line), error]), [1])}
</section>`;
}
