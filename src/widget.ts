import { addToCart, messageOf } from './actions/add-to-cart';
import { emit } from './actions/emit';
import { createMeasure, ga4Item, inHoldout, safeJson, type Audience, type MeasureEnv } from './actions/measure';
import {
  activeDismissals,
  readVisitor,
  withAdded,
  withDismissal,
  writeVisitor,
  type StorageLike,
} from './actions/visitor-store';
import { fetchJson, loadCatalog, type JsonResult, type LoadResult } from './catalog/load-catalog';
import { loadShards } from './catalog/load-shards';
import { readOffers } from './catalog/read-offers';
import { summarizeProblems } from './catalog/parse-catalog';
import { readConfig, type Config, type RawOptions } from './config/read-config';
import { choose } from './engine/choose';
import { segmentOf } from './engine/segment';
import { stringsFor } from './i18n/strings';
import { DEFAULT_SETTINGS, type CartLine, type Catalog, type Context, type Offer } from './types';
import { mountSection } from './ui/OfferSection';
import { createSlotStore, type SlotStore } from './ui/slot-store';
import { createFormatter, toDetail } from './ui/offer-text';

/**
 * What the widget needs from the page. `embed.ts` builds it from the real globals; tests
 * build it from fakes. Nothing below this interface touches a global.
 */
export interface Env extends MeasureEnv {
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
  /** A new random id (letters and digits). */
  newId(): string;
  /** Call `seen` once, when at least half of `el` is in the viewport. */
  whenSeen(el: Element, seen: () => void): void;
  /** Call `near` once, when `el` comes within a screen's reach of the viewport. */
  whenNear(el: Element, near: () => void): void;
  /** Between slices of long work: a promise to await to let the page run, or nothing. */
  pause(): unknown;
  /** Run `fn` in a task of its own, soon. */
  later(fn: () => void): void;
  /** Call `hidden` whenever the page is hidden or left (flush the beacon). */
  onHide(hidden: () => void): void;
  /** Call `entry` for each `dataLayer` entry, pushed before or after now. */
  onDataLayer(entry: (entry: unknown) => void): void;
}

/** An order to report as a `purchase` event (analytics.md). */
interface Order {
  lines: (CartLine & { price?: number })[];
  orderId?: string | undefined;
  value?: number | undefined;
}

