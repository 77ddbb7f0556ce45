/**
 * The link editor's live preview: a slot whose `data-catalog` is the edited catalog (served by
 * MSW, mocks/edited-catalog.ts) and whose context makes the chosen anchor the anchor of the
 * chosen placement. No DOM here, so it is unit-tested in Node.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { publishCatalog } from './mocks/edited-catalog';
import { daysBefore, type Attributes, type Placement } from './preview-model';
import type { SlotAttributes } from './widget-slot';

/** What the preview's placement choice offers, with how the anchor gets into that placement. */
export const PREVIEW_PLACEMENTS: ReadonlyArray<readonly [Placement, string, string]> = [
  ['product', 'Product page', 'the anchor is the page’s product'],
  ['cart', 'Cart', 'the anchor is in the cart'],
  ['checkout', 'Checkout', 'the anchor is in the cart'],
  ['post-purchase', 'Post-purchase', 'the anchor was just bought'],
  ['account', 'Account', 'the anchor was bought a month ago'],
];

/** The shopper: returning, one order a month ago (no `vip` or `lapsed` links apply). */
const LAST_ORDER_DAYS = 30;

/**
 * The slot's attributes for `anchor` at `placement`. `catalogUrl` is left out while undefined:
 * the slot then reads the script tag's `/catalog.json`, the catalog the editor starts from.
 */
export function previewAttributes(anchor: string, placement: Placement, today: string, catalogUrl?: string): SlotAttributes {
  const lastOrder = daysBefore(today, LAST_ORDER_DAYS);
  const attrs: Attributes & { 'data-catalog'?: string } = {};
  if (catalogUrl !== undefined) attrs['data-catalog'] = catalogUrl;
  attrs['data-placement'] = placement;
  if (anchor) {
    if (placement === 'product') attrs['data-product'] = anchor;
    else if (placement === 'account') attrs['data-owned'] = `${anchor}@${lastOrder}`;
    else attrs['data-cart'] = `${anchor}:1`;
  }
  attrs['data-orders'] = '1';
  attrs['data-last-order'] = lastOrder;
  attrs['data-locale'] = 'en-US';
  return attrs as SlotAttributes;
}

/**
 * The preview's state. `mocksUp` says whether MSW, which serves the edited catalog, answers yet:
 * until then the slot keeps the script tag's catalog (a request would reach the static server).
 */
export function createLinkPreview(catalog: ReadonlySignal<unknown>, anchor: ReadonlySignal<string>, mocksUp: ReadonlySignal<boolean>, today: string) {
  const placement = signal<Placement>('product');
  /** Published as it is computed, so the URL is served before any slot can ask for it. */
  const catalogUrl = computed(() => publishCatalog(JSON.stringify(catalog.value)));
  const slotAttributes = computed(() =>
    previewAttributes(anchor.value, placement.value, today, mocksUp.value ? catalogUrl.value : undefined),
  );
  /** The latest render showed no card (the widget then renders nothing, so the page says why). */
  const empty = signal(false);
  const onEvent = (event: Event) => {
    if (event.type !== 'offerwise:render') return;
    const offers = (event as CustomEvent<{ offers?: unknown } | null>).detail?.offers;
    empty.value = !(Array.isArray(offers) && offers.length > 0);
  };
  return { placement, catalogUrl, slotAttributes, empty, onEvent };
}

export type LinkPreview = ReturnType<typeof createLinkPreview>;
