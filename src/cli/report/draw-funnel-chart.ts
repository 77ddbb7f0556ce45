import { escapeHtml as esc, formatCount, formatPercent } from './format-figures';

export interface FunnelStep {
  label: string;
  count: number;
}

const W = 640;
const LABEL_W = 190;
const PLOT_W = 300;
const BAR = 26;
const GAP = 10;

/**
 * The offer funnel as centred horizontal bars, widest first, each labelled with its count and
 * its share of the step before. Linear widths: the later steps are thin because they are.
 */
export function drawFunnelChart(steps: readonly FunnelStep[], id: string): string {
  const first = steps[0]?.count ?? 0;
  if (first === 0) return `<p class="empty">No impressions yet: no funnel to draw.</p>`;
  const max = Math.max(...steps.map((s) => s.count));
  const cx = LABEL_W + PLOT_W / 2;
  const h = steps.length * (BAR + GAP);
  const parts = steps.map((s, i) => {
    const y = i * (BAR + GAP);
    const w = Math.max(2, (s.count / max) * PLOT_W);
    const prev = i > 0 ? steps[i - 1]!.count : 0;
    const share = i > 0 ? ` (${formatPercent(prev > 0 ? s.count / prev : null)} of ${steps[i - 1]!.label.toLowerCase()})` : '';
    return [
      `<g><title>${esc(`${s.label}: ${formatCount(s.count)}${share}`)}</title>`,
      `<text x="0" y="${y + BAR / 2 + 5}" class="label">${esc(s.label)}</text>`,
      `<rect class="f" x="${(cx - w / 2).toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" rx="3"/>`,
      `<text x="${LABEL_W + PLOT_W + 10}" y="${y + BAR / 2 + 5}" class="value">${esc(formatCount(s.count))}${i > 0 ? ` · ${esc(formatPercent(prev > 0 ? s.count / prev : null))}` : ''}</text></g>`,
    ].join('');
  });
  const desc = steps.map((s) => `${s.label} ${formatCount(s.count)}`).join(', then ');
  return [
    `<svg class="chart" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">Offer funnel</title><desc id="${id}-desc">${esc(desc)}.</desc>`,
    ...parts,
    `</svg>`,
  ].join('\n');
}
