import { expect, test, type Page } from '@playwright/test';
import { CATALOG, events, openStore, watchConsole } from './helpers';

/**
 * Hostile pages (issue: nine defects an outside probe found): what a monitoring or A/B tool's
 * fetch wrapper, a slow catalog or a broken page does to the widget, through the built bundle.
 */

/** Record when each offerwise:* event fired, in ms since the page started. */
async function timeEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __at: { type: string; slot: string; at: number; code?: string }[] };
    w.__at = [];
    for (const type of ['render', 'error'])
      document.addEventListener(`offerwise:${type}`, (e) => {
        const detail = (e as CustomEvent<{ code?: string }>).detail;
        w.__at.push({ type, slot: (e.target as Element).id, at: performance.now(), code: detail.code });
      });
  });
}
const timed = (page: Page) => page.evaluate(() => (window as unknown as { __at: { type: string; slot: string; at: number; code?: string }[] }).__at);

/** A fetch wrapper that never settles for URLs containing `hang`, and drops every abort signal. */
const DROPS_SIGNAL = (hang: string) => `<script>
  const f0 = window.fetch.bind(window);
  window.fetch = (u, o) => String(u).includes(${JSON.stringify(hang)}) ? new Promise(() => {}) : f0(u, o && { ...o, signal: undefined });
</script>`;

const PRODUCT = { placement: 'product', product: 'coffee-machine', orders: '1' };

test.describe('a page whose fetch wrapper drops the abort signal (embed.md §1, §2)', () => {
  test('a hung catalog: the healthy slot renders within the 1.5 s hold, the hung one gives up at 8 s, and refresh works', async ({ page }) => {
    test.setTimeout(40_000);
    await timeEvents(page);
    const seen = watchConsole(page);
    await openStore(page, {
      script: PRODUCT,
      head: DROPS_SIGNAL('cat-a'),
      body: `<div id="first" data-offerwise data-catalog="/cat-a.json" data-max="1"></div>
             <div id="second" data-offerwise data-catalog="${CATALOG}" data-max="1"></div>`,
    });
    // The later slot is held back for dedupe for at most 1.5 s, not until the first gives up.
    await expect.poll(async () => (await timed(page)).find((e) => e.slot === 'second' && e.type === 'render')).toBeTruthy();
    const second = (await timed(page)).find((e) => e.slot === 'second')!;
    expect(second.type).toBe('render');
    expect(second.at).toBeLessThan(5000);
    await expect(page.locator('#second').getByRole('article')).toHaveCount(1);

    // The hung catalog is given up after 8 s by the widget's own timer.
    await expect.poll(async () => (await timed(page)).find((e) => e.slot === 'first' && e.type === 'error'), { timeout: 15_000 }).toBeTruthy();
    const first = (await timed(page)).filter((e) => e.slot === 'first');
    expect(first.map((e) => [e.type, e.code])).toEqual([
      ['error', 'catalog-fetch'],
      ['render', undefined],
    ]);
    expect(first[0]!.at).toBeGreaterThanOrEqual(8000);
    expect(first[0]!.at).toBeLessThan(12_000);
    expect(seen.warnings).toContainEqual(expect.stringContaining('catalog did not arrive within 8 s (/cat-a.json)'));

    // refresh() still works: the healthy slot renders again.
    const before = (await timed(page)).filter((e) => e.slot === 'second').length;
    await page.evaluate(() => (window as unknown as { Offerwise: { refresh(): Promise<void> } }).Offerwise.refresh());
    await expect.poll(async () => (await timed(page)).filter((e) => e.slot === 'second').length).toBeGreaterThan(before);
    expect(seen.errors).toEqual([]);
  });

  test('a hung endpoint: the slot falls back to the catalog after 1.5 s', async ({ page }) => {
    await timeEvents(page);
    await openStore(page, { script: { ...PRODUCT, endpoint: '/hang-offers' }, head: DROPS_SIGNAL('hang-offers') });
    await expect(page.getByRole('article')).toHaveCount(2, { timeout: 6000 });
    const all = await timed(page);
    expect(all.map((e) => [e.type, e.code])).toEqual([
      ['error', 'endpoint'],
      ['render', undefined],
    ]);
    expect(all[0]!.at).toBeGreaterThanOrEqual(1500);
    expect(all[1]!.at).toBeLessThan(5000);
    const [error] = await events(page, 'error');
    expect(error!.detail.message).toBe('endpoint did not answer within 1500 ms (/hang-offers)');
  });

  test('a slow earlier slot: the later one renders first, and the earlier one leaves out what it shows', async ({ page }) => {
    await timeEvents(page);
    const catalog = await (await page.request.get(CATALOG)).text();
    await page.route('**/slow-catalog.json', async (route) => {
      await new Promise((r) => setTimeout(r, 3000));
      await route.fulfill({ contentType: 'application/json', body: catalog });
    });
    await openStore(page, {
      script: PRODUCT,
      body: `<div id="first" data-offerwise data-catalog="/slow-catalog.json" data-max="1"></div>
             <div id="second" data-offerwise data-max="1"></div>`,
    });
    await expect(page.locator('#first').getByRole('article')).toHaveCount(1, { timeout: 8000 });
    const renders = (await timed(page)).filter((e) => e.type === 'render').map((e) => e.slot);
    expect(renders).toEqual(['second', 'first']);
    const offers = Object.fromEntries((await events(page, 'render')).map((e) => [e.slot, (e.detail.offers as { productId: string }[]).map((o) => o.productId)]));
    // Alone, each slot would show the descaler: the later one got it first, so the earlier one shows the next best.
    expect(offers).toEqual({ second: ['descaler'], first: ['coffee-filters'] });
  });
});

