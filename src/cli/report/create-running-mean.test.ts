import { describe, expect, it } from 'vitest';
import { createRunningMean } from './create-running-mean';

describe('createRunningMean', () => {
  it('matches the two-pass mean and sample variance', () => {
    const xs = [108, 120, 132, 7.5, 0, 1999.99];
    const m = createRunningMean();
    xs.forEach((x) => m.push(x));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
    expect(m.n).toBe(6);
    expect(m.mean).toBeCloseTo(mean, 10);
    expect(m.variance).toBeCloseTo(variance, 8);
  });

  it('has no variance below two values', () => {
    const m = createRunningMean();
    expect(m.variance).toBeNaN();
    m.push(5);
    expect(m.mean).toBe(5);
    expect(m.variance).toBeNaN();
  });

  it('stays exact for large, alike values (where Σx² − n·mean² loses every digit)', () => {
    const m = createRunningMean();
    for (let i = 0; i < 100_000; i++) m.push(1e9 + (i % 2 ? 1 : -1));
    expect(m.mean).toBeCloseTo(1e9, 6);
    expect(m.variance).toBeCloseTo(100_000 / 99_999, 6);
  });
});
