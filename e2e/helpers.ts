import { expect, type Page } from '@playwright/test';

/** The built bundle, loaded the way a store loads it. */
export const BUNDLE = '/dist/offerwise.js';
export const CATALOG = '/e2e/fixtures/catalog.json';

export interface StoreOptions {
  /** Attributes of the script tag, e.g. `{ placement: 'cart', cart: 'a:1' }` (data- is added). */
  script?: Record<string, string>;
  /** Markup before the script tag (slots, product details…). */
  body?: string;
  /** Markup after the script tag. */
  after?: string;
  head?: string;
  /** `<html>` attributes. */
  html?: string;
  /** Path the page is served at (a reload keeps it). */
  path?: string;
  /** How the script tag loads. @default 'defer' */
  load?: 'defer' | 'async' | 'plain';
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A plain store page: some markup and one Offerwise script tag. */
export function storeHtml(options: StoreOptions = {}): string {
  const script = { catalog: CATALOG, ...options.script };
  const attrs = Object.entries(script)
    .map(([k, v]) => ` data-${k}="${attr(v)}"`)
    .join('');
  return `<!doctype html>
<html lang="en" ${options.html ?? ''}>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Fixture store</title>${options.head ?? ''}</head>
<body>
<main>
<h1>Fixture store</h1>
${options.body ?? ''}
<script src="${BUNDLE}"${options.load === 'plain' ? '' : ` ${options.load ?? 'defer'}`}${attrs}></script>
${options.after ?? ''}
</main>
</body>
</html>`;
}

export interface Recorded {
  type: string;
  slot: string | null;
  detail: Record<string, unknown>;
}

/**
 * Serve a fixture page through `page.route`, record every `offerwise:*` event (captured at
 * the document, as a store would listen) and every console warning, then open it.
 */
export async function openStore(page: Page, options: StoreOptions = {}): Promise<void> {
  const path = options.path ?? '/e2e/fixtures/store.html';
  await page.route(`**${path}`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: storeHtml(options) }),
  );
  await recordEvents(page);
  await page.goto(path);
}

/** Record `offerwise:*` events into `window.__events` from the very start of every load. */
export async function recordEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __events: Recorded[] };
    w.__events = [];
    for (const name of ['render', 'impression', 'click', 'add', 'added', 'dismiss', 'holdout', 'error']) {
      document.addEventListener(`offerwise:${name}`, (event) => {
        const e = event as CustomEvent<Record<string, unknown>>;
        const target = e.target as Element;
        w.__events.push({
          type: e.type,
          slot: target.id || target.getAttribute('data-offerwise'),
          detail: JSON.parse(JSON.stringify(e.detail)) as Record<string, unknown>,
        });
      });
    }
  });
}

export const events = (page: Page, type?: string): Promise<Recorded[]> =>
  page.evaluate(
    (t) => (window as unknown as { __events: Recorded[] }).__events.filter((e) => !t || e.type === t),
    type ? `offerwise:${type}` : undefined,
  );

/** Wait until `n` render events happened (each slot renders once per refresh). */
export async function renders(page: Page, n = 1): Promise<Recorded[]> {
  await expect.poll(async () => (await events(page, 'render')).length).toBeGreaterThanOrEqual(n);
  return events(page, 'render');
}

/** The product ids of the latest render event of a page. */
export async function lastOffers(page: Page): Promise<string[]> {
  const all = await renders(page);
  const offers = all.at(-1)!.detail.offers as { productId: string }[];
  return offers.map((o) => o.productId);
}

/** Collect `[offerwise]` console warnings and page errors from now on. */
export function watchConsole(page: Page): { warnings: string[]; errors: string[] } {
  const seen = { warnings: [] as string[], errors: [] as string[] };
  page.on('console', (msg) => {
    if (msg.type() === 'warning' && msg.text().startsWith('[offerwise]')) seen.warnings.push(msg.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

/**
 * The store's cart handler of the default `event` adapter (embed.md §6): every
 * `offerwise:add` is claimed through `waitUntil`, so the card can say "added". An init
 * script, so it is wired before the widget on every load and under any CSP.
 */
export async function handleAdds(page: Page, outcome: 'resolve' | 'reject' = 'resolve'): Promise<void> {
  await page.addInitScript((o) => {
    document.addEventListener('offerwise:add', (event) => {
      const e = event as CustomEvent<{ waitUntil(p: Promise<unknown>): void }>;
      e.detail.waitUntil(o === 'resolve' ? Promise.resolve() : Promise.reject(new Error('Sold out')));
    });
  }, outcome);
}

/**
 * Measurement (beacon lines, GA4, purchases) is the `measure` chunk's, loaded when the browser
 * is idle after the first cards (embed.md §1); lines of what happened before are handed to it
 * once it runs. Wait for that before hiding or leaving a page whose lines a test reads.
 */
export async function measured(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('offerwise-measure.js')));
  // The module runs and takes the queued calls over within a task or two of arriving.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
}