test.describe('hostile catalog text (bidi controls)', () => {
  test('a right-to-left override in a title is removed, with a warning, and the name reads as written', async ({ page }) => {
    const catalog = JSON.parse(await (await page.request.get(CATALOG)).text()) as { products: { id: string; title: string }[] };
    catalog.products.find((p) => p.id === 'descaler')!.title = 'Case \u202Egnp.exe';
    await page.route('**/bidi-catalog.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(catalog) }));
    const seen = watchConsole(page);
    await openStore(page, { script: { ...PRODUCT, catalog: '/bidi-catalog.json' } });
    await expect(page.getByRole('button', { name: 'Add Case gnp.exe to cart' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Case gnp.exe' })).toHaveAttribute('dir', 'auto');
    expect(seen.warnings.filter((w) => w.includes('bidi'))).toEqual([expect.stringMatching(/^\[offerwise\] catalog products\[\d+\]\.title: bidi control characters removed$/)]);
  });
});

test.describe('a broken page costs the cards, never an uncaught error (hostile pages)', () => {
  test("a page whose Promise.prototype.then throws: warnings, no error in the page", async ({ page }) => {
    const seen = watchConsole(page);
    await openStore(page, {
      script: PRODUCT,
      head: '<script>Promise.prototype.then = function () { throw new Error("broken then"); };</script>',
    });
    await expect.poll(() => seen.warnings.length).toBeGreaterThan(0);
    await page.mouse.wheel(0, 400); // observers fire again
    await page.waitForTimeout(500);
    expect(seen.errors).toEqual([]);
    expect(seen.warnings.every((w) => w.startsWith('[offerwise]'))).toBe(true);
  });

  test('a page whose Array.prototype.map throws while the script first runs: one warning, no error in the page', async ({ page }) => {
    const seen = watchConsole(page);
    await openStore(page, {
      script: PRODUCT,
      head: '<script>Array.prototype.map = function () { throw new Error("broken map"); };</script>',
    });
    await expect.poll(() => seen.warnings.length).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    expect(seen.errors).toEqual([]);
    expect(seen.warnings).toEqual([expect.stringMatching(/^\[offerwise\] .*broken map/)]);
  });
});

test.describe('warnings stay bounded (catalog.md)', () => {
  test('a catalog with 40 bad links: 10 warnings naming them, then one line with the count', async ({ page }) => {
    const catalog = JSON.parse(await (await page.request.get(CATALOG)).text()) as { links: object[] };
    for (let i = 0; i < 40; i++) catalog.links.push({ from: 'coffee-machine', to: `missing-${i}`, kind: 'cross-sell' });
    await page.route('**/noisy-catalog.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(catalog) }));
    const seen = watchConsole(page);
    await openStore(page, { script: { ...PRODUCT, catalog: '/noisy-catalog.json' } });
    await expect(page.getByRole('article')).toHaveCount(2);
    const problems = seen.warnings.filter((w) => w.includes('catalog'));
    expect(problems).toHaveLength(11);
    expect(problems.slice(0, 10).every((w) => /catalog links\[\d+\]: link "coffee-machine" → "missing-\d+" skipped: to/.test(w))).toBe(true);
    expect(problems[10]).toBe('[offerwise] catalog /noisy-catalog.json: 30 more problems');
  });

  test('an endpoint answer with 5,000 bad offers: 10 warnings, then one line with the count', async ({ page }) => {
    await page.route('**/noisy-offers', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ offers: Array.from({ length: 5000 }, () => ({ kind: 'nope' })) }) }),
    );
    const seen = watchConsole(page);
    await openStore(page, { script: { ...PRODUCT, endpoint: '/noisy-offers' } });
    await expect.poll(async () => (await events(page, 'render')).length).toBe(1);
    const offers = seen.warnings.filter((w) => w.includes('endpoint'));
    expect(offers.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `[offerwise] endpoint offers[${i}] skipped: kind`));
    expect(offers[10]).toBe('[offerwise] endpoint answer: 4990 more problems not shown');
    expect(offers.length).toBeLessThanOrEqual(12); // and the fallback's own line, if any
  });
});
