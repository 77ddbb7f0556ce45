import { describe, expect, it } from 'vitest';
import { dayNumber, daysBetween } from './dates';

describe('daysBetween', () => {
  it.each([
    ['2026-06-01', '2026-06-01', 0],
    ['2026-05-31', '2026-06-01', 1],
    ['2026-06-01', '2026-05-31', -1],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-02-28', '2025-03-01', 1],
    ['2025-12-31', '2026-01-01', 1],
    ['2025-06-01', '2026-06-01', 365],
    ['1970-01-01', '1970-01-02', 1],
  ])('R6/R7: from %s to %s is %d days', (a, b, days) => {
    expect(daysBetween(a, b)).toBe(days);
  });

  it.each([['2025-02-30'], ['2025-13-01'], ['2025-00-10'], ['2025-6-1'], [''], ['yesterday'], ['0099-01-01'], ['2025-06-01T00:00']])(
    'R6/R7: an invalid date %j gives NaN instead of throwing',
    (bad) => {
      expect(daysBetween(bad, '2026-01-01')).toBeNaN();
      expect(daysBetween('2026-01-01', bad)).toBeNaN();
    },
  );

  it('R6/R7: a missing date gives NaN', () => {
    expect(daysBetween(undefined, '2026-01-01')).toBeNaN();
    expect(dayNumber(undefined)).toBeNaN();
  });
});
