import quantile from '@stdlib/stats-base-dists-t-quantile';
import { describe, expect, it } from 'vitest';
import { tQuantile } from './compute-t-quantile';

// Reference values: scipy.stats.t.ppf(0.975, df) (SciPy 1.17).
describe('tQuantile(0.975, df)', () => {
  it.each([
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3.2748, 3.036577026686212],
    [4, 2.7764451051977934],
    [4.5, 2.6589123472044034],
    [10, 2.228138851986274],
    [30, 2.0422724563012378],
    [1000, 1.9623390808264083],
    [1e6, 1.959966356814107],
    [Infinity, 1.959963984540054],
  ])('df = %s', (df, expected) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(expected, 8);
  });

  it('is symmetric and 0 at the median', () => {
    expect(tQuantile(0.025, 7)).toBeCloseTo(-tQuantile(0.975, 7), 12);
    expect(tQuantile(0.5, 3)).toBe(0);
  });

  it('is NaN outside its domain', () => {
    for (const [p, df] of [[0, 3], [1, 3], [0.975, 0], [0.975, NaN], [NaN, 3]] as const) expect(tQuantile(p, df)).toBeNaN();
  });

  it('is stdlib\'s quantile, loaded from this ES module through its CommonJS default export', () => {
    expect(typeof quantile).toBe('function');
    for (const df of [1, 2.5, 3.27478, 17, 250.75, 1e5]) expect(tQuantile(0.975, df)).toBe(quantile(0.975, df));
    expect(tQuantile(0.025, 9)).toBe(quantile(0.025, 9));
  });

  it('is finite and NaN-free where stdlib alone is not: df Infinity, p at 0 or 1', () => {
    expect(quantile(0.975, Infinity)).toBeNaN();
    expect(tQuantile(0.975, Infinity)).toBe(tQuantile(0.975, 1e300));
    expect(quantile(1, 3)).toBe(Infinity);
    expect(tQuantile(1, 3)).toBeNaN();
  });
});
