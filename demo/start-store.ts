/**
 * What every demo page needs before it renders: the cart of earlier pages, the mock APIs
 * (MSW, started in the background), and the store's side of `offerwise:add` (the default
 * `event` adapter, embed.md §6: the page does the cart work and hands the widget a promise).
 */
import { addToCart, restoreCart, waitForCartApi, type AddDetail } from './cart-client';
import { setCartFailure } from './mocks/cart-store';

export function startStore(): void {
  restoreCart();
  // `?fail-adds` on any demo page shows the widget's failed-add state.
  if (new URLSearchParams(location.search).has('fail-adds')) setCartFailure(true);

  // MSW is big; load it lazily so the store's page and the widget don't wait for it.
  waitForCartApi(
    import('./mocks/browser')
      .then(({ startMocks }) => startMocks())
      .catch((error: unknown) => console.warn('[demo] The mock cart API did not start; adds will fail.', error)),
  );

  document.addEventListener('offerwise:add', (event) => {
    const detail = (event as CustomEvent<AddDetail>).detail;
    const { productId: id, quantity, action, replaces } = detail;
    const added = addToCart({ id, quantity, action, replaces });
    // The widget shows progress until this settles, then "added" or "Couldn't add… Try again".
    if (typeof detail.waitUntil === 'function') detail.waitUntil(added);
    else added.catch((error: unknown) => console.warn('[demo] Add to cart failed.', error));
  });
}

interface OfferwiseApi {
  refresh?: (slot?: Element) => unknown;
}

/**
 * The widget re-renders by itself when a slot's data-* change (embed.md §7); `refresh` is
 * called too, as the old preview did, in case the page runs an older build.
 */
export function refreshWidget(slot: Element): void {
  try {
    (Reflect.get(window, 'Offerwise') as OfferwiseApi | undefined)?.refresh?.(slot);
  } catch (error) {
    console.warn('[demo] Offerwise.refresh failed', error);
  }
}
