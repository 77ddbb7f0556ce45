import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_PORT } from './playwright.config';

// The merchant's demo as `npm start` serves it (the built dist-demo/): the store pages show
// offers from the built widget, "add to cart" goes through the mock cart API, and the preview
// panel re-renders live, counts the widget's events in its KPI card and simulates shoppers.
const DEMO = `http://127.0.0.1:${DEMO_PORT}`;

/**
 * A visitor id the widget puts in the holdout at 50% (and in treatment at 10%): it buckets
 * with `fnv1a32(id) % 10000 < percent * 100`, and `fnv1a32('v_e2eholdout') % 10000` is 4343,
 * found by running `fnv1a32` from src/catalog/shard-key.ts over a few ids in Node.
 */
const HOLDOUT_AT_50 = 'v_e2eholdout';

/** The "KPIs in this browser" card of the preview page. */
const kpiPanel = (page: Page): Locator => page.getByRole('region', { name: 'KPIs in this browser' });

/** A POST to the demo's offers endpoint (or its answer), which MSW plays in the service worker. */
const isOffersPost = (r: { url(): string } & ({ method(): string } | { request(): { method(): string } })): boolean =>
  new URL(r.url()).pathname === '/demo-offers' && ('method' in r ? r.method() : r.request().method()) === 'POST';

/** The preview's event log entries of one event type. */
const logEntry = (page: Page, type: string): Locator => page.locator('#event-log li', { has: page.locator(`strong:text-is("${type}")`) });

/** The value of one figure of the panel, by its term. */
const figure = (panel: Locator, term: string): Locator => panel.locator(`dt:text-is("${term}") + dd`);

