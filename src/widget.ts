import { h, render } from 'preact';
import { addToCart, messageOf } from './actions/add-to-cart';
import { emit } from './actions/emit';
import {
  activeDismissals,
  readVisitor,
  withDismissal,
  writeVisitor,
  type StorageLike,
} from './actions/visitor-store';
import { loadCatalog, type LoadResult } from './catalog/load-catalog';
import { summarizeProblems } from './catalog/parse-catalog';
import { readConfig, type Config, type RawOptions } from './config/read-config';
import { choose } from './engine/choose';
import { stringsFor } from './i18n/strings';
import type { Catalog, Context, Offer } from './types';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { OfferSection } from './ui/OfferSection';
import { createSlotStore, type SlotStore } from './ui/slot-store';
import { createFormatter, toDetail } from './ui/offer-text';

/**
 * What the widget needs from the page. `embed.ts` builds it from the real globals; tests
 * build it from fakes. Nothing below this interface touches a global.
 */
export interface Env {
  fetch: typeof fetch;
  /** null when storage is unavailable. */
  storage: StorageLike | null;
  /** Already prefixed with `[offerwise]` and de-duplicated. */
  warn(message: string): void;
  /** The shopper's local date, `YYYY-MM-DD`. */
  today(): string;
  /** `<html lang>`, then the browser's language. */
  defaultLocale(): string;
  /** Whether `theme: auto` resolves to dark for this slot's page. */
  prefersDark(): boolean;
  /** The text direction at the slot. */
  direction(el: Element): 'ltr' | 'rtl';
  /** Adopt the widget's stylesheet into a shadow root. */
  adoptStyles(root: ShadowRoot): void;
  /** String overrides from the page's context block, if any. */
  stringOverrides(): Record<string, unknown> | undefined;
}

interface Slot {
  el: Element;
  root: ShadowRoot | Element;
  options: RawOptions;
  store: SlotStore;
  /** The configuration of the latest refresh. */
  config?: Config;
}

export interface Widget {
  /** Mount on an element (idempotent); options are attribute names in camelCase. */
  mount(el: Element, options?: RawOptions): void;
  unmount(el: Element): void;
  /** Re-read context and re-render every slot (all of them, since dedupe spans slots). */
  refresh(): Promise<void>;
}

/** How long a catalog may take before the slot gives up with `offerwise:error`. */
export const CATALOG_TIMEOUT_MS = 8000;

