/**
 * The ONE frame of the demo store's pages: skip link, header (brand, page navigation, cart
 * count), the demo notice (with the "Cart API" switch), the page's `main`, and the footer.
 */
import { h, Fragment } from 'preact';
import type { ComponentChildren } from 'preact';
import { cartCount, emptyCart } from './cart-client';
import { CartPlatformSwitch } from './cart-platform-switch';
import { PREVIEW_HREF, STORE_PAGES, type StorePage } from './demo-pages';

interface Props {
  current: StorePage;
  children: ComponentChildren;
  /** Called after "Empty the demo cart", for pages that show the cart beyond the count. */
  onEmptyCart?: () => void;
}

export function StoreLayout({ current, children, onEmptyCart }: Props) {
  const empty = () => {
    emptyCart();
    onEmptyCart?.();
  };
  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="site-header">
        <a class="brand" href="/demo/product.html">Northwind Goods</a>
        <nav aria-label="Demo pages">
          <ul>
            <li><a href={PREVIEW_HREF}>Preview panel</a></li>
            {STORE_PAGES.map(({ page, href, label }) => (
              <li key={page}>
                <a href={href} aria-current={page === current ? 'page' : undefined}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <a class="cart-link" href="/demo/cart.html">
          Cart <span class="visually-hidden">items:</span> <span class="count" data-cart-count>{cartCount}</span>
        </a>
      </header>
      <aside class="demo-note" aria-label="About this demo">
        <p>
          Demo store, signed in as Ada (a returning customer): the offers come from the built <code>offerwise.js</code>,
          embedded with one script tag. Each page shows a fixed scenario; the cart count tracks what you add in this tab.
        </p>
        <button type="button" class="link-button" onClick={empty}>Empty the demo cart</button>
        <CartPlatformSwitch />
      </aside>
      {/* tabIndex -1: the skip link moves focus here, not only the scroll position. */}
      <main id="main" tabIndex={-1}>{children}</main>
      <footer class="site-footer">
        <p>
          Northwind Goods is a demo store: nothing here is for sale and no order is placed. The cards come from{' '}
          <a href={PREVIEW_HREF}>Offerwise</a>; the cart API is played in this browser by Mock Service Worker.
        </p>
      </footer>
    </>
  );
}
