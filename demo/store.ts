/**
 * The demo store's page script: starts the mock cart API, does the cart work the widget
 * asks for (`offerwise:add` with the default `event` adapter, embed.md §6), keeps the
 * header's cart count, and renders the store's own page content.
 */
import { addToCart, currentCart, emptyCart, restoreCart, waitForCartApi, type AddDetail } from './cart-client';
import { setCartFailure } from './mocks/cart-store';
import { renderOrderLines, renderOwnedList } from './order-lines';
import { renderProductView, syncSlotCart } from './product-view';

restoreCart();
// `?fail-adds` on any demo page shows the widget's failed-add state.
if (new URLSearchParams(location.search).has('fail-adds')) setCartFailure(true);

// MSW is big; load it lazily so the store's page and the widget don't wait for it.
waitForCartApi(
  import('./mocks/browser')
    .then(({ startMocks }) => startMocks())
    .catch((error: unknown) => console.warn('[demo] The mock cart API did not start; adds will fail.', error)),
);

const productView = document.querySelector<HTMLElement>('[data-product-view]');
const productSlot = productView?.querySelector<HTMLElement>('[data-offerwise]') ?? null;

function showCount(): void {
  for (const el of document.querySelectorAll('[data-cart-count]')) el.textContent = String(currentCart().count);
}

function showCart(): void {
  showCount();
  syncSlotCart(productSlot);
}

document.addEventListener('offerwise:add', (event) => {
  const detail = (event as CustomEvent<AddDetail>).detail;
  const { productId: id, quantity, action, replaces } = detail;
  const added = addToCart({ id, quantity, action, replaces });
  // The widget shows progress until this settles, then "added" or "Couldn't add… Try again".
  if (typeof detail.waitUntil === 'function') detail.waitUntil(added);
  else added.catch((error: unknown) => console.warn('[demo] Add to cart failed.', error));
});
// Only the count here: re-rendering the widget now would hide its "added" confirmation.
document.addEventListener('offerwise:added', showCount);
for (const button of document.querySelectorAll('[data-empty-cart]')) {
  button.addEventListener('click', () => {
    emptyCart();
    showCart();
  });
}

showCart(); // synchronously, so the product slot knows the cart before the widget reads it
const rendering: Array<Promise<void>> = [];
if (productView) rendering.push(renderProductView(productView, showCart));
for (const table of document.querySelectorAll<HTMLTableElement>('table[data-lines-from]')) {
  rendering.push(renderOrderLines(table));
}
for (const list of document.querySelectorAll<HTMLElement>('[data-owned-from]')) rendering.push(renderOwnedList(list));
Promise.all(rendering).catch((error: unknown) => console.warn('[demo] Could not render the page.', error));
