/**
 * The only module that touches globals (house style): it captures the script tag, finds the
 * slots, builds the widget's environment from the real page and exposes `window.Offerwise`.
 * Every entry point is guarded: no error of ours ever reaches the store's page.
 */
import { loadChunk } from './chunks/load-chunk';
import type { RawOptions } from './config/read-config';
import css from './ui/styles.css?inline';
import { createWidget, type Env, type PageSources } from './widget';

export const VERSION: string = __OFFERWISE_VERSION__;
const PREFIX = '[offerwise]';

/** The public `window.Offerwise` object (embed.md §7). */
export interface OfferwiseApi {
  version: string;
  refresh(slot?: Element): Promise<void>;
  mount(element: Element, options?: RawOptions): void;
  unmount(element: Element): void;
  /**
   * Calls queued before the script loaded (`Offerwise.q.push(['mount', el, {...}])`). Once it
   * has loaded, `q.push` runs them at once, so the same snippet works before and after.
   */
  q?: { push(...calls: unknown[]): unknown };
}

const warned = new Set<string>();
function warn(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  try {
    console.warn(`${PREFIX} ${message}`);
  } catch {
    // a page that replaced console still gets a working widget
  }
}

/** Run `fn`, turning any exception into one warning. */
function guard<A extends unknown[], R>(name: string, fn: (...args: A) => R) {
  return (...args: A): R | undefined => {
    try {
      return fn(...args);
    } catch (error) {
      warn(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };
}

/** The shopper's local date as `YYYY-MM-DD`. */
function localToday(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

let sheet: CSSStyleSheet | undefined;
/**
 * An open shadow root on the slot, with one constructable stylesheet shared by every slot:
 * CSP-safe (no <style> text, no style attributes). Elements that cannot host one (or already
 * host someone else's) get an inner `div` that does.
 */
function shadowRoot(el: Element): ShadowRoot {
  let root = el.shadowRoot && !el.shadowRoot.childNodes.length ? el.shadowRoot : undefined;
  try {
    root ??= el.shadowRoot ? undefined : el.attachShadow({ mode: 'open' });
  } catch {
    // fall through to an inner host
  }
  root ??= el.appendChild(document.createElement('div')).attachShadow({ mode: 'open' });
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  root.adoptedStyleSheets = [sheet];
  return root;
}

/** `theme: auto`: the page's own `color-scheme` when it names one, else the system's. */
function prefersDark(): boolean {
  const css = getComputedStyle(document.documentElement).colorScheme;
  // A page names its scheme in CSS, or else in <meta name="color-scheme">.
  const scheme = css == 'normal' ? document.querySelector<HTMLMetaElement>('meta[name=color-scheme]')?.content : css;
  return scheme == 'dark' || (scheme != 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
}

/** The page's context sources (embed.md §5), read afresh each time. */
function page(): PageSources {
  const texts = (selector: string) => [...document.querySelectorAll(selector)].map((el) => el.textContent ?? '');
  return {
    block: texts('script[type="application/json"][data-offerwise-context]')[0],
    jsonLd: texts('script[type="application/ld+json"]'),
    dataLayer: dataLayer() ?? [],
  };
}

/**
 * Call `fn` once, when `el` first intersects the viewport extended by `rootMargin` with at
 * least `threshold` of its area. One IntersectionObserver per use, made on first need.
 */
function whenVisible(threshold: number, rootMargin: string) {
  const callbacks = new WeakMap<Element, () => void>();
  let io: IntersectionObserver | undefined;
  return (el: Element, fn: () => void): (() => void) => {
    io ??= new IntersectionObserver(
      guard('observer', (entries: IntersectionObserverEntry[]) => {
        for (const { target, isIntersecting, intersectionRatio } of entries)
          if (isIntersecting && intersectionRatio >= threshold) {
            io!.unobserve(target);
            callbacks.get(target)?.();
          }
      }),
      { threshold, rootMargin },
    );
    callbacks.set(el, fn);
    io.observe(el);
    return () => io!.unobserve(el);
  };
}

/**
 * Give the page a turn once the current task has run for SLICE_MS; otherwise go on at once.
 * The slice stays well under the 50 ms of a long task, so that a garbage collection landing
 * in it does not make one. A timer, not `scheduler.yield()`: its continuations run ahead of
 * rendering, so the slices merged into long animation frames (measured with `npm run audit`).
 */
const SLICE_MS = 15;
let sliceStart = 0;
function pause(): Promise<void> | undefined {
  if (performance.now() - sliceStart < SLICE_MS) return undefined;
  return new Promise<void>((resolve) => setTimeout(resolve)).then(() => void (sliceStart = performance.now()));
}

/** POST a beacon batch; `fetch` with keepalive when sendBeacon is missing or refuses it. */
function send(url: string, body: string): void {
  try {
    if (navigator.sendBeacon(url, body)) return;
  } catch {
    // no sendBeacon: fall back
  }
  window.fetch(url, { method: 'POST', body, keepalive: true, mode: 'no-cors' }).catch(() => undefined);
}

type DataLayer = unknown[] & { push(...items: unknown[]): number };
const dataLayer = (): DataLayer | undefined => {
  const layer = (window as { dataLayer?: unknown }).dataLayer;
  return Array.isArray(layer) ? (layer as DataLayer) : undefined;
};

/** Listeners of `dataLayer` pushes; the page's layer is wrapped once, whenever it appears. */
const pushed = new Set<(entry: unknown) => void>();
const wrapped = new WeakSet<object>();
/**
 * Wrap the page's `dataLayer.push`, calling whatever push the page (or its tag manager)
 * installed first, so other listeners keep working. A layer created or replaced later is
 * wrapped on the next look.
 */
function watchDataLayer(): DataLayer | undefined {
  const layer = dataLayer();
  if (layer && !wrapped.has(layer)) {
    wrapped.add(layer);
    const push = layer.push;
    layer.push = function (...items) {
      const result = push.apply(this, items);
      for (const item of items) for (const listener of [...pushed]) guard('dataLayer', listener)(item);
      return result;
    };
  }
  return layer;
}

/** Every dataLayer entry, past and future. */
function onDataLayer(entry: (entry: unknown) => void): void {
  pushed.add(entry);
  for (const item of [...(watchDataLayer() ?? [])]) guard('dataLayer', entry)(item);
}

/** Listeners of client-side navigation; `history` is wrapped once, on first need. */
const navigated = new Set<() => void>();
let historyWrapped = false;
const fire = guard('navigation', (): void => navigated.forEach((l) => l()));
/**
 * Client-side routers change the URL first and the page (its JSON-LD, its dataLayer push) a
 * moment later, in a microtask, a task or the next frame: the context is re-read after that.
 */
const fireSoon = () => setTimeout(fire, 100);
function onNavigation(listener: () => void): () => void {
  if (!historyWrapped) {
    historyWrapped = true;
    for (const name of ['pushState', 'replaceState'] as const) {
      const original = history[name];
      history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
        original.apply(this, args);
        fireSoon();
      };
    }
    addEventListener('popstate', fireSoon);
  }
  navigated.add(listener);
  return () => navigated.delete(listener);
}

type WooWindow = { wcStoreApiSettings?: { nonce?: unknown }; wc_store_api_nonce?: unknown; jQuery?: (el: unknown) => { trigger(name: string, args?: unknown[]): void } };
let wooNonce: string | undefined;

function createEnv(base: string): Env {
  return {
    fetch: (...args) => window.fetch(...args),
    storage: safeStorage(),
    warn,
    today: localToday,
    defaultLocale: () => document.documentElement.lang || navigator.language || 'en-US',
    prefersDark,
    direction: (el) => (getComputedStyle(el).direction === 'rtl' ? 'rtl' : 'ltr'),
    shadowRoot,
    event: (type, init) => new CustomEvent(type, init),
    page,
    onPageChange(changed) {
      const push = guard('dataLayer', () => changed(false));
      pushed.add(push);
      watchDataLayer();
      const stop = onNavigation(guard('navigation', () => changed(true)));
      return () => {
        pushed.delete(push);
        stop();
      };
    },
    navigate: (url) => location.assign(url),
    wooNonce() {
      const w = window as WooWindow;
      const given = w.wcStoreApiSettings?.nonce ?? w.wc_store_api_nonce;
      return wooNonce ?? (typeof given == 'string' ? given : undefined);
    },
    setWooNonce: (nonce) => void (wooNonce = nonce),
    cartChanged(platform) {
      if (platform !== 'woocommerce') return;
      // WooCommerce's own signals, so mini-carts and badges refresh: jQuery's classic event and
      // the blocks' DOM event.
      try {
        (window as WooWindow).jQuery?.(document.body).trigger('added_to_cart');
      } catch {
        // a page without a working jQuery
      }
      document.body.dispatchEvent(new CustomEvent('wc-blocks_added_to_cart', { bubbles: true, cancelable: true }));
    },
    now: Date.now,
    newId: () => Math.random().toString(36).slice(2, 12),
    // analytics.md: an impression is a card at least half in view.
    whenSeen: whenVisible(0.5, '0px'),
    // Work below the fold waits until the slot is within 400 px of the viewport (as Dawn's
    // product recommendations do).
    whenNear: whenVisible(0, '0px 0px 400px 0px'),
    pause,
    later: (fn) => setTimeout(guard('later', fn)),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    abortAfter: (ms) => (typeof AbortSignal.timeout == 'function' ? AbortSignal.timeout(ms) : undefined),
    idle: (fn) => (typeof requestIdleCallback == 'function' ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 200)),
    loadChunk: (name) => loadChunk(name, base),
    send,
    dataLayer,
    onHide(hidden) {
      const hide = guard('beacon', hidden);
      addEventListener('pagehide', hide);
      document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && hide());
    },
    onDataLayer,
  };
}

/** Every `[data-offerwise]` element and the `data-target`. */
function findSlots(target: string | undefined): Element[] {
  const found = [...document.querySelectorAll('[data-offerwise]')];
  if (target) {
    let el: Element | null = null;
    try {
      el = document.querySelector(target);
    } catch {
      // an invalid selector is treated like one that matches nothing
    }
    if (!el) warn(`data-target="${target}" matches no element`);
    else if (!found.includes(el)) found.push(el);
  }
  return found;
}

/**
 * The slot the script made after itself because the page declared none (embed.md §2), or null
 * once the page mounted one itself. A page that mounts its own slot through the API meant that
 * one: the made slot then goes (or is never made), so the cards never show twice, once below
 * the footer.
 */
let madeSlot: Element | undefined | null;

type OfferwiseWindow = { Offerwise?: OfferwiseApi };

/** Create the page's widget and publish `window.Offerwise`. */
function install(script: HTMLScriptElement | null): OfferwiseApi {
  const defaults: RawOptions = { ...script?.dataset };
  // Chunks sit beside the script, wherever it was served from (embed.md §1).
  const base = script?.src ? new URL('.', script.src).href : '';
  const widget = createWidget(createEnv(base), defaults);
  // Re-render when a slot's own data-* change (SPA variant switches, the demo's preview).
  const observer = new MutationObserver(
    guard('observer', (records: MutationRecord[]) => {
      for (const r of records) if (r.attributeName?.startsWith('data-')) void widget.refresh(r.target as Element);
    }),
  );
  const api: OfferwiseApi = {
    version: VERSION,
    refresh: (slot?: Element) => guard('Offerwise.refresh', widget.refresh)(slot instanceof Element ? slot : undefined) ?? Promise.resolve(),
    mount: guard('Offerwise.mount', (el: Element, options?: RawOptions) => {
      if (!(el instanceof Element)) throw new TypeError('mount needs an element');
      if (el !== madeSlot) {
        if (madeSlot) {
          widget.unmount(madeSlot);
          madeSlot.remove();
        }
        madeSlot = null;
      }
      widget.mount(el, { ...options });
      observer.observe(el, { attributes: true });
    }) as OfferwiseApi['mount'],
    unmount: guard('Offerwise.unmount', (el: Element) => widget.unmount(el)) as OfferwiseApi['unmount'],
    q: { push: (...calls: unknown[]) => replay(api, calls) },
  };
  (window as OfferwiseWindow).Offerwise = api;
  return api;
}

/** The page's API, created on first use (ES module users mount by hand). */
export function getApi(): OfferwiseApi {
  const existing = (window as OfferwiseWindow).Offerwise;
  return existing?.version ? existing : install(null);
}

/** Replay `Offerwise.q` calls (`['mount', element, options]`) made before the script loaded. */
function replay(api: OfferwiseApi, queue: unknown): void {
  for (const call of Array.isArray(queue) ? queue : []) {
    const [method, ...args] = Array.isArray(call) ? call : [];
    if (['mount', 'unmount', 'refresh'].includes(method)) api[method as 'mount'](...(args as [Element]));
    else warn(`queued call ${String(method)} is unknown; ignored`);
  }
}

/** The script tag's entry: mount every slot once, even if the script is included twice. */
export const start = guard('start', (): void => {
  const existing = (window as OfferwiseWindow).Offerwise;
  if (existing?.version) return; // loaded twice: the first copy owns the page
  const script = document.currentScript as HTMLScriptElement | null;
  const api = install(script);
  const target = script?.dataset.target;
  const boot = guard('start', () => {
    // The page's slots and the queued mounts first: any of them means no slot is made.
    for (const el of findSlots(target)) api.mount(el);
    replay(api, existing?.q);
    if (madeSlot === undefined && !target && script?.parentNode) {
      madeSlot = document.createElement('div');
      madeSlot.setAttribute('data-offerwise', '');
      script.after(madeSlot);
      api.mount(madeSlot);
    }
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => boot(), { once: true });
  else boot();
});
