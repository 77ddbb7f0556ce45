/**
 * The preview's settings form. Radios, checkboxes and selects show the signals; every input
 * goes through `settingsFromForm` (preview-model.ts) back into them. The free-shipping and
 * quantity boxes are left uncontrolled, so a half-typed number is never rewritten under
 * the caret.
 */
import { h } from 'preact';
import type { ComponentChildren } from 'preact';
import { CartPlatformSwitch } from './cart-platform-switch';
import { formatPrice, storeProducts, type StoreProduct } from './catalog-data';
import type { OffersMode } from './mocks/offers-switch';
import { HOLDOUTS, LOCALES, type Locale } from './preview-model';
import type { PreviewState } from './preview-state';

interface Props {
  state: PreviewState;
  behaviour: OffersMode;
  onBehaviour: (mode: OffersMode) => void;
  failAdds: boolean;
  onFailAdds: (fail: boolean) => void;
}

const LOCALE_LABELS: Readonly<Record<Locale, [label: string, lang: string | undefined]>> = {
  'en-US': ['English, United States (en-US)', undefined],
  'de-DE': ['Deutsch, Deutschland (de-DE)', 'de'],
  'en-GB': ['English, United Kingdom (en-GB)', 'en-GB'],
};

function Radio(props: { name: string; value: string; checked: boolean; children: ComponentChildren }) {
  return (
    <label>
      <input type="radio" name={props.name} value={props.value} checked={props.checked} />
      {/* One flex item, so a long hint wraps as text instead of squeezing the label into a column. */}
      <span>{props.children}</span>
    </label>
  );
}

const Hint = ({ children }: { children: ComponentChildren }) => <span class="hint">{children}</span>;

function productLabel(product: StoreProduct): string {
  return `${product.title} (${formatPrice(product.price)}${product.inStock === false ? ', out of stock' : ''})`;
}

