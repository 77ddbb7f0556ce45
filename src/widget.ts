import { addToCart, messageOf, type CartWork } from './actions/add-to-cart';
import { createEmit, type MakeEvent } from './actions/emit';
import { createTracking, type TrackEnv, type Tracked } from './actions/track';
import { activeDismissals, ownedOf, readVisitor, withAdded, withDismissal, withPurchase, writeVisitor, type StorageLike } from './actions/visitor-store';
import { fetchJson, loadCatalog, type JsonResult, type LoadResult } from './catalog/load-catalog';
import type { CartPlatform } from './chunks/cart';
import type { EndpointClient } from './chunks/endpoint';
import type { ChunkName, Chunks } from './chunks/load-chunk';
import { bare, WARN_MAX } from './catalog/field-rules';
import { readConfig, type Config, type RawOptions } from './config/read-config';
import { readContextBlock } from './context/context-block';
import { ga4Order, readDataLayer } from './context/data-layer';
import { readJsonLd } from './context/json-ld';
import { mergeContext, type PageContext } from './context/page-context';
import { readPlatformCart } from './context/platform-cart';
import { segmentOf } from './engine/segment';
import { fill, languageOf, stringsFor, type Strings } from './i18n/strings';
import { anchorsOf, computeSlot, type OfferSources, type SlotRecord } from './offers/compute-slot';
import { DEFAULT_SETTINGS, type CartLine, type Context, type Offer } from './types';
import { createFormatter, toDetail } from './ui/offer-text';
import { mountSection } from './ui/OfferSection';
import { createSlotState, type SlotState } from './ui/slot-state';
import { safeJson } from './util/safe-json';

/**
 * What the widget needs from the page. `embed.ts` builds it from the real globals; tests
 * build it from fakes. Nothing below this interface touches a global.
 */
export interface Env extends Omit<TrackEnv, 'loadMeasure' | 'emit' | 'readVisitor' | 'writeVisitor' | 'json' | 'ga4Order'> {
  /** The visitor's localStorage, or null where it throws. */
  storage: StorageLike | null;
  /** The page's `new CustomEvent(type, init)`. */
  event: MakeEvent;
  fetch: typeof fetch;
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
  /** Attach (or reuse) the slot's shadow root, with the widget's stylesheet adopted. */
  shadowRoot(el: Element): ShadowRoot;
  /** What the page says about itself, read afresh on each render (embed.md §5). */
  page(): PageSources;
  /**
   * Call `changed` after client-side navigation (`pushState`, `replaceState`, `popstate`,
   * with `navigation: true`) and after each `dataLayer` push; returns the unsubscribe.
   */
  onPageChange(changed: (navigation: boolean) => void): () => void;
  /** Take the shopper to `url` (an add the widget cannot make itself). */
  navigate(url: string): void;
  /** The page's WooCommerce Store API nonce, and where a fresher one is kept. */
  wooNonce(): string | undefined;
  setWooNonce(nonce: string): void;
  /** Tell the platform's own scripts that the cart changed (WooCommerce's cart fragments). */
  cartChanged(platform: CartPlatform): void;
  /** A new random id (letters and digits). */
  newId(): string;
  /** Call `seen` once, when at least half of `el` is in the viewport; returns the cancel. */
  whenSeen(el: Element, seen: () => void): () => void;
  /** Call `near` once, when `el` comes within a screen's reach of the viewport; returns the cancel. */
  whenNear(el: Element, near: () => void): () => void;
  /** Between slices of long work: a promise to await to let the page run, or nothing. */
  pause(): unknown;
  /** Run `fn` in a task of its own, soon. */
  later(fn: () => void): void;
  /** Resolves after `ms`, by the widget's own timer. */
  wait(ms: number): Promise<void>;
  /** An abort signal that fires after `ms`, where the browser has one. */
  abortAfter(ms: number): AbortSignal | undefined;
  /** Load one of the widget's chunks (embed.md §1). */
  loadChunk<N extends ChunkName>(name: N): Promise<Chunks[N]>;
}

