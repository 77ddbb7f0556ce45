/** The product page: fills `[data-product-view]` for the id its inline script read from `?id=`. */
import { addToCart, currentCart } from './cart-client';
import { formatCart } from './cart-lines';
import { formatPrice, loadCatalog } from './catalog-data';

/**
 * Tell a product page's slot what the cart holds, so the widget knows whether the shopper is
 * still deciding (upsells allowed) or has committed (cross-sells only), rules.md R3.
 */
export function syncSlotCart(slot: HTMLElement | null): void {
  const { items } = currentCart();
  if (!slot) return;
  const cart = formatCart(items.map((item) => ({ id: item.id, qty: item.quantity })));
  // Only touch the attribute on a real change: every data-* change re-renders the widget.
  if (cart === '') slot.removeAttribute('data-cart');
  else if (slot.getAttribute('data-cart') !== cart) slot.setAttribute('data-cart', cart);
}

export async function renderProductView(view: HTMLElement, onCartChange: () => void): Promise<void> {
  const field = (name: string) => view.querySelector<HTMLElement>(`[data-field="${name}"]`);
  const title = field('title');
  const price = field('price');
  const proof = field('proof');
  const status = field('status');
  const image = view.querySelector<HTMLImageElement>('[data-field="image"]');
  const buy = view.querySelector<HTMLButtonElement>('[data-buy]');

  const { products } = await loadCatalog();
  const product = products.find((p) => p.id === view.dataset.id);
  if (!product) {
    if (title) title.textContent = 'Product not found';
    if (buy) buy.hidden = true;
    return;
  }
  document.title = `${product.title} · Offerwise demo store`;
  if (title) title.textContent = product.title;
  if (price) price.textContent = formatPrice(product.price);
  if (proof && product.rating !== undefined) {
    proof.textContent = `Rated ${product.rating} out of 5 (${(product.reviewCount ?? 0).toLocaleString('en-US')} reviews)`;
  }
  if (image && product.image) {
    image.src = product.image;
    image.alt = product.title;
  }
  if (!buy) return;
  if (product.inStock === false) {
    buy.disabled = true;
    buy.textContent = 'Out of stock';
    return;
  }
  buy.addEventListener('click', async () => {
    buy.disabled = true;
    if (status) status.textContent = 'Adding…';
    try {
      await addToCart({ id: product.id, quantity: 1 });
      if (status) status.textContent = `${product.title} added to cart`;
      onCartChange();
    } catch (error) {
      if (status) status.textContent = `Couldn't add ${product.title}: ${(error as Error).message}`;
    } finally {
      buy.disabled = false;
    }
  });
}
