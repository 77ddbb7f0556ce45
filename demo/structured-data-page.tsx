/**
 * A product page whose offers' context comes ONLY from what the page already has (embed.md §5):
 * the schema.org JSON-LD `Product` (its `sku`) and the GA4 `dataLayer` (`view_item`,
 * `add_to_cart`), both in structured-data.html. The script tag carries only `data-catalog` and
 * `data-placement`, and the slot none of `data-product`/`data-cart`. The page shows both
 * sources, and its own "Add to cart" pushes `add_to_cart` as a GA4 theme does, which the widget
 * picks up.
 */
import { h, Fragment } from 'preact';
import { signal, useSignal } from '@preact/signals';
import { addToCart } from './cart-client';
import { adapterAttributes, withCartAdapter } from './cart-platform';
import { formatPrice } from './catalog-data';
import { StoreLayout } from './store-layout';
import { WidgetSlot } from './widget-slot';

/** The GA4 ecommerce events the widget reads (analytics.md); the widget's own pushes are not listed. */
const CONTEXT_EVENTS = new Set(['view_item', 'add_to_cart', 'remove_from_cart', 'view_cart', 'begin_checkout', 'purchase']);

interface Ga4Item {
  item_id?: unknown;
  item_name?: unknown;
  quantity?: unknown;
  price?: unknown;
}

interface LayerEvent {
  event: string;
  items: Ga4Item[];
}

/** The page's JSON-LD blocks, as written. */
function jsonLdTexts(): string[] {
  return [...document.querySelectorAll('script[type="application/ld+json"]')].map((script) => script.textContent?.trim() ?? '');
}

/** The JSON-LD Product's name, price and image, for the page's own rendering. */
export function productFromJsonLd(texts: readonly string[]): { sku: string; name: string; price?: number; image?: string } | undefined {
  for (const text of texts) {
    try {
      const node = JSON.parse(text) as Record<string, unknown>;
      if (node['@type'] !== 'Product' || typeof node.sku !== 'string') continue;
      const offers = node.offers as { price?: unknown } | undefined;
      const price = Number(offers?.price);
      return {
        sku: node.sku,
        name: String(node.name ?? node.sku),
        ...(Number.isFinite(price) ? { price } : {}),
        ...(typeof node.image === 'string' ? { image: node.image } : {}),
      };
    } catch {
      // not JSON: the next block
    }
  }
  return undefined;
}

/** The dataLayer's ecommerce events that give the widget a product or a cart, in order. */
export function contextEvents(layer: readonly unknown[]): LayerEvent[] {
  return layer.flatMap((entry) => {
    const { event, ecommerce } = (entry ?? {}) as { event?: unknown; ecommerce?: { items?: unknown } | null };
    if (typeof event !== 'string' || !CONTEXT_EVENTS.has(event)) return [];
    return [{ event, items: Array.isArray(ecommerce?.items) ? (ecommerce.items as Ga4Item[]) : [] }];
  });
}

function dataLayer(): unknown[] {
  const w = window as { dataLayer?: unknown[] };
  return (w.dataLayer ??= []);
}

/** Bumped after the page's own pushes, so the list below re-reads the dataLayer. */
const pushes = signal(0);

/** A slot with no product or cart: only the "Cart API" switch's adapter, when one is chosen. */
const slotAttributes = withCartAdapter({});

export function StructuredDataPage() {
  const texts = jsonLdTexts();
  const product = productFromJsonLd(texts);
  void pushes.value;
  const events = contextEvents(dataLayer());
  const script = document.querySelector<HTMLScriptElement>('script[src="/offerwise.js"]');
  const scriptAttributes = script ? [...script.attributes].filter((a) => a.name.startsWith('data-')) : [];
  const adapter = adapterAttributes.value['data-cart-adapter'];
  const status = useSignal('');
  const busy = useSignal(false);

  const buy = async () => {
    if (!product) return;
    busy.value = true;
    status.value = 'Adding…';
    try {
      await addToCart({ id: product.sku, quantity: 1 });
      // What a GA4 theme pushes after an add; the widget re-reads the cart from it.
      const item = { item_id: product.sku, item_name: product.name, price: product.price, quantity: 1 };
      dataLayer().push({ ecommerce: null });
      dataLayer().push({ event: 'add_to_cart', ecommerce: { currency: 'USD', value: product.price, items: [item] } });
      pushes.value++;
      status.value = `${product.name} added to cart`;
    } catch (error) {
      status.value = `Couldn't add ${product.name}: ${(error as Error).message}`;
    } finally {
      busy.value = false;
    }
  };

  return (
    <StoreLayout current="structured-data">
      <p class="notice">
        <strong>{product?.name ?? 'The product'}</strong> has been added to your cart. (This page's fixed scenario: the theme's GA4 tags pushed{' '}
        <code>add_to_cart</code> after the add-to-cart form was posted.)
      </p>
      <section class="product panel" aria-labelledby="product-title">
        <img src={product?.image ?? '/img/phone-x.svg'} width={320} height={320} alt={product?.name ?? ''} />
        <div>
          <h1 id="product-title">{product?.name ?? 'Product'}</h1>
          <p class="price">{product?.price !== undefined && formatPrice(product.price)}</p>
          <button type="button" class="button" disabled={busy.value || !product} onClick={buy}>Add to cart</button>
          <p class="status" role="status">{status}</p>
          {/* Offerwise slot: no data-product, no data-cart; the widget reads the page. */}
          <WidgetSlot id="offers" attributes={slotAttributes} />
        </div>
      </section>

      <section class="panel context-sources" aria-labelledby="sources-heading">
        <h2 id="sources-heading">Where these offers' context comes from</h2>
        <p>
          Neither the script tag nor the slot names the product or the cart. The widget takes the product from the page's schema.org JSON-LD{' '}
          <code>Product</code> (its <code>sku</code>; the dataLayer's <code>view_item</code> says the same), and the cart from the GA4{' '}
          <code>dataLayer</code>'s <code>add_to_cart</code>: Phone X is in the cart, so the shopper has committed and the cards are what goes
          with it.
        </p>
        <dl>
          <dt>Script tag</dt>
          <dd>
            <code data-testid="script-attributes">
              {`<script src="/offerwise.js" defer${scriptAttributes.map((a) => ` ${a.name}="${a.value}"`).join('')}>`}
            </code>
          </dd>
          <dt>Slot</dt>
          <dd>
            <code data-testid="slot-markup">{`<div data-offerwise${adapter ? ` data-cart-adapter="${adapter}"` : ''}></div>`}</code>
          </dd>
          <dt>JSON-LD Product (gives the product)</dt>
          <dd>
            {product ? (
              <>
                <code>sku</code>: <code>{product.sku}</code>
              </>
            ) : (
              'none found'
            )}
            <details>
              <summary>The page's JSON-LD</summary>
              <pre tabIndex={0}>{texts.join('\n\n')}</pre>
            </details>
          </dd>
          <dt>GA4 dataLayer (gives the product and the cart)</dt>
          <dd>
            <ol class="layer-events" aria-label="dataLayer ecommerce events">
              {events.map(({ event, items }, i) => (
                <li key={i}>
                  <code>{event}</code>: {items.map((item) => `${String(item.item_id)} × ${String(item.quantity ?? 1)}`).join(', ') || 'no items'}
                </li>
              ))}
            </ol>
          </dd>
        </dl>
      </section>
    </StoreLayout>
  );
}
