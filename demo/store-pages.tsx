/** The cart, checkout, order-confirmation and account pages: fixed scenarios, one slot each. */
import { h } from 'preact';
import { withCartAdapter } from './cart-platform';
import { formatPrice, storeProducts } from './catalog-data';
import { catalogLines, LinesTable, subtotalOf } from './lines-table';
import { StoreLayout } from './store-layout';
import { ACCOUNT_SLOT, CART_SLOT, CHECKOUT_SLOT, ORDER_SLOT, shippingNote } from './store-scenarios';
import { WidgetSlot } from './widget-slot';

// Each slot's fixed scenario, with the "Cart API" switch's data-cart-adapter.
const cartSlot = withCartAdapter(CART_SLOT);
const checkoutSlot = withCartAdapter(CHECKOUT_SLOT);
const orderSlot = withCartAdapter(ORDER_SLOT);
const accountSlot = withCartAdapter(ACCOUNT_SLOT);

export function CartPage() {
  const products = storeProducts.value;
  const subtotal = products ? subtotalOf(catalogLines(CART_SLOT['data-cart'], products)) : 0;
  return (
    <StoreLayout current="cart">
      <h1>Your cart</h1>
      <div class="two-col">
        <section class="panel" aria-label="Cart lines">
          <LinesTable caption="Items in your cart" cart={CART_SLOT['data-cart']} />
        </section>
        <aside class="panel summary" aria-label="Cart summary">
          <p>{products && shippingNote(subtotal, Number(CART_SLOT['data-free-shipping']), formatPrice)}</p>
          <a class="button" href="/demo/checkout.html">Go to checkout</a>
          {/* Offerwise slot, in the cart summary. */}
          <WidgetSlot id="offers" attributes={cartSlot} />
        </aside>
      </div>
    </StoreLayout>
  );
}

export function CheckoutPage() {
  return (
    <StoreLayout current="checkout">
      <h1>Checkout</h1>
      <div class="two-col">
        <section class="panel" aria-labelledby="shipping-heading">
          <h2 id="shipping-heading">Shipping address</h2>
          <p>Ada Lovelace<br />12 Analytical Row<br />London</p>
          <h2>Payment</h2>
          <p>Visa ending in 4242</p>
        </section>
        <aside class="panel summary" aria-label="Order summary">
          <LinesTable caption="Order summary" cart={CHECKOUT_SLOT['data-cart']} />
          {/* Offerwise slot, above the place-order button: add-ons only (warranty, shipping). */}
          <WidgetSlot id="offers" attributes={checkoutSlot} />
          <a class="button" href="/demo/order.html">Place order</a>
        </aside>
      </div>
    </StoreLayout>
  );
}

export function OrderPage() {
  return (
    <StoreLayout current="order">
      <h1>Thank you, Ada! Order #1042 is confirmed.</h1>
      <p class="muted">We'll email you when it ships.</p>
      <div class="two-col">
        <section class="panel" aria-label="Your order">
          <LinesTable caption="What you ordered" cart={ORDER_SLOT['data-cart']} />
        </section>
        <aside class="panel summary" aria-label="Complete your setup">
          {/* Offerwise slot, after the order: care kits and refills for what was just bought. */}
          <WidgetSlot id="offers" attributes={orderSlot} />
        </aside>
      </div>
    </StoreLayout>
  );
}

export function AccountPage() {
  const products = storeProducts.value;
  const owned = ACCOUNT_SLOT['data-owned'].split(',').map((item) => item.split('@') as [string, string?]);
  return (
    <StoreLayout current="account">
      <h1>Hello, Ada</h1>
      <div class="two-col">
        <section class="panel" aria-labelledby="history-heading">
          <h2 id="history-heading">Your purchases</h2>
          <ul class="history">
            {owned.map(([id, date]) => {
              const product = products?.get(id);
              return product ? (
                <li key={id}><a href={product.url}>{product.title}</a>{date ? ` · bought ${date}` : ''}</li>
              ) : null;
            })}
          </ul>
          <p class="muted">3 orders since you joined.</p>
        </section>
        <aside class="panel summary" aria-label="Recommended for you">
          {/* Offerwise slot, in the account area. */}
          <WidgetSlot id="offers" attributes={accountSlot} />
        </aside>
      </div>
    </StoreLayout>
  );
}