export function PreviewControls({ state, behaviour, onBehaviour, failAdds, onFailAdds }: Props) {
  const s = state.settings;
  const products = storeProducts.value ? [...storeProducts.value.values()] : [];
  const inCart = new Set(s.cart.value.map((line) => line.id));
  const endpointOff = s.offersFrom.value !== 'endpoint';

  return (
    <form
      id="controls"
      class="controls"
      aria-labelledby="controls-heading"
      onInput={(event) => state.readForm(new FormData(event.currentTarget))}
      onSubmit={(event) => event.preventDefault()}
    >
      <h2 id="controls-heading">Settings</h2>

      <fieldset>
        <legend>Placement</legend>
        <div class="choices">
          {([['product', 'Product page'], ['cart', 'Cart'], ['checkout', 'Checkout'], ['post-purchase', 'Post-purchase'], ['account', 'Account']] as const).map(
            ([value, label]) => (
              <Radio key={value} name="placement" value={value} checked={s.placement.value === value}>{label}</Radio>
            ),
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend>Shopper segment</legend>
        <div class="choices stacked">
          {([['new', 'New', 'no orders yet'], ['returning', 'Returning', '2 orders, last a month ago'], ['vip', 'VIP', '8 orders, $1,850 spent'], ['lapsed', 'Lapsed', 'last order over a year ago']] as const).map(
            ([value, label, hint]) => (
              <Radio key={value} name="segment" value={value} checked={s.segment.value === value}>
                {label} <Hint>{hint}</Hint>
              </Radio>
            ),
          )}
        </div>
        <label class="check">
          <input type="checkbox" name="priceSensitive" checked={s.priceSensitive.value} /> Price-sensitive shopper
        </label>
      </fieldset>

      <div class="field">
        <label for="product">Product on the product page</label>
        <select id="product" name="product" aria-describedby="product-hint" value={s.product.value}>
          {products.length === 0 ? (
            <option value={s.product.value}>Blender Basic</option>
          ) : (
            products.map((product) => <option key={product.id} value={product.id}>{productLabel(product)}</option>)
          )}
        </select>
        <p class="hint" id="product-hint">Used by the product placement.</p>
      </div>

      <fieldset>
        <legend>Cart contents</legend>
        <p class="hint">The cart, or the just-placed order for post-purchase. On a product page it tells whether the shopper has already committed.</p>
        <ul class="cart-options">
          {products.map((product) => (
            <li key={product.id}>
              <label>
                <input type="checkbox" name="cart" value={product.id} checked={inCart.has(product.id)} /> {product.title}
              </label>
              <input
                type="number"
                name={`qty-${product.id}`}
                min="1"
                max="99"
                defaultValue="1"
                inputMode="numeric"
                aria-label={`Quantity of ${product.title}`}
              />
            </li>
          ))}
        </ul>
      </fieldset>

      <div class="field">
        <label for="theme">Theme</label>
        <select id="theme" name="theme" value={s.theme.value}>
          <option value="auto">Auto (the store page’s color-scheme, else the system’s)</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </div>
      <div class="field">
        <label for="locale">Locale</label>
        <select id="locale" name="locale" value={s.locale.value}>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={LOCALE_LABELS[locale][1]}>{LOCALE_LABELS[locale][0]}</option>
          ))}
        </select>
      </div>

      <div class="row">
        <fieldset>
          <legend>Cards at most</legend>
          <div class="choices">
            <Radio name="max" value="1" checked={s.max.value === 1}>1</Radio>
            <Radio name="max" value="2" checked={s.max.value === 2}>2</Radio>
          </div>
        </fieldset>
        <div class="field">
          <label for="free-shipping">Free shipping from (USD)</label>
          <input id="free-shipping" name="freeShipping" type="number" min="0" step="0.01" inputMode="decimal" placeholder="None" aria-describedby="free-shipping-hint" />
          <p class="hint" id="free-shipping-hint">Leave empty for none.</p>
        </div>
      </div>

      <fieldset aria-describedby="holdout-hint">
        <legend>Holdout %</legend>
        <div class="choices">
          {HOLDOUTS.map((value) => (
            <Radio key={value} name="holdout" value={String(value)} checked={s.holdout.value === value}>{value}</Radio>
          ))}
        </div>
        <p class="hint" id="holdout-hint">The share of visitors in a control group that sees no cards, to measure lift. Each browser keeps its group.</p>
      </fieldset>

      <fieldset aria-describedby="offers-from-hint">
        <legend>Offers from</legend>
        <div class="choices stacked">
          <Radio name="offersFrom" value="catalog" checked={s.offersFrom.value === 'catalog'}>Catalog <Hint>in the browser</Hint></Radio>
          <Radio name="offersFrom" value="endpoint" checked={s.offersFrom.value === 'endpoint'}>Endpoint <Hint>demo server</Hint></Radio>
        </div>
        <p class="hint" id="offers-from-hint">
          The endpoint (<code>data-endpoint</code>) answers with the same engine as the widget. The slot keeps <code>data-catalog</code>, so when
          the endpoint fails the widget computes the offers from the catalog.
        </p>
      </fieldset>

      <fieldset id="endpoint-behaviour" aria-describedby="endpoint-behaviour-hint" disabled={endpointOff}>
        <legend>Endpoint behaviour</legend>
        <div class="choices stacked" onChange={(event) => onBehaviour((event.target as HTMLInputElement).value as OffersMode)}>
          <Radio name="endpointBehaviour" value="ok" checked={behaviour === 'ok'}>OK</Radio>
          <Radio name="endpointBehaviour" value="fail" checked={behaviour === 'fail'}>Fails with 500</Radio>
          <Radio name="endpointBehaviour" value="slow" checked={behaviour === 'slow'}>
            Slower than 1.5 s <Hint>answers after 3 s, when the widget has given up</Hint>
          </Radio>
        </div>
        <p class="hint" id="endpoint-behaviour-hint">
          Only used when offers come from the endpoint. A failure shows as an <code>endpoint</code> error in the event log and the cards come from
          the catalog; the widget does not ask a failed endpoint again until the page is reloaded.
        </p>
      </fieldset>

      <CartPlatformSwitch />

      <div>
        <label class="check">
          <input
            type="checkbox"
            id="fail-adds"
            aria-describedby="fail-adds-hint"
            checked={failAdds}
            onChange={(event) => onFailAdds(event.currentTarget.checked)}
          />{' '}
          Make adds fail
        </label>
        <p class="hint" id="fail-adds-hint">The demo's cart APIs (its own, Shopify's and WooCommerce's) answer 503, so you can see the retry state.</p>
      </div>
    </form>
  );
}