/** The page's own context sources, as text and entries (embed.ts reads them). */
export interface PageSources {
  /** `<script type="application/json" data-offerwise-context>`'s text. */
  block?: string;
  /** Every `<script type="application/ld+json">`'s text, in document order. */
  jsonLd: string[];
  /** The GA4 `dataLayer`'s entries. */
  dataLayer: ArrayLike<unknown>;
}

interface Slot extends Partial<Tracked> {
  el: Element;
  options: RawOptions;
  state: SlotState;
  /** Near the viewport: until then the slot waits, fetching and computing nothing. */
  near?: boolean;
  /** The latest record computed for it. */
  record?: SlotRecord;
  /** Stops rendering and empties the slot. */
  stop(): void;
  /** Observers to cancel on unmount (cards watched for impressions, the slot for nearness). */
  watching: (() => void)[];
  /** The page's context block's text overrides, as of the last render. */
  strings?: Record<string, string>;
  /** The language pack of its locale, when one is built in. */
  pack?: Partial<Strings>;
}

export interface Widget {
  /** Mount on an element (idempotent); options are attribute names in camelCase. */
  mount(el: Element, options?: RawOptions): void;
  unmount(el: Element): void;
  /**
   * Re-read context and re-render. Every slot from the given one on is recomputed (a later
   * slot leaves out what earlier ones show); with no slot, all of them.
   */
  refresh(slot?: Element): Promise<void>;
}

/** How long a catalog (each file of a sharded one) may take before the slot gives up. */
export const CATALOG_TIMEOUT_MS = 8000;
/** How long an earlier slot may hold a later one back for dedupe (embed.md §2). */
export const HOLD_MS = 1500;

