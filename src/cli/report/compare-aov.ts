import { tQuantile } from './compute-t-quantile';

/** What the comparison needs from a group: its order count, mean and sample variance. */
export interface Moments {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

export interface AovComparison {
  /** AOV(treatment) ÷ AOV(holdout) − 1. */
  lift: number | null;
  ci95: [number, number] | null;
  /** The Welch–Satterthwaite degrees of freedom used for the t quantile. */
  df: number | null;
}

/** How the interval is computed, in words: for the help text, the table and the page. */
export const CI_METHOD =
  'Welch-type 95% CI of the lift: delta method on AOV(t)/AOV(h) − 1 with unequal-variance ' +
  'standard errors, Student t quantile at the Welch–Satterthwaite degrees of freedom.';

/**
 * The lift of treatment AOV over holdout AOV with a Welch-type 95% confidence interval.
 *
 * With R = m_t / m_h and the groups independent, the delta method gives
 *   Var(R) ≈ s_t²/(n_t·m_h²) + m_t²·s_h²/(n_h·m_h⁴) = c_t + c_h
 * (unequal variances: each group keeps its own s², as in Welch's t-test). That form is used
 * rather than R²·(CV_t² + CV_h²) because it stays defined when m_t = 0. The two terms are
 * scaled variance estimates with n − 1 degrees of freedom each, so the Welch–Satterthwaite
 * approximation gives ν = (c_t + c_h)² / (c_t²/(n_t − 1) + c_h²/(n_h − 1)), and
 *   CI = (R − 1) ± t(0.975, ν) · √(c_t + c_h).
 * Symmetric, so with few orders or skewed values its lower end can fall below −100%:
 * that is a sign to collect more orders, and is left visible rather than clipped.
 *
 * Both terms are computed from ratios to m_h (c_t = (s_t/m_h)²/n_t, c_h = (R·s_h/m_h)²/n_h),
 * never from m_h⁴ or m_t², which overflow for large amounts and vanish for tiny ones (NaN).
 *
 * Null where undefined: no orders in a group or a zero holdout AOV (no lift); fewer than two
 * orders in a group (no variance, so no interval); figures past what a double holds. Both
 * variances zero gives a zero-width interval at the lift.
 */
export function compareAov(t: Moments, h: Moments): AovComparison {
  if (t.n === 0 || h.n === 0 || h.mean === 0) return { lift: null, ci95: null, df: null };
  const ratio = t.mean / h.mean;
  if (!Number.isFinite(ratio)) return { lift: null, ci95: null, df: null };
  const lift = ratio - 1;
  if (t.n < 2 || h.n < 2) return { lift, ci95: null, df: null };
  const ct = (Math.sqrt(t.variance) / h.mean) ** 2 / t.n;
  const ch = ((ratio * Math.sqrt(h.variance)) / h.mean) ** 2 / h.n;
  const v = ct + ch;
  if (v === 0) return { lift, ci95: [lift, lift], df: null };
  const df = (v * v) / ((ct * ct) / (t.n - 1) + (ch * ch) / (h.n - 1));
  const half = tQuantile(0.975, df) * Math.sqrt(v);
  if (!Number.isFinite(half)) return { lift, ci95: null, df: null };
  return { lift, ci95: [lift - half, lift + half], df };
}

/** One group's mean with its 95% Student t interval (m ± t(0.975, n − 1)·s/√n); null below two values. */
export function meanInterval(m: Moments): [number, number] | null {
  if (m.n < 2) return null;
  const half = tQuantile(0.975, m.n - 1) * Math.sqrt(m.variance / m.n);
  return [m.mean - half, m.mean + half];
}
