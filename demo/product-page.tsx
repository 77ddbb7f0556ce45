/** The product page: the product of `?id=`, a buy button, and a slot under it. */
import { h, Fragment } from 'preact';
import { computed, signal, useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { addToCart, cart } from './cart-client';
import { adapterAttributes } from './cart-platform';
import { formatCart } from './cart-lines';
import { formatPrice, storeProducts } from './catalog-data';
import { StoreLayout } from './store-layout';
import { BROWSE, DEFAULT_PRODUCT } from './store-scenarios';
import { WidgetSlot, type SlotAttributes } from './widget-slot';

/** The cart as the slot's `data-cart` (embed.md §3); empty for an empty cart. */
export const cartAttribute = (): string => formatCart(cart.value.items.map((item) => ({ id: item.id, qty: item.quantity })));

/**
 * What the product slot says the cart holds, so the widget knows whether the shopper is
 * still deciding (upsells allowed) or has committed (cross-sells only), rules.md R3. Set on
 * load, after this page's own "Add to cart" and after "Empty": not after the widget's own
 * adds, because re-rendering then would hide the card's "added" confirmation.
 */
export function createProductSlot(productId: string) {
  const slotCart = signal(cartAttribute());
  const attributes = computed(() => {
    const attrs: Record<`data-${string}`, string> = { 'data-product': productId };
    if (slotCart.value !== '') attrs['data-cart'] = slotCart.value;
    return { ...attrs, ...adapterAttributes.value } as SlotAttributes;
  });
  const syncCart = () => (slotCart.value = cartAttribute());
  return { attributes, syncCart };
}

export function ProductPage({ productId = DEFAULT_PRODUCT }: { productId?: string }) {
  const slot = useMemo(() => createProductSlot(productId), [productId]);
  return (
    <StoreLayout current="product" onEmptyCart={slot.syncCart}>
      <article class="product panel">
        <ProductView productId={productId} onAdded={slot.syncCart}>
          {/* Offerwise slot, under the buy button. */}
          <WidgetSlot id="offers" attributes={slot.attributes} />
        </ProductView>
      </article>
      <nav class="browse" aria-labelledby="browse-heading">
        <h2 id="browse-heading">Browse the demo catalog</h2>
        <ul>
          {BROWSE.map(([id, label]) => (
            <li key={id}><a href={`/demo/product.html?id=${id}`} aria-current={id === productId ? 'page' : undefined}>{label}</a></li>
          ))}
        </ul>
      </nav>
    </StoreLayout>
  );
}

interface ViewProps {
  productId: string;
  onAdded: () => void;
  children: ComponentChildren;
}

function ProductView({ productId, onAdded, children }: ViewProps) {
  const busy = useSignal(false);
  const status = useSignal('');
  const products = storeProducts.value;
  const product = products?.get(productId);
  if (product) document.title = `${product.title} · Offerwise demo store`;

  const buy = async () => {
    if (!product) return;
    busy.value = true;
    status.value = 'Adding…';
    try {
      await addToCart({ id: product.id, quantity: 1 });
      status.value = `${product.title} added to cart`;
      onAdded();
    } catch (error) {
      status.value = `Couldn't add ${product.title}: ${(error as Error).message}`;
    } finally {
      busy.value = false;
    }
  };

  const outOfStock = product?.inStock === false;
  return (
    <>
      <img src={product?.image ?? '/img/blender-basic.svg'} width={320} height={320} alt={product?.title ?? ''} />
      <div>
        <h1>{product ? product.title : products ? 'Product not found' : 'Loading…'}</h1>
        <p class="muted">
          {product?.rating !== undefined &&
            `Rated ${product.rating} out of 5 (${(product.reviewCount ?? 0).toLocaleString('en-US')} reviews)`}
        </p>
        <p class="price">{product && formatPrice(product.price)}</p>
        <button type="button" class="button" hidden={products !== null && !product} disabled={busy.value || outOfStock} onClick={buy}>
          {outOfStock ? 'Out of stock' : 'Add to cart'}
        </button>
        <p class="status" role="status">{status}</p>
        {children}
      </div>
    </>
  );
}
