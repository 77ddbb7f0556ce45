import type { Catalog, Context, Offer } from '../types';
import { anchorsFor, cartSubtotal } from './anchors';
import { linkCandidates, type Situation } from './candidates';
import { byRank, firstPerProduct } from './rank';
import { dueReorders } from './reorders';
import { segmentOf } from './segment';
import { pickOffers } from './select';
import { toOffer } from './offers';

/**
 * The decision engine (rules.md R1–R11): at most `context.max` offers for this page and
 * shopper, best first. Pure and deterministic: `today` (`YYYY-MM-DD`) is passed in, and the
 * work follows the anchors' links only, never the whole catalog.
 */
export function choose(catalog: Catalog, context: Context, today: string): Offer[] {
  const anchors = anchorsFor(catalog, context); // R2
  if (anchors.length === 0) return []; // R1: nothing to relate an offer to, so render nothing

  const { placement, cart, customer } = context;
  const blocked = new Set<string>([...cart.map((line) => line.id), ...context.dismissed, ...context.exclude]);
  if (context.product !== undefined) blocked.add(context.product);
  const situation: Situation = {
    placement,
    committed: placement === 'product' && cart.some((line) => line.id === context.product),
    segment: segmentOf(customer, context.owned, catalog.settings, today),
    priceSensitive: customer.priceSensitive === true,
    subtotal: cartSubtotal(catalog, cart),
    maxUpsellRatio: catalog.settings.maxUpsellRatio,
    blocked,
    owned: new Set(context.owned.map((item) => item.id)),
  };

  // R7: due reorders lead on the account page; R8: then every candidate in rank order,
  // each product once with its best link.
  const reorders = placement === 'account' ? dueReorders(catalog, anchors, today, blocked) : [];
  const ranked = firstPerProduct([...reorders, ...linkCandidates(catalog, anchors, situation).sort(byRank)]);

  return pickOffers(ranked, context, situation.committed, situation.subtotal).map((pick) => toOffer(pick, placement));
}
