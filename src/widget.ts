import { addToCart, messageOf } from './actions/add-to-cart';
import { createEmit, type MakeEvent } from './actions/emit';
import { createTracking, type TrackEnv, type Tracked } from './actions/track';
import { activeDismissals, readVisitor, withAdded, withDismissal, writeVisitor } from './actions/visitor-store';
import { fetchJson, loadCatalog, type JsonResult, type LoadResult } from './catalog/load-catalog';
import type { EndpointClient } from './chunks/endpoint';
import type { ChunkName, Chunks } from './chunks/load-chunk';
import { readConfig, type Config, type RawOptions } from './config/read-config';
import { segmentOf } from './engine/segment';
import { stringsFor } from './i18n/strings';
import { computeSlot, type OfferSources, type SlotRecord } from './offers/compute-slot';
import { DEFAULT_SETTINGS, type Context, type Offer } from './types';
import { createFormatter, toDetail } from './ui/offer-text';
import { mountSection } from './ui/OfferSection';
import { createSlotState, type SlotState } from './ui/slot-state';

/**
 * What the widget needs from the page. `embed.ts` builds it from the real globals; tests
 * build it from fakes. Nothing below this interface touches a global.
 */
export interface Env extends Omit<TrackEnv, 'loadMeasure' | 'emit'> {
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
  /** Resolves after `ms`, by the widget's own timer. */
  wait(ms: number): Promise<void>;
  /** An abort signal that fires after `ms`, where the browser has one. */
  abortAfter(ms: number): AbortSignal | undefined;
  /** Load one of the widget's chunks (embed.md §1). */
  loadChunk<N extends ChunkName>(name: N): Promise<Chunks[N]>;
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
        const message = `offerwise-${name}.js could not be loaded (${messageOf(error)}); that feature is off`;
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
      loadMeasure: () => env.loadChunk('measure'),
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
        else if ('problems' in result) for (const p of result.problems) env.warn(`catalog ${p.path}: ${p.message}`);
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

  /** Recompute the slots in document order; each leaves out what earlier ones show. */
  async function renderAll(from?: Element): Promise<void> {
    const shown: string[] = [];
    const today = env.today();
    const dismissed = [...activeDismissals(readVisitor(env.storage), today), ...sessionDismissed];
    let started = !from;
    for (const slot of ordered()) {
      started ||= slot.el === from;
      if (!started) {
        // An earlier slot keeps what it shows; a later one still leaves that out.
        for (const o of slot.record?.offers ?? []) shown.push(o.product.id);
        continue;
      }
      if (!slots.has(slot.el) || !slot.near) continue;
      try {
        await refreshSlot(slot, today, dismissed, shown);
        for (const o of slot.record?.offers ?? []) shown.push(o.product.id);
      } catch (error) {
        show(slot, undefined, [{ code: 'internal', message: messageOf(error) }]);
      }
    }
  }

  async function refreshSlot(slot: Slot, today: string, dismissed: string[], shown: string[]): Promise<void> {
    const config = readConfig({ ...defaults, ...(slot.el as HTMLElement).dataset, ...slot.options }, env.warn);
    // The browser's first Intl.NumberFormat sets up its number data, up to 190 ms on a slow
    // phone: let that happen in a task of its own while the catalog downloads.
    const locale = config.locale ?? env.defaultLocale();
    env.later(() => createFormatter(locale, config.currency ?? 'USD').price(0));
    const context = contextOf(config, dismissed, shown);
    const record = await computeSlot(
      { config, context, today, bucket: () => (config.consent ? visitorId() : view) },
      sourcesFor(slot.el),
    );
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
    const strings = stringsFor(locale, env.stringOverrides());
    slot.state.show({
      offers: [...offers],
      placement,
      headingLevel: config.headingLevel ?? 2,
      strings,
      format: createFormatter(locale, record.currency ?? 'USD'),
      theme: config.theme === 'dark' || (config.theme === 'auto' && env.prefersDark()) ? 'dark' : 'light',
      dir: env.direction(slot.el),
    });
    emit(slot.el, 'render', { placement, offers: offers.map((o, i) => toDetail(o, i + 1, strings)) });
    tracking.rendered(tracked, offers);
    // Chunks this slot will want later load once the browser is idle after the first cards.
    tracking.prefetch(tracked);
  }

  const detailOf = (slot: Slot, offer: Offer, position: number) =>
    toDetail(offer, position, slot.state.view.peek()?.strings ?? stringsFor('en'));

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
        const ok = await addToCart(emit, el, offer, detail, slot.to!.placement);
        if (ok) {
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
      // analytics.md: once per offer and placement per page view, when half the card is visible.
      onCard: (card, offer, position) =>
        env.whenSeen(card, () => {
          const key = slot.to!.placement + ' ' + offer.product.id;
          if (!impressed.has(key)) tracking.offer(slot as Tracked, 'impression', offer, detailOf(slot, offer, position));
          impressed.add(key);
        }),
    });
    const slot: Slot = { el, options, state, stop: () => undefined };
    slots.set(el, slot);
    slot.stop = mountSection(env.shadowRoot(el), state, (error) => show(slot, undefined, [{ code: 'render', message: messageOf(error) }]));
    env.whenNear(el, () => {
      slot.near = true;
      void refresh(el);
    });
  }

  function unmount(el: Element): void {
    const slot = slots.get(el);
    if (!slot) return;
    slots.delete(el);
    slot.stop();
  }

  let chain: Promise<void> = Promise.resolve();
  /** The earliest slot a waiting refresh starts from; null: all of them; undefined: none waiting. */
  let pendingFrom: Element | null | undefined;
  /** Coalesce refresh calls made while one is waiting to run. */
  function refresh(from?: Element): Promise<void> {
    const wanted = from && slots.has(from) ? from : null;
    if (pendingFrom === undefined) {
      pendingFrom = wanted;
      chain = chain.then(() => {
        const start = pendingFrom ?? undefined;
        pendingFrom = undefined;
        return renderAll(start);
      });
    } else if (pendingFrom && (!wanted || wanted.compareDocumentPosition(pendingFrom) & 4 /* FOLLOWING */)) {
      pendingFrom = wanted;
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
