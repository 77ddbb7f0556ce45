/**
 * The demo store's pages. Each HTML page is a shell: `<div id="app" data-page="…">`, this
 * module, and the widget's script tag after it. Module scripts run in document order with
 * `defer` ones, and Preact renders synchronously, so the slots exist (with their attributes)
 * before the widget looks for them.
 */
import { h, render, type JSX } from 'preact';
import { loadStoreProducts } from './catalog-data';
import { isStorePage, type StorePage } from './demo-pages';
import { ProductPage } from './product-page';
import { startStore } from './start-store';
import { AccountPage, CartPage, CheckoutPage, OrderPage } from './store-pages';
import { StructuredDataPage } from './structured-data-page';

const PAGES: Record<StorePage, () => JSX.Element> = {
  product: () => <ProductPage productId={new URLSearchParams(location.search).get('id') || undefined} />,
  cart: () => <CartPage />,
  checkout: () => <CheckoutPage />,
  order: () => <OrderPage />,
  account: () => <AccountPage />,
  'structured-data': () => <StructuredDataPage />,
};

const root = document.getElementById('app');
const page = root?.dataset.page;
if (!root || !isStorePage(page)) throw new Error(`[demo] No store page to render (data-page="${page ?? ''}")`);
startStore();
loadStoreProducts();
render(PAGES[page](), root);
