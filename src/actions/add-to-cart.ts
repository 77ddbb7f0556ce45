import type { Offer, OfferDetail, Placement } from '../types';
import type { Emit } from './emit';

/** The `detail` of `offerwise:add` (embed.md §6). */
export interface AddDetail {
  placement: Placement;
  offer: OfferDetail;
  productId: string;
  /** 1 for an add; for a swap, the replaced line's quantity. */
  quantity: number;
  action: 'add' | 'swap';
  replaces?: string;
  /** Hold the card in progress until the promise settles; a rejection shows the failure. */
  waitUntil(promise: PromiseLike<unknown>): void;
}

/**
 * The cart work when the host did not cancel `offerwise:add` (`data-cart-adapter`): told
 * whether a listener called `waitUntil`. Resolves `'left'` when it sent the shopper to another
 * page instead (nothing was added here); rejects with the store's message on failure.
 */
export type CartWork = (offer: Offer, add: AddDetail, waited: boolean) => Promise<'left' | void>;

/** How an add ended: added, failed (the card offers a retry) or the page is being left. */
export type AddOutcome = boolean | 'left';

/**
 * The add flow: dispatch the cancelable `offerwise:add`; unless the host called
 * preventDefault, run the adapter's `work`; wait for it and every `waitUntil` promise, then
 * dispatch `offerwise:added` or `offerwise:error`. Never claims an add nobody made: when the
 * work leaves the page, neither event fires. Never rejects.
 */
export async function addToCart(
  emit: Emit,
  slot: Element,
  offer: Offer,
  detail: OfferDetail,
  placement: Placement,
  work: CartWork,
): Promise<AddOutcome> {
  const pending: PromiseLike<unknown>[] = [];
  const add: AddDetail = {
    placement,
    offer: detail,
    productId: offer.product.id,
    quantity: offer.quantity,
    action: offer.action,
    ...(offer.replaces && { replaces: offer.replaces }),
    waitUntil(promise) {
      pending.push(promise);
    },
  };
  try {
    const own = emit(slot, 'add', add, true) ? work(offer, add, pending.length > 0) : undefined;
    const [left] = await Promise.all([own, ...pending]);
    if (left === 'left') return 'left';
    emit(slot, 'added', { placement, offer: detail, productId: add.productId, quantity: add.quantity, action: add.action });
    return true;
  } catch (error) {
    emit(slot, 'error', { placement, offer: detail, code: 'add-failed', message: messageOf(error) });
    return false;
  }
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}