interface Slot {
  el: Element;
  /** Near the viewport: until then the slot waits, fetching and computing nothing. */
  near?: boolean;
  /** Stops rendering and empties the slot. */
  stop: () => void;
  options: RawOptions;
  store: SlotStore;
  /** The configuration of the latest refresh. */
  config?: Config;
  /** Who this slot's events are about, once its catalog is known. */
  to?: Audience;
  catalog?: Catalog;
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
/** How long an offers endpoint may take before the slot falls back (offers-api.md). */
export const ENDPOINT_TIMEOUT_MS = 1500;

/** Build the page's widget. `defaults` are the script tag's `data-*` values. */
export function createWidget(env: Env, defaults: RawOptions = {}): Widget {
  const slots = new Map<Element, Slot>();
  /** Every catalog, shard and index.json fetched in this page view, by URL. */
  const files = new Map<string, Promise<LoadResult | JsonResult>>();
  /** Endpoints that failed in this page view: no retry until the next (offers-api.md). */
  const failedEndpoints = new Set<string>();
  const sessionDismissed = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  let queued = false;
  const view = 'pv_' + env.newId();
  let visitor: string | undefined;
  /** The visitor id kept in storage (R12); only asked for with consent. */
  const visitorId = (): string => {
    if (!visitor) {
      const data = readVisitor(env.storage);
      visitor = data.id ?? 'v_' + env.newId();
      if (!data.id) writeVisitor(env.storage, { ...data, id: visitor });
    }
    return visitor;
  };
  const measure = createMeasure(env, visitorId, view);
  env.onHide(measure.flush);
  const impressed = new Set<string>();
  const reported = new Set<string>();
  const orders: Order[] = [];
  env.onDataLayer((entry) => {
    const order = ga4Order(entry);
    if (!order) return;
    orders.push(order);
    const slot = ordered().find((s) => s.to);
    if (slot) sendOrders(slot.to!, slot.catalog);
  });

  /** Fetch a file once per page view; a catalog's problems are warned about once. */
  function once<R extends LoadResult | JsonResult>(url: string, load: typeof loadCatalog | typeof fetchJson): Promise<R> {
    let pending = files.get(url);
    if (!pending) {
      // A catalog that never arrives must not leave the slot silent (issue: a stalled CDN).
      pending = load(url, env.fetch, AbortSignal.timeout(CATALOG_TIMEOUT_MS), env.pause).then((result) => {
        if (!result.ok) env.warn(result.message); // names the URL
        else if ('problems' in result) for (const p of summarizeProblems(result.problems)) env.warn(`catalog ${p.path}: ${p.message}`);
        return result;
      });
      files.set(url, pending);
    }
    return pending as Promise<R>;
  }

  /** The whole catalog, or for a sharded one (a URL ending in `/`) the shards these anchors need. */
  const catalogFor = (url: string, anchors: string[]): Promise<LoadResult> =>
    url.endsWith('/')
      ? loadShards(url, anchors, (u) => once(u, fetchJson), (u) => once(u, loadCatalog))
      : once(url, loadCatalog);

  /** Offers from the store's endpoint (offers-api.md), or why there are none. */
  async function fetchOffers(endpoint: string, config: Config, context: Context, today: string) {
    const { placement, product = null, cart, owned, customer, dismissed, exclude, max, freeShipping } = context;
    let read = false;
    let why: string;
    try {
      const res = await env.fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: safeJson({ version: 1, placement, product, cart, owned, customer, dismissed, exclude, max, freeShipping, locale: config.locale, today }),
        signal: AbortSignal.timeout(ENDPOINT_TIMEOUT_MS),
      });
      const text = await res.text();
      read = true;
      why = 'endpoint answered HTTP ' + res.status;
      if (res.ok) return readOffers(JSON.parse(text), max, env.warn) ?? `endpoint answer has no offers array (${endpoint})`;
    } catch (error) {
      why = read
        ? 'endpoint answer is not valid JSON'
        : (error as Error)?.name === 'TimeoutError'
          ? `endpoint did not answer within ${ENDPOINT_TIMEOUT_MS} ms`
          : 'endpoint request failed: network error';
    }
    return `${why} (${endpoint})`;
  }

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
      if (!slots.has(slot.el) || !slot.near) continue;
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
    const { placement, holdout, endpoint, catalog: url } = config;
    if (!url && !endpoint) {
      fail(slot, 'config', 'data-catalog is missing: there is nothing to offer from');
      return [];
    }
    const context = contextOf(config, dismissed, shown);
    // R12: bucket the visitor, or without consent the page view, into a stable group.
    const group = holdout && inHoldout(config.consent ? visitorId() : view, holdout) ? 'holdout' : 'treatment';
    let offers: Offer[] | undefined;
    let currency = config.currency;
    // Fetch mode: the endpoint's offers; on any failure, the catalog's (offers-api.md).
    if (endpoint && group === 'treatment' && !failedEndpoints.has(endpoint)) {
      const answer = await fetchOffers(endpoint, config, context, today);
      if (typeof answer != 'string') {
        offers = answer.offers;
        currency ??= answer.currency;
      } else {
        failedEndpoints.add(endpoint);
        env.warn(answer);
        emit(slot.el, 'error', { placement, code: 'endpoint', message: answer });
        if (!url) {
          fail(slot);
          return [];
        }
      }
    }
    const locale = config.locale ?? env.defaultLocale();
    // The browser's first Intl.NumberFormat sets up its number data, up to 190 ms on a slow
    // phone: let that happen in a task of its own while the catalog downloads.
    if (group == 'treatment') env.later(() => createFormatter(locale, currency ?? 'USD').price(0));
    let catalog: Catalog | undefined;
    if (url && !offers) {
      const anchors = (placement === 'product' ? [context.product] : placement === 'account' ? context.owned : context.cart).map((a) =>
        typeof a == 'object' ? a.id : a,
      );
      const loaded = await catalogFor(url, anchors.filter((a) => a !== undefined));
      if (!loaded.ok) {
        fail(slot, loaded.code, loaded.message);
        return [];
      }
      catalog = loaded.catalog;
      currency ??= catalog.currency;
    }
    if (!slots.has(slot.el)) return [];
    const to: Audience = (slot.to = {
      placement,
      segment: segmentOf(context.customer, context.owned, catalog?.settings ?? DEFAULT_SETTINGS, today),
      group,
      beacon: config.beacon,
      consent: config.consent,
    });
    slot.catalog = catalog;
    if (placement === 'post-purchase' && context.cart.length)
      orders.push({ lines: context.cart, orderId: config.orderId, value: config.orderValue });
    sendOrders(to, catalog);
    if (group === 'holdout') {
      slot.store.show(null);
      emit(slot.el, 'holdout', { placement });
      measure.beacon('holdout', to);
      emit(slot.el, 'render', { placement, offers: [] });
      return [];
    }
    offers ??= choose(catalog!, context, today);
    // Not an error (R1: render nothing), but a store developer should be able to see why.
    if (!offers.length) env.warn(`no offer qualifies on this ${config.placement} page`);
    await env.pause(); // rendering gets a task of its own after validating and choosing
    if (!slots.has(slot.el)) return [];
    show(slot, config, locale, currency ?? 'USD', offers);
    return offers;
  }

  function show(slot: Slot, config: Config, locale: string, currency: string, offers: Offer[]): void {
    const strings = stringsFor(locale, env.stringOverrides());
    slot.store.show({
      offers,
      placement: config.placement,
      headingLevel: config.headingLevel,
      strings,
      format: createFormatter(locale, currency),
      theme: config.theme === 'dark' || (config.theme === 'auto' && env.prefersDark()) ? 'dark' : 'light',
      dir: env.direction(slot.el),
    });
    emit(slot.el, 'render', {
      placement: config.placement,
      offers: offers.map((o, i) => toDetail(o, i + 1, strings)),
    });
    measure.beacon('render', slot.to!, { offers: offers.map((o) => o.product.id) });
  }

  /**
   * One `purchase` event per order and page view, its items marked with the kind of offer
   * this visitor added them from; those marks are then cleared.
   */
  function sendOrders(to: Audience, catalog: Catalog | undefined): void {
    for (const { lines, orderId = view, value } of orders.splice(0)) {
      if (reported.has(orderId)) continue;
      reported.add(orderId);
      const data = readVisitor(env.storage);
      const added = { ...data.added };
      const items = lines.map(({ id, qty, price }) => {
        const product = catalog?.byId.get(id);
        const offer = added[id];
        delete added[id];
        return { id, price: price ?? product?.price ?? 0, qty, cost: product?.cost, offer };
      });
      measure.beacon('purchase', to, {
        orderId,
        value: value ?? items.reduce((sum, item) => sum + item.price * item.qty, 0),
        items,
      });
      if (to.consent && data.added) writeVisitor(env.storage, { ...data, added });
    }
  }

  /** An impression, click or dismissal: the DOM event, the beacon line and, but for dismissals, GA4. */
  function track(slot: Slot, t: 'impression' | 'click' | 'dismiss', offer: Offer, position: number) {
    const detail = detailOf(slot, offer, position);
    const to = slot.to!;
    emit(slot.el, t, { placement: to.placement, offer: detail });
    measure.beacon(t, to, beaconFields(offer, position));
    if (t !== 'dismiss') measure.ga4(t === 'click' ? 'select_item' : 'view_item_list', to, [ga4Item(detail, offer.product)]);
    return detail;
  }

  /** Render nothing, after an `offerwise:error` with `code` and `message` when given. */
  function fail(slot: Slot, code?: string, message?: string): void {
    slot.store.show(null);
    const placement = slot.config?.placement ?? 'product';
    if (code) emit(slot.el, 'error', { placement, code, message });
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
    const consent = () => slot.config?.consent !== false;
    const store = createSlotStore({
      async onAdd(offer, position) {
        const detail = detailOf(slot, offer, position);
        measure.ga4('select_item', slot.to!, [ga4Item(detail, offer.product)]);
        const ok = await addToCart(el, offer, detail, placement());
        if (ok) {
          measure.beacon('add', slot.to!, beaconFields(offer, position));
          if (consent()) writeVisitor(env.storage, withAdded(readVisitor(env.storage), offer.product.id, offer.kind));
        }
        return ok;
      },
      onDismiss: (offer, position) => {
        const id = offer.product.id;
        sessionDismissed.add(id);
        if (consent()) writeVisitor(env.storage, withDismissal(readVisitor(env.storage), id, env.today()));
        track(slot, 'dismiss', offer, position);
      },
      onFollow: (offer, position) => track(slot, 'click', offer, position),
      onImageError: (offer) => env.warn(`image failed to load: ${offer.product.image}`),
      // analytics.md: once per offer per page view, when half the card is visible.
      onCard: (card, offer, position) =>
        env.whenSeen(card, () => {
          const key = placement() + ' ' + offer.product.id;
          if (!impressed.has(key)) track(slot, 'impression', offer, position);
          impressed.add(key);
        }),
    });
    const slot: Slot = { el, options, store, stop: () => undefined };
    slots.set(el, slot);
    slot.stop = mountSection(root, store, (error) => fail(slot, 'render', messageOf(error)));
    env.whenNear(el, () => {
      slot.near = true;
      void refresh();
    });
  }

  function unmount(el: Element): void {
    const slot = slots.get(el);
    if (!slot) return;
    slots.delete(el);
    slot.stop();
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

/** The offer fields of a beacon line (analytics.md). */
const beaconFields = (offer: Offer, position: number) => ({
  productId: offer.product.id,
  kind: offer.kind,
  price: offer.product.price,
  position,
});

/** A GA4 `purchase`, pushed as an object or by gtag (`['event', 'purchase', params]`). */
function ga4Order(entry: unknown): Order | undefined {
  const e = entry as Record<string | number, unknown> | null;
  const data = (e?.event === 'purchase' ? e.ecommerce : e?.[0] === 'event' && e[1] === 'purchase' ? e[2] : 0) as
    | Record<string, unknown>
    | undefined;
  if (!data || !Array.isArray(data.items)) return undefined;
  const lines = data.items.flatMap((item: Record<string, unknown> | null) => {
    const id = item?.item_id;
    const price = Number(item?.price);
    return typeof id == 'string' && id
      ? [{ id, qty: Number(item.quantity) || 1, ...(price >= 0 && { price }) }]
      : [];
  });
  const value = Number(data.value);
  return { lines, orderId: data.transaction_id == null ? undefined : String(data.transaction_id), value: value >= 0 ? value : undefined };
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
