import { fitsPrice } from '../../engine/price-fit';
import { DEFAULT_SETTINGS } from '../../types';
import { formatCount, type BuildLog } from './build-log';

/** Mined cross-sells named one by one; the rest are counted on one line. */
export const MAX_LISTED_PRICE_WARNINGS = 10;

type Item = Record<string, unknown>;

/**
 * Whether rules.md R8 ever offers a cross-sell at `price` with an anchor at `anchorPrice`:
 * the engine's own `fitsPrice`, for a shopper who is not price-sensitive (a price-sensitive
 * one allows less), so what fails here fails for everyone.
 */
export const crossSellFits = (price: number, anchorPrice: number): boolean =>
  fitsPrice('cross-sell', undefined, price, anchorPrice, DEFAULT_SETTINGS.maxUpsellRatio, false);

/**
 * Warn of mined cross-sells that rules.md R8 will always drop: a cross-sell must cost no
 * more than its anchor (for every shopper; a price-sensitive one allows even less), so a
 * mined pair from a cheap product to a dearer one (a case bought with a phone gives
 * case → phone) is written but never shown (`crossSellFits`).
 *
 * One line each up to `MAX_LISTED_PRICE_WARNINGS`, then one with the count of the rest.
 * Returns how many there are.
 */
export function warnNeverOffered(mined: readonly Item[], products: readonly Item[], log: BuildLog): number {
  const byId = new Map(products.map((p) => [p.id as string, p]));
  let count = 0;
  for (const link of mined) {
    const anchor = byId.get(link.from as string);
    const offer = byId.get(link.to as string);
    if (!anchor || !offer || link.kind !== 'cross-sell') continue;
    const [price, anchorPrice] = [offer.price as number, anchor.price as number];
    if (crossSellFits(price, anchorPrice)) continue;
    if (++count <= MAX_LISTED_PRICE_WARNINGS)
      log.note(
        `warning: mined cross-sell ${JSON.stringify(link.from)} → ${JSON.stringify(link.to)} will never be offered: ` +
          `it costs ${price}, more than its anchor's ${anchorPrice} (rules.md R8)`,
      );
  }
  if (count > MAX_LISTED_PRICE_WARNINGS)
    log.note(`warning: … and ${formatCount(count - MAX_LISTED_PRICE_WARNINGS)} more mined cross-sells priced above their anchor, never offered`);
  return count;
}
