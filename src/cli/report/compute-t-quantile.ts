import quantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * Degrees of freedom past which the t distribution is taken at this many instead: stdlib
 * returns NaN for Infinity, and from here on t and the normal agree to ~1e-12
 * (t − z ≈ z(z² + 1)/4ν), far below anything a report prints.
 */
const NORMAL_DF = 1e12;

/**
 * The p-quantile of Student's t with `df` degrees of freedom, df fractional (Welch–Satterthwaite
 * gives those) or Infinity: stdlib's quantile (an inverse of the regularized incomplete beta
 * function). NaN outside 0 < p < 1 and df > 0, where stdlib would give ±Infinity at p = 0 or 1:
 * no interval is better than an infinite one.
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
  return quantile(p, Math.min(df, NORMAL_DF));
}
