import { describe, expect, it } from 'vitest';
import type { LinkKind, UpsellType } from '../types';
import { fitsPrice } from './price-fit';

type Row = [string, LinkKind, UpsellType | undefined, number, number, number, boolean, boolean];

describe('fitsPrice', () => {
  it.each<Row>([
    // title, kind, upsell, price, anchor price, maxUpsellRatio, price-sensitive, fits
    ['cross-sell cheaper than its anchor fits', 'cross-sell', undefined, 29, 799, 1, false, true],
    ['cross-sell at the anchor price fits ("similar")', 'cross-sell', undefined, 799, 799, 1, false, true],
    ['cross-sell pricier than its anchor is dropped', 'cross-sell', undefined, 799.01, 799, 1, false, false],
    ['price-sensitive cross-sell at 30% fits', 'cross-sell', undefined, 30, 100, 1, true, true],
    ['price-sensitive cross-sell above 30% is dropped', 'cross-sell', undefined, 30.01, 100, 1, true, false],
    ['price-sensitive 30% of 799 (239.7) fits despite float noise', 'cross-sell', undefined, 239.7, 799, 1, true, true],
    ['upsell at the anchor price is dropped (must cost more)', 'upsell', 'premium', 100, 100, 1, false, false],
    ['upsell just above the anchor fits', 'upsell', 'premium', 100.01, 100, 1, false, true],
    ['upsell at (1 + ratio) × anchor fits (inclusive)', 'upsell', 'tier', 200, 100, 1, false, true],
    ['upsell above (1 + ratio) × anchor is dropped', 'upsell', 'tier', 200.01, 100, 1, false, false],
    ['quantity upsell obeys the same bound', 'upsell', 'quantity', 200.01, 100, 1, false, false],
    ['ratio 0.1: 110 on a 100 anchor fits despite 1.1 × 100 float noise', 'upsell', 'premium', 110, 100, 0.1, false, true],
    ['ratio 0.1: 110.5 on a 100 anchor is dropped', 'upsell', 'premium', 110.5, 100, 0.1, false, false],
    ['addon upsell cheaper than its anchor fits', 'upsell', 'addon', 5, 100, 1, false, true],
    ['addon upsell far pricier than its anchor fits', 'upsell', 'addon', 1000, 100, 1, false, true],
    ['addon upsell for a price-sensitive shopper fits at any price', 'upsell', 'addon', 90, 100, 1, true, true],
  ])('R8: %s', (_, kind, type, price, anchorPrice, ratio, sensitive, fits) => {
    expect(fitsPrice(kind, type, price, anchorPrice, ratio, sensitive)).toBe(fits);
  });
});
