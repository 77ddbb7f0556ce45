import type { Context } from '../types';
import { atMost } from './price-fit';
import type { Candidate } from './rank';

/** One chosen candidate; `unlocksFreeShipping` marks the free-shipping nudge (R9). */
export interface Pick {
  candidate: Candidate;
  unlocksFreeShipping: boolean;
}

/**
 * R9: at most `max` of the ranked, one-per-product candidates, in the mix the placement
 * calls for. `committed` and `subtotal` as worked out for R3 and R5.
 */
export function pickOffers(ranked: Candidate[], context: Context, committed: boolean, subtotal: number): Pick[] {
  // Never more than 2, whatever arrives; slice(0, NaN) is empty rather than a negative slice.
  const max = Math.max(0, Math.min(2, context.max));
  const plain = (candidate: Candidate): Pick => ({ candidate, unlocksFreeShipping: false });

  if (context.placement === 'product' && !committed) {
    // Still deciding: the best upsell leads, the best cross-sell follows.
    const upsell = ranked.find((c) => c.kind === 'upsell');
    const crossSell = ranked.find((c) => c.kind === 'cross-sell');
    if (upsell && crossSell) return [upsell, crossSell].slice(0, max).map(plain);
  }

  const threshold = context.freeShipping;
  if (context.placement === 'cart' && threshold !== undefined && subtotal < threshold) {
    const nudge = cheapestToClose(ranked, threshold - subtotal);
    if (nudge) {
      const rest = ranked.filter((c) => c !== nudge).slice(0, Math.max(0, max - 1));
      return [{ candidate: nudge, unlocksFreeShipping: true }, ...rest.map(plain)].slice(0, max);
    }
  }

  return ranked.slice(0, max).map(plain);
}

/** R9: the cheapest cross-sell whose price closes the free-shipping gap; ties keep R8 order. */
function cheapestToClose(ranked: Candidate[], gap: number): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of ranked) {
    if (c.kind !== 'cross-sell' || !atMost(gap, c.product.price)) continue;
    if (!best || c.product.price < best.product.price) best = c;
  }
  return best;
}
