/**
 * The "Cart API" switch, in the store's layout and in the preview panel: the store's own
 * `offerwise:add` handler, or the widget's built-in Shopify or WooCommerce adapter against
 * their APIs as MSW plays them (cart-platform.ts).
 */
import { h, Fragment } from 'preact';
import { cartApiUp } from './cart-client';
import { CART_PLATFORMS, cartPlatform, setCartPlatform, type CartPlatform } from './cart-platform';

const LABELS: Readonly<Record<CartPlatform, string>> = {
  event: "Store's own handler",
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
};

function Explanation({ platform }: { platform: CartPlatform }) {
  if (platform === 'event') {
    return (
      <>
        The page's <code>offerwise:add</code> listener adds through the demo's cart API and calls <code>detail.waitUntil()</code>.
      </>
    );
  }
  const [name, add, read] =
    platform === 'shopify'
      ? ['shopify', 'POST /cart/add.js', 'GET /cart.js']
      : ['woocommerce', 'POST /wp-json/wc/store/v1/cart/add-item', 'GET /wp-json/wc/store/v1/cart'];
  return (
    <>
      <code>data-cart-adapter="{name}"</code>: the widget adds with <code>{add}</code>
      {platform === 'woocommerce' && ' (with the page\'s Nonce header)'} and the cart shown here comes from <code>{read}</code>, played in this
      browser by Mock Service Worker{cartApiUp.value ? '' : ' (starting…)'}.
    </>
  );
}

export function CartPlatformSwitch({ class: className = '' }: { class?: string }) {
  const current = cartPlatform.value;
  return (
    <fieldset class={`cart-platform ${className}`.trim()} aria-describedby="cart-platform-hint">
      <legend>Cart API</legend>
      <div class="choices">
        {CART_PLATFORMS.map((platform) => (
          <label key={platform}>
            <input
              type="radio"
              name="cartPlatform"
              value={platform}
              checked={current === platform}
              onChange={() => setCartPlatform(platform)}
            />{' '}
            {LABELS[platform]}
          </label>
        ))}
      </div>
      <p class="hint" id="cart-platform-hint">
        <Explanation platform={current} />
      </p>
    </fieldset>
  );
}