/** Build the page's widget. `defaults` are the script tag's `data-*` values. */
export function createWidget(env: Env, defaults: RawOptions = {}): Widget {
  const emit = createEmit(env.event);
  const slots = new Map<Element, Slot>();
  /** Every catalog, shard and index.json fetched in this page view, by URL. */
  const files = new Map<string, Promise<LoadResult | JsonResult>>();
  const sessionDismissed = new Set<string>();
  const impressed = new Set<string>();
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

  /** Chunks by name, each loaded once; a failure costs that feature, with one warning and one error. */
  const chunks = new Map<ChunkName, Promise<unknown>>();
  function chunk<N extends ChunkName>(name: N, el?: Element): Promise<Chunks[N] | undefined> {
    let pending = chunks.get(name) as Promise<Chunks[N] | undefined> | undefined;
    if (!pending) {
      pending = env.loadChunk(name).catch((error: unknown) => {
        const message = `offerwise-${name}.js failed to load (${messageOf(error)})`;
        env.warn(message);
        const slot = el ?? ordered()[0]?.el;
        if (slot) emit(slot, 'error', { placement: slots.get(slot)?.record?.config.placement ?? 'product', code: 'chunk', message });
        return undefined;
      });
      chunks.set(name, pending);
    }
    return pending;
  }

  const tracking = createTracking(
    {
      ...env,
      emit,
      json: safeJson,
      ga4Order,
      readVisitor: () => readVisitor(env.storage),
      writeVisitor: (data) => writeVisitor(env.storage, data),
      // A failure is reported by chunk(), once; tracking then goes on without GA4.
      loadMeasure: () => chunk('measure').then((c) => c ?? Promise.reject(new Error('measure'))),
    },
    visitorId,
    view,
    () => undefined,
  );

  /** Fetch a file once per page view, given up after 8 s; a catalog's problems are warned about once. */
  function once<R extends LoadResult | JsonResult>(url: string, load: typeof loadCatalog | typeof fetchJson): Promise<R> {
    let pending = files.get(url);
    if (!pending) {
      const timedOut = { ok: false, code: 'catalog-fetch', message: `catalog did not arrive within ${CATALOG_TIMEOUT_MS / 1000} s (${url})` } as const;
      pending = Promise.race([
        load(url, env.fetch, env.abortAfter(CATALOG_TIMEOUT_MS), env.pause),
        env.wait(CATALOG_TIMEOUT_MS).then(() => timedOut),
      ]).then((result) => {
        if (!result.ok) env.warn(result.message); // names the URL
        else if ('problems' in result) {
          // The first 10 problems one by one, the rest in one line with their count (catalog.md).
          for (const p of result.problems.slice(0, WARN_MAX)) env.warn(`catalog ${p.path}: ${p.message}`);
          const more = result.problems.length - WARN_MAX;
          if (more > 0) env.warn(`catalog ${url}: ${more} more problems`);
        }
        return result;
      });
      files.set(url, pending);
    }
    return pending as Promise<R>;
  }

  let endpointClient: Promise<EndpointClient | undefined> | undefined;
  const sourcesFor = (el: Element): OfferSources => ({
    async catalog(url, anchors) {
      if (!url.endsWith('/')) return once(url, loadCatalog);
      const shards = await chunk('shards', el);
      return shards?.loadShards(url, anchors, (u) => once(u, fetchJson), (u) => once(u, loadCatalog));
    },
    async endpoint(url, request, max) {
      endpointClient ??= chunk('endpoint', el).then((c) => c?.createEndpointClient(env));
      const client = await endpointClient;
      return client ? client.ask(url, request, max) : undefined;
    },
  });

  const ordered = (): Slot[] =>
    [...slots.values()].sort((a, b) => (a.el === b.el ? 0 : a.el.compareDocumentPosition(b.el) & 4 /* FOLLOWING */ ? -1 : 1));

  /**
   * Recompute the slots from `from` on (all of them without it). Each slot loads at once; it
   * then waits for the earlier slots, at most 1.5 s (embed.md §2), and leaves out what the
   * earlier slots show and what later slots of this pass already show.
   */
  async function renderAll(from?: Element): Promise<void> {
    const today = env.today();
    const dismissed = [...activeDismissals(readVisitor(env.storage), today), ...sessionDismissed];
    const page = readPage();
    const all = ordered();
    const first = Math.max(0, all.findIndex((s) => s.el === from));
    const done = new Set<Slot>();
    const shownAround = (slot: Slot): string[] =>
      all.flatMap((s, i) => ((i < all.indexOf(slot) || done.has(s)) && slots.has(s.el) ? (s.record?.offers ?? []).map((o) => o.product.id) : []));
    let earlier: Promise<unknown> = Promise.resolve();
    for (const slot of all.slice(first)) {
      if (!slot.near) continue;
      const pass = refreshSlot(slot, today, dismissed, page, Promise.race([earlier, env.wait(HOLD_MS)]), shownAround).then(
        () => void done.add(slot),
        (error: unknown) => show(slot, undefined, [{ code: 'internal', message: messageOf(error) }]),
      );
      earlier = Promise.all([earlier, pass]);
    }
    await earlier;
  }

  /** The dataLayer's context as of the last render pass. */
  let layerSeen = '';
  /** The page's context sources but the visitor's own and the platform's (embed.md §5, 2–4). */
  function readPage(): { block?: PageContext; jsonLd?: string; layer: PageContext } {
    const { block, jsonLd, dataLayer } = env.page();
    const layer = readDataLayer(dataLayer);
    layerSeen = JSON.stringify(layer); // what a later push must change to re-render
    return {
      block: block === undefined ? undefined : readContextBlock(block, env.warn),
      jsonLd: readJsonLd(jsonLd),
      layer,
    };
  }

  /** The platform's cart, read once per render pass (and again after an add), by adapter. */
  const platformCarts = new Map<CartPlatform, Promise<CartLine[] | undefined>>();
  function platformCart(platform: CartPlatform, fresh = false): Promise<CartLine[] | undefined> {
    let pending = platformCarts.get(platform);
    if (!pending || fresh) {
      const url = platform === 'shopify' ? '/cart.js' : '/wp-json/wc/store/v1/cart';
      pending = Promise.race([
        env.fetch(url).then((r) => (r.ok ? r.json() : undefined)),
        env.wait(CATALOG_TIMEOUT_MS),
      ])
        .then((answer) => readPlatformCart(platform, answer))
        .catch(() => undefined)
        .then((lines) => lines ?? void env.warn(url + ' gave no cart'));
      platformCarts.set(platform, pending);
    }
    return pending;
  }

  /** The context of one slot: its attributes, then the page's sources in the §5 order. */
  async function contextFor(config: Config, page: ReturnType<typeof readPage>, today: string, dismissed: string[]): Promise<Context> {
    const { layer } = page;
    const placed = config.placement === 'post-purchase' ? layer.order : undefined;
    let history: PageContext | undefined;
    if (config.consent) {
      // Products bought on any page count as owned, with their dates (rules.md R3, R7).
      let data = readVisitor(env.storage);
      if (layer.order) writeVisitor(env.storage, (data = withPurchase(data, layer.order.lines, today)));
      history = { owned: ownedOf(data) };
    }
    const { product, cart, owned, orders, spent, lastOrder, priceSensitive } = config;
    const found = mergeContext(
      { product, cart, owned, customer: { orders, spent, lastOrder, priceSensitive } },
      page.block,
      { product: page.jsonLd },
      { ...layer, cart: placed?.lines ?? layer.cart },
      history,
    );
    // A cart taken from the page's GA4 purchase is that order: reported under its id and value,
    // so the purchase the measurement reads from the dataLayer is the same one, sent once.
    if (placed && found.cart == placed.lines) {
      config.orderId ??= placed.orderId;
      config.orderValue ??= placed.value;
    }
    const adapter = config.cartAdapter.type;
    if (!found.cart && (adapter === 'shopify' || adapter === 'woocommerce')) found.cart = await platformCart(adapter);
    return {
      placement: config.placement,
      product: found.product,
      cart: found.cart ?? [],
      owned: found.owned ?? [],
      customer: bare({ priceSensitive: false, ...found.customer }),
      dismissed,
      exclude: [],
      max: config.max,
      freeShipping: config.freeShipping,
    };
  }

  async function refreshSlot(
    slot: Slot,
    today: string,
    dismissed: string[],
    page: ReturnType<typeof readPage>,
    turn: Promise<unknown>,
    shownAround: (slot: Slot) => string[],
  ): Promise<void> {
    const config = readConfig({ ...defaults, ...(slot.el as HTMLElement).dataset, ...slot.options }, env.warn);
    slot.strings = page.block?.strings;
    // The browser's first Intl.NumberFormat sets up its number data, up to 190 ms on a slow
    // phone: let that happen in a task of its own while the catalog downloads.
    const locale = config.locale ?? env.defaultLocale();
    env.later(() => createFormatter(locale, config.currency ?? 'USD').price(0));
    const found = await contextFor(config, page, today, dismissed);
    // Reading the page's context and starting the requests are tasks of their own (no long frame).
    await env.pause();
    const sources = sourcesFor(slot.el);
    // The catalog loads now, whatever earlier slots wait for (the file cache shares it); what
    // other slots show is read once it is here and the earlier slots are done (or 1.5 s passed).
    await Promise.all([turn, config.catalog && !config.endpoint && sources.catalog(config.catalog, anchorsOf(found)).catch(() => undefined)]);
    const context = { ...found, exclude: shownAround(slot) };
    const computing = computeSlot({ config, context, today, bucket: () => (config.consent ? visitorId() : view) }, sources);
    // A built-in language other than English loads beside the catalog (English if it fails).
    const language = languageOf(locale);
    const pack = language && chunk(language, slot.el);
    const record = await computing;
    slot.pack = (await pack)?.strings;
    if (!slots.has(slot.el)) return;
    if (!record.failed && record.group === 'treatment') {
      // Not an error (R1: render nothing), but a store developer should be able to see why.
      if (!record.offers.length) env.warn(`no offer qualifies on this ${config.placement} page`);
      await env.pause(); // rendering gets a task of its own after validating and choosing
      if (!slots.has(slot.el)) return;
    }
    show(slot, record);
  }

  /** Hand a record to the slot's UI and tell the page (and the beacon) what it shows. */
  function show(slot: Slot, record: SlotRecord | undefined, errors = record?.errors ?? []): void {
    slot.record = record;
    const config: Partial<Config> = record?.config ?? {};
    const placement = config.placement ?? 'product';
    for (const { code, message } of errors) {
      if (code === 'endpoint' || code === 'internal') env.warn(message);
      emit(slot.el, 'error', { placement, code, message });
    }
    if (!record || record.failed) {
      slot.state.show(null);
      emit(slot.el, 'render', { placement, offers: [] });
      return;
    }
    const { context, catalog, group, offers } = record;
    slot.catalog = catalog;
    slot.to = {
      placement,
      segment: segmentOf(context.customer, context.owned, catalog?.settings ?? DEFAULT_SETTINGS, env.today()),
      group,
      beacon: config.beacon,
      consent: config.consent !== false,
    };
    const tracked = slot as Tracked;
    tracking.audience(
      tracked,
      placement === 'post-purchase' && context.cart.length ? { lines: context.cart, orderId: config.orderId, value: config.orderValue } : undefined,
    );
    if (group === 'holdout') {
      slot.state.show(null);
      tracking.holdout(tracked);
      emit(slot.el, 'render', { placement, offers: [] });
      return;
    }
    const locale = config.locale ?? env.defaultLocale();
    const strings = stringsFor(slot.pack, slot.strings);
    slot.state.show({
      offers: [...offers],
      placement,
      headingLevel: config.headingLevel ?? 2,
      strings,
      format: createFormatter(locale, record.currency ?? 'USD'),
      theme: config.theme === 'dark' || (config.theme === 'auto' && env.prefersDark()) ? 'dark' : 'light',
      dir: env.direction(slot.el),
      // The built-in English, unless a language pack or the store's own strings replaced it.
      lang: slot.pack || slot.strings ? locale : 'en',
    });
    emit(slot.el, 'render', { placement, offers: offers.map((o, i) => toDetail(o, i + 1, strings)) });
    // The measure chunk, if this slot is measured, loads once the browser is idle after the first cards.
    tracking.rendered(tracked, offers);
  }

  /** An error of ours on a broken page: one warning, never an exception in the page. */
  const failed = (error: unknown): false => (env.warn('failed: ' + messageOf(error)), false);

  const detailOf = (slot: Slot, offer: Offer, position: number) =>
    toDetail(offer, position, slot.state.view.peek()?.strings ?? stringsFor());

  function mount(el: Element, options: RawOptions = {}): void {
    const existing = slots.get(el);
    if (existing) {
      existing.options = { ...existing.options, ...options };
      void refresh(el);
      return;
    }
    const consent = () => slot.record?.config.consent !== false;
    const state = createSlotState({
      async onAdd(offer, position) {
        const detail = detailOf(slot, offer, position);
        tracking.selected(slot as Tracked, offer, detail);
        // A broken page's error is told and the card shows the failed state.
        const ok = await addToCart(emit, el, offer, detail, slot.to!.placement, cartWork(slot)).catch(failed);
        if (ok === true) {
          tracking.added(slot as Tracked, offer, detail);
          if (consent()) writeVisitor(env.storage, withAdded(readVisitor(env.storage), offer.product.id, offer.kind));
        }
        return ok;
      },
      onDismiss(offer, position) {
        const id = offer.product.id;
        sessionDismissed.add(id);
        if (consent()) writeVisitor(env.storage, withDismissal(readVisitor(env.storage), id, env.today()));
        tracking.offer(slot as Tracked, 'dismiss', offer, detailOf(slot, offer, position));
      },
      onFollow: (offer, position) => tracking.offer(slot as Tracked, 'click', offer, detailOf(slot, offer, position)),
      onImageError: (offer) => env.warn(`image failed to load: ${offer.product.image}`),
      onError: failed,
      // analytics.md: once per offer and placement per page view, when half the card is visible.
      onCard: (card, offer, position) =>
        slot.watching.push(
          env.whenSeen(card, () => {
            const key = slot.to!.placement + ' ' + offer.product.id;
            if (!impressed.has(key)) tracking.offer(slot as Tracked, 'impression', offer, detailOf(slot, offer, position));
            impressed.add(key);
          }),
        ),
    });
    const slot: Slot = { el, options, state, stop: () => undefined, watching: [] };
    slots.set(el, slot);
    slot.stop = mountSection(env.shadowRoot(el), state, (error) => show(slot, undefined, [{ code: 'render', message: messageOf(error) }]));
    slot.watching.push(
      env.whenNear(el, () => {
        slot.near = true;
        void refresh(el);
      }),
    );
    unsubscribe ??= env.onPageChange(pageChanged);
  }

  function unmount(el: Element): void {
    const slot = slots.get(el);
    if (!slot) return;
    slots.delete(el);
    slot.stop();
    for (const cancel of slot.watching.splice(0)) cancel();
    if (!slots.size) {
      unsubscribe?.();
      unsubscribe = undefined;
    }
  }

  /** Client-side navigation re-reads everything; a dataLayer push only when it changed the context. */
  let unsubscribe: (() => void) | undefined;
  function pageChanged(navigation: boolean): void {
    if (navigation || JSON.stringify(readDataLayer(env.page().dataLayer)) !== layerSeen) void refresh();
  }

  /**
   * The cart work of `data-cart-adapter` (embed.md §6), when the host did not cancel the add.
   * `event`: the host must have called `waitUntil`; if nobody did, nothing was added, so the
   * shopper goes to the product's page to add it there. A URL template: the page goes there.
   * `shopify`, `woocommerce`: the cart chunk's adapter, then the platform cart is read again.
   */
  const cartWork =
    (slot: Slot): CartWork =>
    async (offer, add, waited) => {
      const adapter = slot.record!.config.cartAdapter;
      const { id, variantId, url } = offer.product;
      if (adapter.type === 'event') {
        if (waited) return;
        env.warn('no cart handler is wired: call detail.waitUntil() in an offerwise:add listener');
        env.navigate(url);
        return 'left';
      }
      if (adapter.type === 'template') {
        env.navigate(fill(adapter.template, { id: encodeURIComponent(variantId ?? id), qty: add.quantity }));
        return 'left';
      }
      const platform = adapter.type;
      const cart = await chunk('cart', slot.el);
      if (!cart) throw new Error('the cart adapter could not be loaded');
      const replaced = add.replaces ? slot.catalog?.byId.get(add.replaces)?.variantId : undefined;
      try {
        await cart
          .createCartAdapter(platform, { fetch: env.fetch, wooNonce: env.wooNonce, setWooNonce: env.setWooNonce, added: env.cartChanged, warn: env.warn })
          .add({ productId: id, variantId, quantity: add.quantity, action: add.action, replaces: add.replaces, replacesVariantId: replaced });
      } finally {
        void platformCart(platform, true);
      }
    };

  let chain: Promise<void> = Promise.resolve();
  /** The earliest slot a waiting refresh starts from; null: all of them; undefined: none waiting. */
  let pendingFrom: Element | null | undefined;
  /** Coalesce refresh calls made while one is waiting to run. */
  function refresh(from?: Element): Promise<void> {
    const wanted = from && slots.has(from) ? from : null;
    if (pendingFrom === undefined) {
      pendingFrom = wanted;
      chain = chain
        .then(() => {
          const start = pendingFrom ?? undefined;
          pendingFrom = undefined;
          return renderAll(start);
        })
        // A pass that failed as a whole (a broken page) is told; the next refresh runs anyway.
        .catch((error: unknown) => void failed(error));
    } else if (pendingFrom && (!wanted || wanted.compareDocumentPosition(pendingFrom) & 4 /* FOLLOWING */)) {
      pendingFrom = wanted;
    }
    return chain;
  }

  return { mount, unmount, refresh };
}
