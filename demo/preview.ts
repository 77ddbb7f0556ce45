/**
 * The merchant's preview panel: every control change rewrites the preview slot's data-*
 * attributes (the widget re-renders on its own; `refresh` is called too, to be safe) and
 * the snippet a store pastes. The logic lives in preview-model.ts; this file is the DOM.
 */
import { cartApiReady } from './cart-client';
import { loadCatalog, formatPrice, CATALOG_URL, type StoreProduct } from './catalog-data';
import { setCartFailure } from './mocks/cart-store';
import { setOffersMode } from './mocks/offers-switch';
import { MANAGED_ATTRIBUTES, settingsFromForm, summarizeDetail, toAttributes, toSnippet } from './preview-model';

const EVENTS = ['render', 'impression', 'click', 'add', 'added', 'dismiss', 'error', 'holdout'] as const;
const LOG_LIMIT = 50;

function required<T extends Element>(selector: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`[demo] The preview page lacks ${selector}`);
  return el;
}

const form = required<HTMLFormElement>('#controls');
const slot = required<HTMLElement>('#preview-slot');
const snippet = required<HTMLElement>('#snippet');
const copyStatus = required<HTMLElement>('#copy-status');
const log = required<HTMLOListElement>('#event-log');
const emptyNote = required<HTMLElement>('#empty-note');
const failAdds = required<HTMLInputElement>('#fail-adds');
const stage = required<HTMLElement>('#stage');
const behaviour = required<HTMLFieldSetElement>('#endpoint-behaviour');

/**
 * Whether MSW, which plays `/demo-offers`, is up (store.ts starts it in the background).
 * Until then the slot gets no `data-endpoint`: a request would reach the static server and
 * fail, and the widget does not ask a failed endpoint again during the page view.
 */
let endpointUp = false;

const urls = {
  scriptSrc: new URL('/offerwise.js', location.href).href,
  catalogUrl: new URL(CATALOG_URL, location.href).href,
};

interface OfferwiseApi {
  refresh?: (slot?: Element) => void;
}

/** The widget re-renders on data-* changes by itself; refresh too, in case it is an older build. */
function refreshWidget(): void {
  try {
    (Reflect.get(window, 'Offerwise') as OfferwiseApi | undefined)?.refresh?.(slot);
  } catch (error) {
    console.warn('[demo] Offerwise.refresh failed', error);
  }
}

function apply(): void {
  const settings = settingsFromForm(new FormData(form));
  const attrs = toAttributes(settings, new Date().toISOString().slice(0, 10));
  stage.dataset.previewTheme = settings.theme;
  behaviour.disabled = settings.offersFrom !== 'endpoint';
  let changed = false;
  for (const name of MANAGED_ATTRIBUTES) {
    const value = name === 'data-endpoint' && !endpointUp ? null : (attrs[name] ?? null);
    if (slot.getAttribute(name) === value) continue;
    changed = true;
    if (value === null) slot.removeAttribute(name);
    else slot.setAttribute(name, value);
  }
  if (changed) refreshWidget();
  snippet.textContent = toSnippet(attrs, urls);
  copyStatus.textContent = '';
}

/** The "Endpoint behaviour" choice, to the mock endpoint's switch. */
function applyBehaviour(): void {
  setOffersMode(behaviour.querySelector<HTMLInputElement>('input:checked')?.value ?? 'ok');
}

function productOption(product: StoreProduct): HTMLOptionElement {
  const stock = product.inStock === false ? ', out of stock' : '';
  return new Option(`${product.title} (${formatPrice(product.price)}${stock})`, product.id);
}

function cartOption(product: StoreProduct): HTMLLIElement {
  const item = document.createElement('li');
  const check = document.createElement('label');
  const box = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'cart', value: product.id });
  check.append(box, ` ${product.title}`);
  const qty = Object.assign(document.createElement('input'), {
    type: 'number',
    name: `qty-${product.id}`,
    min: '1',
    max: '99',
    value: '1',
    inputMode: 'numeric',
  });
  qty.setAttribute('aria-label', `Quantity of ${product.title}`);
  item.append(check, qty);
  return item;
}

async function fillProductControls(): Promise<void> {
  const { products } = await loadCatalog();
  const select = required<HTMLSelectElement>('#product');
  const selected = select.value;
  select.replaceChildren(...products.map(productOption));
  select.value = products.some((p) => p.id === selected) ? selected : (products[0]?.id ?? '');
  required<HTMLElement>('[data-cart-options]').replaceChildren(...products.map(cartOption));
  apply();
}

function logEvent(event: Event): void {
  const detail = (event as CustomEvent<unknown>).detail;
  if (event.type === 'offerwise:render') {
    const offers = (detail as { offers?: unknown[] } | null)?.offers;
    emptyNote.hidden = Array.isArray(offers) && offers.length > 0;
  }
  const entry = document.createElement('li');
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toLocaleTimeString('en-GB');
  const type = document.createElement('strong');
  type.textContent = event.type;
  const data = document.createElement('code');
  data.textContent = summarizeDetail(detail);
  entry.append(time, ' ', type, ' ', data);
  log.prepend(entry);
  while (log.children.length > LOG_LIMIT) log.lastElementChild?.remove();
}

async function copySnippet(): Promise<void> {
  const text = snippet.textContent ?? '';
  try {
    await navigator.clipboard.writeText(text);
    copyStatus.textContent = 'Copied to the clipboard.';
  } catch {
    // No clipboard permission (e.g. plain http): select the code so the merchant can copy it.
    const range = document.createRange();
    range.selectNodeContents(snippet);
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    copyStatus.textContent = 'Code selected. Press Ctrl+C (⌘C on a Mac) to copy it.';
  }
}

for (const name of EVENTS) slot.addEventListener(`offerwise:${name}`, logEvent);
form.addEventListener('input', apply);
form.addEventListener('submit', (event) => event.preventDefault());
failAdds.addEventListener('change', () => setCartFailure(failAdds.checked));
behaviour.addEventListener('change', () => {
  applyBehaviour();
  // Ask the endpoint again, in its new behaviour (unless it already failed in this page view).
  if (slot.hasAttribute('data-endpoint')) refreshWidget();
});
required<HTMLButtonElement>('#copy').addEventListener('click', () => void copySnippet());
required<HTMLButtonElement>('#clear-log').addEventListener('click', () => log.replaceChildren());

// Synchronously, so the slot has its attributes before the deferred widget script reads them.
apply();
setCartFailure(failAdds.checked);
applyBehaviour();
void cartApiReady().then(() => {
  endpointUp = true;
  apply();
});
fillProductControls().catch((error: unknown) => {
  console.warn('[demo] Could not load the catalog for the panel', error);
});
