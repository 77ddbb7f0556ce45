import type { Link, Product, Proof } from '../types';

/** R10: the least attach rate worth quoting ("41% of customers who bought … added this"). */
export const MIN_ATTACH_RATE = 0.05;
/** R10: the fewest reviews behind a quoted rating. */
export const MIN_REVIEWS = 5;

/** R10: a proof line only when the data supports it; never an invented statistic. */
export function proofFor(link: Link | undefined, product: Product, anchorTitle: string): Proof | undefined {
  const attachRate = link?.attachRate;
  if (attachRate !== undefined && attachRate >= MIN_ATTACH_RATE) return { type: 'attach', attachRate, anchorTitle };
  const { rating, reviewCount } = product;
  if (rating !== undefined && reviewCount !== undefined && reviewCount >= MIN_REVIEWS) {
    return { type: 'rating', rating, reviewCount };
  }
  return undefined;
}
