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
});