test.describe('the demo store', () => {
  test.beforeEach(({ page }) => {
    page.on('pageerror', (error) => {
      throw error;
    });
  });

  test('a product page shows offers, and adding one updates the cart through the mock API', async ({ page }) => {
    await page.goto(`${DEMO}/demo/product.html?id=necklace-silver`);
    const upgrade = page.getByRole('button', { name: /^Upgrade to / });
    await expect(upgrade).toBeVisible();
    const count = page.locator('[data-cart-count]').first();
    const before = Number(await count.textContent());
    await upgrade.click();
    await expect(page.getByRole('button', { name: /: Added$/ })).toBeVisible();
    await expect(count).toHaveText(String(before + 1));
  });

  for (const path of ['cart', 'checkout', 'order', 'account']) {
    test(`the ${path} page shows offer cards`, async ({ page }) => {
      await page.goto(`${DEMO}/demo/${path}.html`);
      await expect(page.getByRole('article').first()).toBeVisible();
    });
  }

  test('the preview panel switches placement live and shows the snippet to copy', async ({ page }) => {
    await page.goto(`${DEMO}/`);
    await expect(page.getByRole('article').first()).toBeVisible();
    await page.getByRole('radio', { name: 'Checkout' }).check();
    await page.getByRole('checkbox', { name: 'Phone X', exact: true }).check();
    await expect(page.getByRole('region', { name: 'Before you pay' })).toBeVisible();
    await expect(page.locator('#snippet')).toContainText('data-placement="checkout"');
    await expect(page.locator('#snippet')).toContainText('data-cart="phone-x:1"');
  });

  test('the KPI panel counts impressions and adds from the widget\'s events, and lists beacon lines', async ({ page }) => {
    await page.goto(`${DEMO}/`);
    const panel = kpiPanel(page);
    await expect(page.getByRole('article').first()).toBeVisible();
    await expect(figure(panel, "Visitor's group")).toHaveText('Treatment (sees offers)');
    await expect.poll(async () => Number(await figure(panel, 'Impressions').textContent())).toBeGreaterThanOrEqual(1);
    await expect(figure(panel, 'Adds')).toHaveText('0');
    await expect(figure(panel, 'Add rate')).toHaveText('0%');

    await page.getByRole('button', { name: /^(Add .* to cart|Upgrade to .*)$/ }).first().click();
    await expect(page.getByRole('button', { name: /: Added$/ })).toBeVisible();
    await expect(figure(panel, 'Adds')).toHaveText('1');
    await expect(figure(panel, 'Add rate')).toHaveText(/^\d+(\.\d)?%$/);

    // Hiding the page flushes the beacon batch to the demo's collector, played by MSW (which is
    // up: the add above went through its mock cart API).
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    await expect.poll(async () => Number(await panel.locator('#beacon-count').textContent())).toBeGreaterThanOrEqual(3);
    await panel.getByText('Last 20 beacon lines').click();
    await expect(panel.locator('#beacon-lines')).toContainText('"t":"impression"');

    // The tally survives a reload of the preview (sessionStorage); Reset clears it.
    await page.reload();
    await expect(figure(panel, 'Adds')).toHaveText('1');
    await panel.getByRole('button', { name: 'Reset' }).click();
    await expect(figure(panel, 'Adds')).toHaveText('0');
    await expect(figure(panel, 'Click-through rate')).toHaveText('–');
    expect(await page.evaluate(() => localStorage.getItem('offerwise'))).toBeNull();
  });

  test('with Holdout 50%, a visitor in the control group sees no cards and the panel says holdout', async ({ page }) => {
    await page.addInitScript((id) => {
      localStorage.setItem('offerwise', JSON.stringify({ v: 1, dismissed: {}, id }));
    }, HOLDOUT_AT_50);
    await page.goto(`${DEMO}/`);
    const panel = kpiPanel(page);
    await expect(page.getByRole('article').first()).toBeVisible();
    await expect(figure(panel, "Visitor's group")).toHaveText('Treatment (sees offers)');

    await page.getByRole('group', { name: 'Holdout %' }).getByRole('radio', { name: '50', exact: true }).check();
    await expect(page.locator('#snippet')).toContainText('data-holdout="50"');
    await expect(figure(panel, "Visitor's group")).toHaveText('Holdout (sees no cards)');
    await expect(figure(panel, 'Holdout renders')).toHaveText('1');
    await expect(page.getByRole('article')).toHaveCount(0);
    await expect(panel.getByRole('status')).toHaveText('Holdout visitor: no cards shown, 1 holdout render so far.');
  });

  test('the settings and the KPI panel pass axe (WCAG 2.2 AA), with the beacon lines open and the endpoint on', async ({ page }) => {
    await page.goto(`${DEMO}/`);
    const panel = kpiPanel(page);
    // An add goes through the mock cart API, so MSW, which also plays the beacon collector, is up.
    await page.getByRole('button', { name: /^(Add .* to cart|Upgrade to .*)$/ }).first().click();
    await expect(figure(panel, 'Adds')).toHaveText('1');
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    await expect(panel.locator('#beacon-count')).not.toHaveText('0');
    await panel.getByText('Last 20 beacon lines').click();
    // With offers from the endpoint, so the "Endpoint behaviour" choices are enabled too.
    await page.getByRole('group', { name: 'Offers from' }).getByRole('radio', { name: /^Endpoint/ }).check();
    await expect(page.getByRole('radio', { name: 'Fails with 500' })).toBeEnabled();
    const results = await new AxeBuilder({ page })
      .include('#controls')
      .include('section[aria-labelledby="kpis-heading"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
      .options({ rules: { 'target-size': { enabled: true } } })
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('"Offers from: Endpoint" asks the demo offers API; when it fails with 500, the cards come from the catalog', async ({ page }) => {
    await page.goto(`${DEMO}/`);
    await expect(page.getByRole('article').first()).toBeVisible();
    const behaviour = page.getByRole('group', { name: 'Endpoint behaviour' });
    await expect(behaviour.getByRole('radio', { name: 'Fails with 500' })).toBeDisabled();

    // MSW answers in the service worker; Playwright still sees the page's request.
    const answered = page.waitForResponse(isOffersPost);
    await page.getByRole('group', { name: 'Offers from' }).getByRole('radio', { name: /^Endpoint/ }).check();
    const ok = await answered;
    expect(ok.status()).toBe(200);
    expect(ok.request().postDataJSON()).toMatchObject({ version: 1, placement: 'product', product: 'blender-basic', max: 2 });
    expect(await ok.json()).toMatchObject({ offers: [expect.objectContaining({ anchor: 'blender-basic' })] });
    await expect(page.locator('#preview-slot')).toHaveAttribute('data-endpoint', '/demo-offers');
    // The script tag's data-catalog, which the slot inherits, stays for the fallback.
    await expect(page.locator('script[src="/offerwise.js"]')).toHaveAttribute('data-catalog', '/catalog.json');
    await expect(page.locator('#snippet')).toContainText('data-endpoint="/demo-offers"');
    await expect(page.getByRole('article').first()).toBeVisible();
    await expect(logEntry(page, 'offerwise:render')).not.toHaveCount(0);
    await expect(logEntry(page, 'offerwise:error')).toHaveCount(0);

    await page.getByRole('button', { name: 'Clear log' }).click();
    const failing = page.waitForResponse(isOffersPost);
    await behaviour.getByRole('radio', { name: 'Fails with 500' }).check();
    expect((await failing).status()).toBe(500);
    await expect(logEntry(page, 'offerwise:error')).toContainText('"code":"endpoint"');
    await expect(logEntry(page, 'offerwise:error')).toContainText('HTTP 500');
    // The fallback: the slot still has data-catalog, so the widget renders from it.
    await expect(logEntry(page, 'offerwise:render')).toContainText('"offers":["');
    await expect(page.getByRole('article').first()).toBeVisible();
  });

  test('an endpoint slower than 1.5 s times out, and the cards come from the catalog', async ({ page }) => {
    await page.goto(`${DEMO}/`);
    const answered = page.waitForResponse(isOffersPost);
    await page.getByRole('group', { name: 'Offers from' }).getByRole('radio', { name: /^Endpoint/ }).check();
    expect((await answered).status()).toBe(200);
    await page.getByRole('button', { name: 'Clear log' }).click();

    const asked = page.waitForRequest(isOffersPost);
    await page.getByRole('group', { name: 'Endpoint behaviour' }).getByRole('radio', { name: /^Slower than 1\.5 s/ }).check();
    await asked;
    await expect(logEntry(page, 'offerwise:error')).toContainText('did not answer within 1500 ms');
    await expect(logEntry(page, 'offerwise:render')).toContainText('"offers":["');
    await expect(page.getByRole('article').first()).toBeVisible();
  });

  test('"Simulate 1,000 shoppers" shows the KPIs and offers the events and the report', async ({ page }) => {
    await page.goto(`${DEMO}/`);
    await page.getByRole('button', { name: 'Simulate 1,000 shoppers' }).click();
    await expect(page.getByRole('table')).toContainText('Attach rate');
    await expect(page.getByRole('link', { name: 'Download events (NDJSON)' })).toHaveAttribute('href', /^blob:/);
    await expect(page.getByRole('link', { name: 'Open the report' })).toHaveAttribute('href', /^blob:/);
  });
});
