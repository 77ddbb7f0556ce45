/**
 * The only module that touches globals (house style): it captures the script tag, finds the
 * slots, builds the widget's environment from the real page and exposes `window.Offerwise`.
 * Every entry point is guarded: no error of ours ever reaches the store's page.
 */
import { loadChunk } from './chunks/load-chunk';
import type { RawOptions } from './config/read-config';
import css from './ui/styles.css?inline';
import { createWidget, type Env } from './widget';

export const VERSION: string = __OFFERWISE_VERSION__;
const PREFIX = '[offerwise]';

/** The public `window.Offerwise` object (embed.md §7). */
export interface OfferwiseApi {
  version: string;
  refresh(slot?: Element): Promise<void>;
  mount(element: Element, options?: RawOptions): void;
  unmount(element: Element): void;
  /** Calls queued before the script loaded (`Offerwise.q.push(['mount', el, {...}])`). */
  q?: unknown[];
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
  const scheme = getComputedStyle(document.documentElement).colorScheme;
  return scheme === 'dark' || (scheme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
}

/** `strings` from `<script type="application/json" data-offerwise-context>`, if valid. */
function stringOverrides(): Record<string, unknown> | undefined {
  const block = document.querySelector('script[type="application/json"][data-offerwise-context]');
  if (!block) return undefined;
  try {
    const data: unknown = JSON.parse(block.textContent ?? '');
    const strings = (data as { strings?: unknown } | null)?.strings;
    if (strings === undefined) return undefined;
    if (strings && typeof strings === 'object' && !Array.isArray(strings)) return strings as Record<string, unknown>;
    warn('data-offerwise-context: "strings" must be an object; ignored');
  } catch {
    warn('data-offerwise-context is not valid JSON; ignored');
  }
  return undefined;
}

/**
 * Call `fn` once, when `el` first intersects the viewport extended by `rootMargin` with at
 * least `threshold` of its area. One IntersectionObserver per use, made on first need.
 */
function whenVisible(threshold: number, rootMargin: string) {
  const callbacks = new WeakMap<Element, () => void>();
  let io: IntersectionObserver | undefined;
  return (el: Element, fn: () => void): void => {
    io ??= new IntersectionObserver(
      (entries) => {
        for (const { target, isIntersecting, intersectionRatio } of entries)
          if (isIntersecting && intersectionRatio >= threshold) {
            io!.unobserve(target);
            callbacks.get(target)?.();
          }
      },
      { threshold, rootMargin },
    );
    callbacks.set(el, fn);
    io.observe(el);
  };
}

/** Give the page a turn once the current task has run for 30 ms; otherwise go on at once. */
let sliceStart = 0;
function pause(): Promise<void> | undefined {
  if (performance.now() - sliceStart < 30) return undefined;
  return new Promise((resolve) =>
    setTimeout(() => {
      sliceStart = performance.now();
      resolve();
    }),
  );
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

/**
 * Every dataLayer entry, past and future: `push` is wrapped, calling whatever push the page
 * (or its tag manager) installed first, so other listeners keep working.
 */
function onDataLayer(entry: (entry: unknown) => void): void {
  const layer = dataLayer();
  if (!layer) return;
  const push = layer.push;
  layer.push = function (...items) {
    const result = push.apply(this, items);
    for (const item of items) guard('dataLayer', entry)(item);
    return result;
  };
  for (const item of [...layer]) guard('dataLayer', entry)(item);
}

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
    stringOverrides,
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
      addEventListener('pagehide', hidden);
      document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && hidden());
    },
    onDataLayer,
  };
}

/** Every `[data-offerwise]` element, the `data-target`, or a new slot after the script tag. */
function findSlots(script: HTMLScriptElement | null, target: string | undefined): Element[] {
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
  if (found.length || !script?.parentNode) return found;
  const slot = document.createElement('div');
  slot.setAttribute('data-offerwise', '');
  script.after(slot);
  return [slot];
}

type OfferwiseWindow = { Offerwise?: OfferwiseApi };

/** Create the page's widget and publish `window.Offerwise`. */
function install(script: HTMLScriptElement | null): OfferwiseApi {
  const defaults: RawOptions = { ...script?.dataset };
  // Chunks sit beside the script, wherever it was served from (embed.md §1).
  const base = script?.src ? new URL('.', script.src).href : '';
  const widget = createWidget(createEnv(base), defaults);
  // Re-render when a slot's own data-* change (SPA variant switches, the demo's preview).
  const observer = new MutationObserver((records) => {
    for (const r of records) if (r.attributeName?.startsWith('data-')) void widget.refresh(r.target as Element);
  });
  const api: OfferwiseApi = {
    version: VERSION,
    refresh: (slot?: Element) => widget.refresh(slot instanceof Element ? slot : undefined).catch(() => undefined),
    mount: guard('Offerwise.mount', (el: Element, options?: RawOptions) => {
      if (!(el instanceof Element)) throw new TypeError('mount needs an element');
      widget.mount(el, { ...options });
      observer.observe(el, { attributes: true });
    }) as OfferwiseApi['mount'],
    unmount: guard('Offerwise.unmount', (el: Element) => widget.unmount(el)) as OfferwiseApi['unmount'],
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
    for (const el of findSlots(script, target)) api.mount(el);
    replay(api, existing?.q);
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => boot(), { once: true });
  else boot();
});
