import { escapeHtml as esc, formatLift, formatInterval, formatMoney } from './format-figures';
import type { GroupAov, Kpis } from './report-types';

export interface AovRow {
  label: string;
  kpis: Kpis;
}

const W = 640;
const PLOT_X = 150; // bars start here; labels sit to the left
const PLOT_W = 400;
const BAR = 14;
const ROW = 2 * BAR + 4 + 16;
const TOP = 34;
const AXIS = 22;

/**
 * AOV of treatment vs holdout per scope as horizontal bars, each with a whisker for its
 * 95% interval of the mean, and the lift with its interval under the scope's name.
 * Holdout bars are hatched as well as grey, so the groups differ without colour.
 * Inline SVG with a <title> and a <desc> that says the same figures in words; amounts in
 * `currency` when there is one.
 */
export function drawAovChart(rows: readonly AovRow[], id: string, currency?: string | null): string {
  const money = (x: number | null) => formatMoney(x, currency);
  const shown = rows.filter((r) => r.kpis.orders > 0);
  if (!shown.length) return `<p class="empty">No orders yet: no order values to compare.</p>`;
  const top = (g: GroupAov) => Math.max(g.mean ?? 0, g.ci95?.[1] ?? 0);
  const { step, max } = niceScale(Math.max(...shown.flatMap((r) => [top(r.kpis.detail.treatment), top(r.kpis.detail.holdout)])));
  const x = (v: number) => PLOT_X + (Math.min(Math.max(v, 0), max) / max) * PLOT_W;
  const h = TOP + shown.length * ROW + AXIS;

  const parts: string[] = [];
  // Legend
  parts.push(
    `<rect class="t" x="${PLOT_X}" y="6" width="12" height="12"/><text x="${PLOT_X + 18}" y="16">treatment</text>`,
    `<rect class="h" x="${PLOT_X + 110}" y="6" width="12" height="12"/><rect fill="url(#${id}-hatch)" x="${PLOT_X + 110}" y="6" width="12" height="12"/><text x="${PLOT_X + 128}" y="16">holdout</text>`,
    `<text x="${PLOT_X + 210}" y="16" class="note">whiskers: 95% CI of the mean</text>`,
  );
  // Grid and axis
  for (let v = 0; v <= max + step / 2; v += step) {
    const gx = x(v).toFixed(1);
    parts.push(`<line class="grid" x1="${gx}" x2="${gx}" y1="${TOP - 6}" y2="${h - AXIS}"/>`);
    parts.push(`<text class="tick" x="${gx}" y="${h - 6}" text-anchor="middle">${esc(money(v).replace(/\.00$/, ''))}</text>`);
  }
  shown.forEach((r, i) => {
    const y = TOP + i * ROW;
    const { treatment, holdout } = r.kpis.detail;
    parts.push(`<text x="0" y="${y + BAR}" class="label">${esc(r.label)}</text>`);
    parts.push(`<text x="0" y="${y + 2 * BAR + 2}" class="note">lift ${esc(formatLift(r.kpis.aov.lift))}</text>`);
    parts.push(bar(treatment, 't', `${r.label}, treatment`, y, x, id, money));
    parts.push(bar(holdout, 'h', `${r.label}, holdout`, y + BAR + 4, x, id, money));
  });

  const title = 'Average order value, treatment vs holdout';
  const desc = shown
    .map((r) => {
      const { aov } = r.kpis;
      return `${r.label}: treatment ${money(aov.treatment)}, holdout ${money(aov.holdout)}, lift ${formatLift(aov.lift)} (95% CI ${formatInterval(aov.ci95)})`;
    })
    .join('; ');
  return [
    `<svg class="chart" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(desc)}.</desc>`,
    `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line class="hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>`,
    ...parts,
    `</svg>`,
  ].join('\n');
}

function bar(
  g: GroupAov,
  cls: 't' | 'h',
  name: string,
  y: number,
  x: (v: number) => number,
  id: string,
  money: (x: number | null) => string,
): string {
  if (g.mean === null) return `<text x="${PLOT_X + 4}" y="${y + BAR - 3}" class="note">${esc(name.split(', ').pop()!)}: no orders</text>`;
  const w = Math.max(1, x(g.mean) - PLOT_X).toFixed(1);
  const tip = `${name}: ${money(g.mean)} over ${g.orders} orders (95% CI ${formatInterval(g.ci95, money)})`;
  const out = [`<g><title>${esc(tip)}</title><rect class="${cls}" x="${PLOT_X}" y="${y}" width="${w}" height="${BAR}"/>`];
  if (cls === 'h') out.push(`<rect fill="url(#${id}-hatch)" x="${PLOT_X}" y="${y}" width="${w}" height="${BAR}"/>`);
  let end = x(g.mean);
  if (g.ci95) {
    const [lo, hi] = g.ci95.map(x) as [number, number];
    const cy = y + BAR / 2;
    out.push(
      `<path class="whisker" d="M${lo.toFixed(1)} ${cy}H${hi.toFixed(1)}M${lo.toFixed(1)} ${cy - 4}v8M${hi.toFixed(1)} ${cy - 4}v8"/>`,
    );
    end = Math.max(end, hi);
  }
  out.push(`<text x="${(end + 6).toFixed(1)}" y="${y + BAR - 3}" class="value">${esc(money(g.mean))}</text></g>`);
  return out.join('');
}

/** An axis from 0 to a multiple of a round step (1, 2 or 5 × 10ⁿ) ≥ v, in three to five steps. */
export function niceScale(v: number): { step: number; max: number } {
  if (!(v > 0)) return { step: 1, max: 1 };
  const rough = v / 4;
  const p = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * p >= rough) ?? 10) * p;
  return { step, max: Math.ceil(v / step - 1e-9) * step };
}
