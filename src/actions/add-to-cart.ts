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
 * The add flow: dispatch the cancelable `offerwise:add`, wait for every `waitUntil` promise
 * (and the adapter, unless the host called preventDefault), then dispatch `offerwise:added`
 * or `offerwise:error`. Resolves true on success; never rejects.
 */
export async function addToCart(
  emit: Emit,
  slot: Element,
  offer: Offer,
  detail: OfferDetail,
  placement: Placement,
): Promise<boolean> {
  const pending: PromiseLike<unknown>[] = [];
  const add: AddDetail = {
    placement,
    offer: detail,
    productId: offer.product.id,
    quantity: offer.quantity,
    action: offer.action,
    ...(offer.replaces ? { replaces: offer.replaces } : {}),
    waitUntil(promise) {
      pending.push(promise);
    },
  };
  try {
    emit(slot, 'add', add, true);
    await Promise.all(pending);
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
