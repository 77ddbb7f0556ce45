/** The demo's pages: one list for the store's navigation and the preview's. URLs never change. */

export const STORE_PAGES = [
  { page: 'product', href: '/demo/product.html', label: 'Product' },
  { page: 'cart', href: '/demo/cart.html', label: 'Cart' },
  { page: 'checkout', href: '/demo/checkout.html', label: 'Checkout' },
  { page: 'order', href: '/demo/order.html', label: 'Order confirmation' },
  { page: 'account', href: '/demo/account.html', label: 'Account' },
  { page: 'structured-data', href: '/demo/structured-data.html', label: 'JSON-LD + dataLayer' },
] as const;

export type StorePage = (typeof STORE_PAGES)[number]['page'];

export const PREVIEW_HREF = '/';

/** The merchant's link editor (link-editor.html), linked from the preview panel. */
export const LINK_EDITOR_HREF = '/demo/link-editor.html';

export function isStorePage(value: string | undefined): value is StorePage {
  return STORE_PAGES.some((entry) => entry.page === value);
}