/** Build the page's widget. `defaults` are the script tag's `data-*` values. */
export function createWidget(env: Env, defaults: RawOptions = {}): Widget {
  const slots = new Map<Element, Slot>();
  const catalogs = new Map<string, Promise<LoadResult>>();
  const sessionDismissed = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  let queued = false;

  const catalogFor = (url: string): Promise<LoadResult> => {
    let pending = catalogs.get(url);
    if (!pending) {
      // A catalog that never arrives must not leave the slot silent (issue: a stalled CDN).
      pending = loadCatalog(url, env.fetch, AbortSignal.timeout(CATALOG_TIMEOUT_MS)).then((result) => {
        if (result.ok) for (const p of summarizeProblems(result.problems)) env.warn(`catalog ${p.path}: ${p.message}`);
        else env.warn(result.message); // names the URL
        return result;
      });
      catalogs.set(url, pending);
    }
    return pending;
  };

  const ordered = (): Slot[] =>
    [...slots.values()].sort((a, b) =>
      a.el === b.el ? 0 : a.el.compareDocumentPosition(b.el) & 4 /* FOLLOWING */ ? -1 : 1,
    );

  async function renderAll(): Promise<void> {
    const shown: string[] = [];
    const today = env.today();
    const visitor = readVisitor(env.storage);
    const dismissed = [...activeDismissals(visitor, today), ...sessionDismissed];
    for (const slot of ordered()) {
      if (!slots.has(slot.el)) continue;
      try {
        const offers = await computeSlot(slot, today, dismissed, shown);
        for (const o of offers) shown.push(o.product.id);
      } catch (error) {
        fail(slot, 'internal', messageOf(error));
      }
    }
  }

  async function computeSlot(slot: Slot, today: string, dismissed: string[], shown: string[]): Promise<Offer[]> {
    const config = readConfig({ ...defaults, ...(slot.el as HTMLElement).dataset, ...slot.options }, env.warn);
    slot.config = config;
    if (!config.catalog) {
      fail(slot, 'config', 'data-catalog is missing: there is nothing to offer from');
      return [];
    }
    const loaded = await catalogFor(config.catalog);
    if (!slots.has(slot.el)) return [];
    if (!loaded.ok) {
      fail(slot, loaded.code, loaded.message);
      return [];
    }
    const context = contextOf(config, dismissed, shown);
    const offers = choose(loaded.catalog, context, today);
    // Not an error (R1: render nothing), but a store developer should be able to see why.
    if (!offers.length) env.warn(`no offer qualifies on this ${config.placement} page`);
    show(slot, config, loaded.catalog, offers);
    return offers;
  }

  function show(slot: Slot, config: Config, catalog: Catalog, offers: Offer[]): void {
    const locale = config.locale ?? env.defaultLocale();
    const strings = stringsFor(locale, env.stringOverrides());
    slot.store.show({
      offers,
      placement: config.placement,
      headingLevel: config.headingLevel,
      strings,
      format: createFormatter(locale, config.currency ?? catalog.currency),
      theme: config.theme === 'dark' || (config.theme === 'auto' && env.prefersDark()) ? 'dark' : 'light',
      dir: env.direction(slot.el),
    });
    emit(slot.el, 'render', {
      placement: config.placement,
      offers: offers.map((o, i) => toDetail(o, i + 1, strings)),
    });
  }

  function fail(slot: Slot, code: string, message: string): void {
    slot.store.show(null);
    const placement = slot.config?.placement ?? 'product';
    emit(slot.el, 'error', { placement, code, message });
    emit(slot.el, 'render', { placement, offers: [] });
  }

  const detailOf = (slot: Slot, offer: Offer, position: number) =>
    toDetail(offer, position, slot.store.get().view?.strings ?? stringsFor('en'));

  function mount(el: Element, options: RawOptions = {}): void {
    const existing = slots.get(el);
    if (existing) {
      existing.options = { ...existing.options, ...options };
      void refresh();
      return;
    }
    const root = shadowFor(el);
    env.adoptStyles(root as ShadowRoot);
    const placement = () => slot.config?.placement ?? 'product';
    const store = createSlotStore({
      onAdd: (offer, position) => addToCart(el, offer, detailOf(slot, offer, position), placement()),
      onDismiss: (offer, position) => {
        const id = offer.product.id;
        sessionDismissed.add(id);
        if (slot.config?.consent !== false) {
          writeVisitor(env.storage, withDismissal(readVisitor(env.storage), id, env.today()));
        }
        emit(el, 'dismiss', { placement: placement(), offer: detailOf(slot, offer, position) });
      },
      onFollow: (offer, position) =>
        emit(el, 'click', { placement: placement(), offer: detailOf(slot, offer, position) }),
      onImageError: (offer) => env.warn(`image failed to load: ${offer.product.image}`),
    });
    const slot: Slot = { el, root, options, store };
    slots.set(el, slot);
    render(
      h(ErrorBoundary, { onError: (error: unknown) => fail(slot, 'render', messageOf(error)) }, h(OfferSection, { store })),
      root,
    );
    void refresh();
  }

  function unmount(el: Element): void {
    const slot = slots.get(el);
    if (!slot) return;
    slots.delete(el);
    render(null, slot.root);
  }

  /** Coalesce refresh calls made while one is waiting to run. */
  function refresh(): Promise<void> {
    if (!queued) {
      queued = true;
      chain = chain.then(() => {
        queued = false;
        return renderAll();
      });
    }
    return chain;
  }

  return { mount, unmount, refresh };
}

function contextOf(config: Config, dismissed: string[], shown: string[]): Context {
  const { placement, product, cart = [], owned = [], orders, spent, lastOrder, priceSensitive, max, freeShipping } = config;
  return {
    placement,
    product,
    cart,
    owned,
    customer: { orders, spent, lastOrder, priceSensitive },
    dismissed,
    exclude: [...shown],
    max,
    freeShipping,
  };
}

/**
 * An open shadow root on the slot. Elements that cannot host one (or already host someone
 * else's) get an inner `div` that does.
 */
function shadowFor(el: Element): ShadowRoot {
  if (el.shadowRoot?.firstChild === null || el.shadowRoot?.childNodes.length === 0) return el.shadowRoot;
  try {
    if (!el.shadowRoot) return el.attachShadow({ mode: 'open' });
  } catch {
    // fall through to an inner host
  }
  const inner = el.ownerDocument.createElement('div');
  el.appendChild(inner);
  return inner.attachShadow({ mode: 'open' });
}
