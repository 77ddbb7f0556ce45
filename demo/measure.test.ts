import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureLift } from './measure';

// The demo store's own catalog, as "Measure lift" loads it.
const CATALOG: unknown = JSON.parse(readFileSync(new URL('../public/catalog.json', import.meta.url), 'utf8'));
const row = (rows: Array<[string, string]>, name: string) => rows.find(([n]) => n === name)?.[1];

describe('measureLift (the demo\'s "Measure lift" card)', () => {
  it('shows amounts in the catalog\'s currency and a lift with its interval when half the shoppers are held out', () => {
    const { rows } = measureLift(CATALOG, { holdout: 50, seed: 1, today: '2026-12-01' });
    for (const name of ['AOV, treatment', 'AOV, holdout']) expect(row(rows, name)).toMatch(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(row(rows, 'Offer revenue (margin)')).toMatch(/^\$[\d,.]+ \(\$[\d,.]+\)$/);
    expect(row(rows, 'Lift (95% CI)')).toMatch(/^[+-]?\d+\.\d% \[[+-]?\d+\.\d%, [+-]?\d+\.\d%\]$/);
  });

  it('says why there is no lift when nobody is held out, instead of "n/a n/a"', () => {
    const { rows } = measureLift(CATALOG, { holdout: 0, seed: 1, today: '2026-12-01' });
    expect(row(rows, 'Orders (treatment / holdout)')).toMatch(/ \/ 0$/);
    expect(row(rows, 'Lift (95% CI)')).toBe('n/a: no holdout orders to compare with (set Holdout % above 0)');
  });
});
