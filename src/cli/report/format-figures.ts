import type { Kpis } from './report-types';
/**
 * How figures read in the table and the page: fixed `en-US` grouping so output does not
 * change with the machine's locale, and "n/a" for a figure that cannot be computed.
 */

export const NA = 'n/a';

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * How amounts read: with a currency (a valid 3-letter code), its symbol and usual decimals
 * (`$1,234.50`, `€1,234.50`, `¥1,235`); without one, plain with two decimals (`1,234.50`).
 * `signed` puts + before gains (`+$4.20`); 0 has no sign.
 */
function moneyFormat(currency: string | null | undefined, signed: boolean): Intl.NumberFormat {
  const key = `${currency ?? ''}${signed ? '+' : ''}`;
  let format = moneyFormats.get(key);
  if (!format) {
    const sign = signed ? ({ signDisplay: 'exceptZero' } as const) : {};
    format = currency
      ? new Intl.NumberFormat('en-US', { style: 'currency', currency, ...sign })
      : new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, ...sign });
    moneyFormats.set(key, format);
  }
  return format;
}

export const formatCount = (n: number): string => counts.format(n);

export const formatMoney = (x: number | null, currency?: string | null): string =>
  x === null ? NA : moneyFormat(currency, false).format(x);

/** A change of an amount, with its sign: `+$4.20`, `-$1.10`, `$0.00`. */
export const formatMoneyChange = (x: number | null, currency?: string | null): string =>
  x === null ? NA : moneyFormat(currency, true).format(x);

export const formatPercent = (x: number | null, digits = 1): string => (x === null ? NA : `${(x * 100).toFixed(digits)}%`);

/** A lift, with its sign: `+7.0%`, `-3.1%`. */
export const formatLift = (x: number | null): string => {
  if (x === null) return NA;
  const s = (x * 100).toFixed(1);
  return s.startsWith('-') || s === '0.0' ? `${s === '-0.0' ? '0.0' : s}%` : `+${s}%`;
};

export const formatInterval = (ci: readonly [number, number] | null, each: (x: number) => string = formatLift): string =>
  ci === null ? NA : `[${each(ci[0])}, ${each(ci[1])}]`;

/**
 * The overall lift in plain words, and whether its 95% interval excludes 0:
 * "AOV lift +20.0% (+$20.00 per order; 95% interval +4.1% to +35.9%): the interval excludes
 * 0, so the lift is unlikely to be chance", or "…: the interval includes 0: not enough
 * evidence of a lift yet". The lift is a ratio (analytics.md), so its interval is in percent;
 * the amount is the difference of the two AOVs.
 */
export function describeLift(k: Kpis, currency?: string | null): string {
  const { lift, ci95, treatment, holdout } = k.aov;
  if (lift === null || treatment === null || holdout === null)
    return 'AOV lift: n/a, it needs orders in both groups (treatment and holdout) and a holdout AOV above 0';
  const head = `AOV lift ${formatLift(lift)} (${formatMoneyChange(treatment - holdout, currency)} per order`;
  if (ci95 === null) return `${head}): no 95% interval yet, it needs at least 2 orders in each group`;
  const [lo, hi] = ci95;
  const said = `${head}; 95% interval ${formatLift(lo)} to ${formatLift(hi)}): the interval`;
  if (lo > 0) return `${said} excludes 0, so the lift is unlikely to be chance`;
  if (hi < 0) return `${said} excludes 0, so the drop is unlikely to be chance`;
  return `${said} includes 0: not enough evidence of a lift yet`;
}

/** Text made safe for HTML content and double-quoted attributes. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The order-value columns (attach, upgrade, offer revenue and margin, AOV per group, lift and its interval), for both the table and the HTML report. */
export const ORDER_VALUE_HEADERS = ['attach', 'upgrade', 'offer revenue', 'offer margin', 'AOV treatment', 'AOV holdout', 'lift', '95% CI of lift'];
export const orderValueFigures = (k: Kpis, currency?: string | null): string[] => [
  formatPercent(k.attachRate),
  formatPercent(k.upgradeRate),
  formatMoney(k.offerRevenue, currency),
  formatMoney(k.offerMargin, currency),
  formatMoney(k.aov.treatment, currency),
  formatMoney(k.aov.holdout, currency),
  formatLift(k.aov.lift),
  formatInterval(k.aov.ci95),
];
