import { describe, expect, it } from 'vitest';
import { describeLift, formatMoney, formatMoneyChange } from './format-figures';
import type { Kpis } from './report-types';

/** Only `aov` is read by describeLift. */
const kpis = (aov: Kpis['aov']) => ({ aov }) as Kpis;

describe('describeLift: the lift in plain words, and whether its interval excludes 0', () => {
  it.each<[string, Kpis['aov'], string | null, string]>([
    [
      'an interval above 0',
      { treatment: 125, holdout: 100, lift: 0.25, ci95: [0.041, 0.459] },
      'USD',
      'AOV lift +25.0% (+$25.00 per order; 95% interval +4.1% to +45.9%): the interval excludes 0, so the lift is unlikely to be chance',
    ],
    [
      'an interval across 0',
      { treatment: 120, holdout: 100, lift: 0.2, ci95: [-0.072035, 0.472035] },
      'USD',
      'AOV lift +20.0% (+$20.00 per order; 95% interval -7.2% to +47.2%): the interval includes 0: not enough evidence of a lift yet',
    ],
    [
      'an interval below 0: a drop',
      { treatment: 80, holdout: 100, lift: -0.2, ci95: [-0.35, -0.05] },
      'EUR',
      'AOV lift -20.0% (-€20.00 per order; 95% interval -35.0% to -5.0%): the interval excludes 0, so the drop is unlikely to be chance',
    ],
    [
      'an interval that ends at 0 includes it',
      { treatment: 110, holdout: 100, lift: 0.1, ci95: [0, 0.2] },
      null,
      'AOV lift +10.0% (+10.00 per order; 95% interval 0.0% to +20.0%): the interval includes 0: not enough evidence of a lift yet',
    ],
    [
      'no interval yet (one order in a group)',
      { treatment: 120, holdout: 100, lift: 0.2, ci95: null },
      'JPY',
      'AOV lift +20.0% (+¥20 per order): no 95% interval yet, it needs at least 2 orders in each group',
    ],
    [
      'no lift (no holdout orders)',
      { treatment: 120, holdout: null, lift: null, ci95: null },
      'USD',
      'AOV lift: n/a, it needs orders in both groups (treatment and holdout) and a holdout AOV above 0',
    ],
  ])('%s', (_, aov, currency, expected) => {
    expect(describeLift(kpis(aov), currency)).toBe(expected);
  });
});

describe('formatMoney and formatMoneyChange', () => {
  it.each<[number | null, string | null | undefined, string, string]>([
    [1234.5, undefined, '1,234.50', '+1,234.50'],
    [1234.5, null, '1,234.50', '+1,234.50'],
    [1234.5, 'USD', '$1,234.50', '+$1,234.50'],
    [-4.2, 'USD', '-$4.20', '-$4.20'],
    [0, 'USD', '$0.00', '$0.00'],
    [1234.5, 'EUR', '€1,234.50', '+€1,234.50'],
    [1234.5, 'JPY', '¥1,235', '+¥1,235'],
    [9.99, 'CHF', 'CHF 9.99', '+CHF 9.99'],
    [null, 'USD', 'n/a', 'n/a'],
  ])('%s in %s', (x, currency, plain, change) => {
    expect(formatMoney(x, currency).replace(/\u00a0/g, ' ')).toBe(plain);
    expect(formatMoneyChange(x, currency).replace(/\u00a0/g, ' ')).toBe(change);
  });
});
