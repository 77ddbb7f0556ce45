import type { Kpis } from './report-types';
/**
 * How figures read in the table and the page: fixed `en-US` grouping so output does not
 * change with the machine's locale, and "n/a" for a figure that cannot be computed.
 */

export const NA = 'n/a';

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatCount = (n: number): string => counts.format(n);

export const formatMoney = (x: number | null): string => (x === null ? NA : money.format(x));

export const formatPercent = (x: number | null, digits = 1): string => (x === null ? NA : `${(x * 100).toFixed(digits)}%`);

/** A lift, with its sign: `+7.0%`, `-3.1%`. */
export const formatLift = (x: number | null): string => {
  if (x === null) return NA;
  const s = (x * 100).toFixed(1);
  return s.startsWith('-') || s === '0.0' ? `${s === '-0.0' ? '0.0' : s}%` : `+${s}%`;
};

export const formatInterval = (ci: readonly [number, number] | null, each: (x: number) => string = formatLift): string =>
  ci === null ? NA : `[${each(ci[0])}, ${each(ci[1])}]`;

/** Text made safe for HTML content and double-quoted attributes. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The order-value columns (attach, upgrade, offer revenue and margin, AOV per group, lift and its interval), for both the table and the HTML report. */
export const ORDER_VALUE_HEADERS = ['attach', 'upgrade', 'offer revenue', 'offer margin', 'AOV treatment', 'AOV holdout', 'lift', '95% CI of lift'];
export const orderValueFigures = (k: Kpis): string[] => [
  formatPercent(k.attachRate),
  formatPercent(k.upgradeRate),
  formatMoney(k.offerRevenue),
  formatMoney(k.offerMargin),
  formatMoney(k.aov.treatment),
  formatMoney(k.aov.holdout),
  formatLift(k.aov.lift),
  formatInterval(k.aov.ci95),
];
