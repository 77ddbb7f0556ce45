import { describe, expect, it } from 'vitest';
import { compareAov, meanInterval, type Moments } from './compare-aov';

/** n, mean and sample variance of a list, computed the slow way. */
const moments = (xs: number[]): Moments => {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  return { n, mean, variance: n > 1 ? xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) : NaN };
};

describe('compareAov: lift and its Welch-type 95% CI', () => {
  it('hand computation, equal coefficients of variation (integer df)', () => {
    // treatment 108, 120, 132: mean 120, s² 144; holdout 90, 100, 110: mean 100, s² 100.
    // c_t = 144/(3·100²) = 0.0048; c_h = 120²·100/(3·100⁴) = 0.0048; SE = √0.0096 = 0.0979796.
    // ν = 0.0096² / (0.0048²/2 + 0.0048²/2) = 4; t(0.975, 4) = 2.7764451 (table).
    // half-width = 2.7764451 × 0.0979796 = 0.2720350; lift = 0.2.
    const r = compareAov(moments([108, 120, 132]), moments([90, 100, 110]));
    expect(r.lift).toBeCloseTo(0.2, 12);
    expect(r.df).toBeCloseTo(4, 10);
    expect(r.ci95![0]).toBeCloseTo(0.2 - 0.272035, 6);
    expect(r.ci95![1]).toBeCloseTo(0.2 + 0.272035, 6);
  });

  it('hand computation, unequal variances (fractional df)', () => {
    // treatment 100, 120, 140: mean 120, s² 400; holdout 90, 100, 110: mean 100, s² 100.
    // c_t = 400/(3·10⁴) = 0.0133333; c_h = 14400·100/(3·10⁸) = 0.0048; v = 0.0181333.
    // ν = v² / (c_t²/2 + c_h²/2) = 3.27478; t(0.975, 3.27478) = 3.0365786 (scipy);
    // half-width = 3.0365786 × √v = 3.0365786 × 0.1346597 = 0.4089048.
    const r = compareAov(moments([100, 120, 140]), moments([90, 100, 110]));
    expect(r.lift).toBeCloseTo(0.2, 12);
    expect(r.df).toBeCloseTo(3.27478, 4);
    expect(r.ci95![0]).toBeCloseTo(0.2 - 0.4089048, 5);
    expect(r.ci95![1]).toBeCloseTo(0.2 + 0.4089048, 5);
  });

  it.each([
    ['no treatment orders', [], [90, 100], { lift: null, ci95: null, df: null }],
    ['no holdout orders', [100, 120], [], { lift: null, ci95: null, df: null }],
    ['a zero holdout AOV', [100, 120], [0, 0], { lift: null, ci95: null, df: null }],
    ['one treatment order: a lift, no interval', [120], [90, 110], { lift: 0.2, ci95: null, df: null }],
    ['one holdout order: a lift, no interval', [110, 130], [100], { lift: 0.2, ci95: null, df: null }],
    ['no variance anywhere: a zero-width interval', [120, 120], [100, 100], { lift: 0.2, ci95: [0.2, 0.2], df: null }],
  ])('%s', (_, t, h, expected) => {
    const r = compareAov(moments(t), moments(h));
    if (expected.lift === null) expect(r.lift).toBeNull();
    else expect(r.lift).toBeCloseTo(expected.lift, 12);
    expect(r.df).toEqual(expected.df);
    if (expected.ci95 === null) expect(r.ci95).toBeNull();
    else {
      expect(r.ci95![0]).toBeCloseTo(expected.ci95[0]!, 12);
      expect(r.ci95![1]).toBeCloseTo(expected.ci95[1]!, 12);
    }
  });

  it('stays defined when the treatment AOV is 0', () => {
    const r = compareAov(moments([0, 0, 0]), moments([90, 100, 110]));
    expect(r.lift).toBe(-1);
    expect(r.ci95).toEqual([-1, -1]); // c_t = 0 and c_h = 0·… = 0
  });

  it('gives the same lift and interval at any scale: no power of a mean overflows or vanishes', () => {
    const base = compareAov(moments([100, 120, 140]), moments([90, 100, 110]));
    // Scales whose variances (scale²) a double still holds; mean⁴ does not at any of them.
    for (const scale of [1e-150, 1e-100, 1e100, 1e150]) {
      const r = compareAov(moments([100, 120, 140].map((x) => x * scale)), moments([90, 100, 110].map((x) => x * scale)));
      expect(r.lift, `scale ${scale}`).toBeCloseTo(base.lift!, 10);
      expect(r.df, `scale ${scale}`).toBeCloseTo(base.df!, 6);
      expect(r.ci95![0], `scale ${scale}`).toBeCloseTo(base.ci95![0], 6);
      expect(r.ci95![1], `scale ${scale}`).toBeCloseTo(base.ci95![1], 6);
    }
  });

  it('is null, never NaN or infinite, where a figure passes what a double holds', () => {
    const r = compareAov({ n: 3, mean: 1e300, variance: 1e300 }, { n: 3, mean: 1e-300, variance: 0 });
    expect(r).toEqual({ lift: null, ci95: null, df: null });
  });

  it('one group without variance: ν is the other group’s n − 1', () => {
    const r = compareAov(moments([120, 120, 120, 120]), moments([90, 100, 110]));
    expect(r.df).toBeCloseTo(2, 10);
  });
});

describe('meanInterval', () => {
  it('is m ± t(0.975, n − 1)·s/√n', () => {
    // 90, 100, 110: s = 10, n = 3: 100 ± 4.3026527 × 10/√3 = 100 ± 24.841377.
    const [lo, hi] = meanInterval(moments([90, 100, 110]))!;
    expect(lo).toBeCloseTo(75.158623, 5);
    expect(hi).toBeCloseTo(124.841377, 5);
  });

  it('is null below two values', () => {
    expect(meanInterval(moments([5]))).toBeNull();
  });
});
