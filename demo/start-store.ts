/**
 * What every demo page needs before it renders: the cart of earlier pages, the mock APIs
 * (MSW, started in the background), the chosen cart API (cart-platform.ts), and the store's
 * side of `offerwise:add` (the default `event` adapter, embed.md §6: the page does the cart
 * work and MUST hand the widget a promise through `detail.waitUntil`, or the widget sends the
 * shopper to the product's page instead of claiming the add).
 */
import { addToCart, restoreCart, waitForCartApi, type AddDetail } from './cart-client';
import { platformOf, startCartPlatform, syncPlatformCart } from './cart-platform';
import { setCartFailure } from './mocks/cart-store';

export function startStore(): void {
  restoreCart();
  // `?fail-adds` on any demo page shows the widget's failed-add state.
  if (new URLSearchParams(location.search).has('fail-adds')) setCartFailure(true);

  // MSW is big; load it lazily so the store's page and the widget don't wait for it.
  waitForCartApi(
    import('./mocks/browser')
      .then(({ startMocks }) => startMocks())
      .then(() => true)
      .catch((error: unknown) => {
        console.warn('[demo] The mock cart API did not start; adds will fail.', error);
        return false;
      }),
  );
  startCartPlatform();

  document.addEventListener('offerwise:add', (event) => {
    // With data-cart-adapter="shopify" or "woocommerce" the widget does the cart work itself,
    // through the platform's API: the store must not add the product a second time.
    if (platformOf(event.target)) return;
    const detail = (event as CustomEvent<AddDetail>).detail;
    const { productId: id, quantity, action, replaces } = detail;
    const added = addToCart({ id, quantity, action, replaces });
    // Called during the dispatch, as the widget requires: it shows progress until this settles,
    // then "added" or "Couldn't add… Try again".
    if (typeof detail.waitUntil === 'function') detail.waitUntil(added);
    else added.catch((error: unknown) => console.warn('[demo] Add to cart failed.', error));
  });

  // After the widget added through a platform's API, the store's cart display reads that
  // platform's cart again (a theme's mini-cart does the same).
  document.addEventListener('offerwise:added', (event) => {
    if (platformOf(event.target)) void syncPlatformCart();
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
