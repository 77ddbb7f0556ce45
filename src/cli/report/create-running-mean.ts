/** A mean and variance kept in constant memory, whatever the number of values. */
export interface RunningMean {
  readonly n: number;
  readonly mean: number;
  /** Sample variance (n − 1 in the denominator); NaN below two values. */
  readonly variance: number;
  push(x: number): void;
}

/**
 * Welford's online algorithm: one pass, O(1) memory, and no catastrophic cancellation
 * (the naive Σx² − n·mean² loses every digit when order values are large and alike).
 */
export function createRunningMean(): RunningMean {
  let n = 0;
  let mean = 0;
  let m2 = 0; // Σ (x − mean)², updated as the mean moves
  return {
    get n() {
      return n;
    },
    get mean() {
      return mean;
    },
    get variance() {
      return n > 1 ? m2 / (n - 1) : NaN;
    },
    push(x) {
      n++;
      const delta = x - mean;
      mean += delta / n;
      m2 += delta * (x - mean);
    },
  };
}
