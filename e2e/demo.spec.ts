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

/**
 * How long a flushed beacon batch may take to reach the KPI card: sendBeacon, the service
 * worker and MSW's handler in the page; with two browsers running it has taken over 5 s.
 */
const BEACON_MS = 15_000;

/** The "KPIs in this browser" card of the preview page. */
const kpiPanel = (page: Page): Locator => page.getByRole('region', { name: 'KPIs in this browser' });

/** A POST to the demo's offers endpoint (or its answer), which MSW plays in the service worker. */
const isOffersPost = (r: { url(): string } & ({ method(): string } | { request(): { method(): string } })): boolean =>
  new URL(r.url()).pathname === '/demo-offers' && ('method' in r ? r.method() : r.request().method()) === 'POST';

/** The preview's event log entries of one event type. */
const logEntry = (page: Page, type: string): Locator => page.locator('#event-log li', { has: page.locator(`strong:text-is("${type}")`) });

/** The embed code on show, in the tab of one kind of store. */
const snippet = (page: Page, tab = 'HTML'): Locator => page.getByRole('tabpanel', { name: tab });

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
    // Phone X's warranty is a checkout-only add-on: its card shows both settings reached the widget.
    // (The section's heading is the widget's to choose, so it is not pinned here.)
    await expect(page.getByRole('article', { name: '3-Year Extended Warranty' })).toBeVisible();
    await expect(page.locator('#preview-slot')).toHaveAttribute('data-cart', 'phone-x:1');
    await expect(snippet(page)).toContainText('data-placement="checkout"');
    // The store fills in its own cart: the snippet never carries the preview's.
    await expect(snippet(page)).toContainText('data-cart="PRODUCT-ID:QTY,PRODUCT-ID:QTY"');
    await expect(snippet(page)).not.toContainText('phone-x');
  });

  test('the jewellery corner offers matching pieces through visual links, and the preview says where each came from', async ({ page }) => {
    // Its cards came from build --visual (scripts/demo-jewellery.mjs): same material, with their reason.
    await page.goto(`${DEMO}/demo/product.html?id=necklace-rose-gold`);
    for (const name of ['Rose Gold Drop Earrings', 'Rose Gold Band Ring'])
      await expect(page.getByRole('article', { name })).toContainText('Matches the look of Rose Gold Drop Necklace');

    await page.goto(`${DEMO}/`);
    await page.getByLabel('Product on the product page').selectOption('necklace-gold');
    await expect(page.getByRole('article', { name: '14k Gold Band Ring' })).toBeVisible();
    await page.getByRole('checkbox', { name: 'Show where each card’s link came from' }).check();
    const origins = page.getByRole('table', { name: 'Where each card’s link came from' });
    await expect(origins.getByRole('row', { name: /14k Gold Band Ring/ })).toContainText(/visual \(similarity 0\.\d\d\)/);
    // The gold necklace has no upgrade, and its express shipping is for the checkout: both cards are visual.
    await expect(origins.getByRole('row', { name: /14k Gold Hoop Earrings/ })).toContainText('14k Gold Pendant Necklace');
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
    await expect.poll(async () => Number(await panel.locator('#beacon-count').textContent()), { timeout: BEACON_MS }).toBeGreaterThanOrEqual(3);
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
    await expect(snippet(page)).toContainText('data-holdout="50"');
    await expect(figure(panel, "Visitor's group")).toHaveText('Holdout (sees no cards)');
    await expect(figure(panel, 'Holdout renders')).toHaveText('1');
    await expect(page.getByRole('article')).toHaveCount(0);
    await expect(panel.getByRole('status')).toHaveText('Holdout visitor: no cards shown, 1 holdout render so far.');
  });

  test('at 375 px, a choice with a long hint keeps its own words on one line', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${DEMO}/`);
    const label = page.locator('label', { has: page.getByRole('radio', { name: /^Slower than 1\.5 s/ }) });
    // How many lines the words "Slower than 1.5 s" take (the hint after them may wrap).
    const lines = await label.evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode as Text;
        const at = node.data.indexOf('Slower than 1.5 s');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'Slower than 1.5 s'.length);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }
      return -1;
    });
    expect(lines).toBe(1);
  });

  test('the preview stage is drawn the way the chosen theme draws the cards, "Auto" included, on a dark system', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${DEMO}/`);
    /** Whether the stage and the first card's surface are both light (or both dark). */
    const sides = () =>
      page.locator('.stage').evaluate((stage) => {
        const light = (el: Element) => {
          const [r = 0, g = 0, b = 0] = getComputedStyle(el).backgroundColor.match(/[\d.]+/g)!.map(Number);
          return 0.299 * r + 0.587 * g + 0.114 * b > 128;
        };
        const card = stage.querySelector('[data-offerwise], div')!.shadowRoot!.querySelector('article')!;
        return { stage: light(stage), card: light(card) };
      });
    for (const [theme, side] of [['auto', true], ['dark', false], ['light', true]] as const) {
      await page.getByLabel('Theme').selectOption(theme);
      await expect.poll(sides).toEqual({ stage: side, card: side });
    }
  });

  test('the settings and the KPI panel pass axe (WCAG 2.2 AA), with the beacon lines open and the endpoint on', async ({ page }) => {
    await page.goto(`${DEMO}/`);
    const panel = kpiPanel(page);
    // An add goes through the mock cart API, so MSW, which also plays the beacon collector, is up.
    await page.getByRole('button', { name: /^(Add .* to cart|Upgrade to .*)$/ }).first().click();
    await expect(figure(panel, 'Adds')).toHaveText('1');
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    await expect(panel.locator('#beacon-count')).not.toHaveText('0', { timeout: BEACON_MS });
    await panel.getByText('Last 20 beacon lines').click();
    // With offers from the endpoint, so the "Endpoint behaviour" choices are enabled too.
    await page.getByRole('group', { name: 'Offers from' }).getByRole('radio', { name: /^Endpoint/ }).check();
    await expect(page.getByRole('radio', { name: 'Fails with 500' })).toBeEnabled();
    const results = await new AxeBuilder({ page })
      .include('#controls')
      .include('section[aria-labelledby="kpis-heading"]')
      .include('.origins')
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
    await expect(snippet(page)).toContainText('data-endpoint="https://YOUR-STORE.example/offers"');
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

  test('the embed code has a tab per kind of store, works by keyboard and carries no demo shopper', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`${DEMO}/`);
    const tabs = page.getByRole('tablist', { name: 'Embed code for' });
    await expect(tabs.getByRole('tab')).toHaveText(['HTML', 'Shopify Liquid', 'WooCommerce PHP']);
    const html = tabs.getByRole('tab', { name: 'HTML' });
    await expect(html).toHaveAttribute('aria-selected', 'true');
    await expect(snippet(page)).toContainText('<script src="https://YOUR-STORE.example/offerwise.js" defer');
    await expect(snippet(page)).toContainText('data-catalog="/offerwise/catalog.json"');
    await expect(snippet(page)).toContainText('data-product="PRODUCT-ID"');
    // The preview's shopper is a returning customer with 2 orders: none of it is in the code.
    await expect(snippet(page)).not.toContainText('data-orders="2"');
    await expect(snippet(page)).toContainText('data-orders="ORDER-COUNT"');

    await html.focus();
    await page.keyboard.press('ArrowRight');
    const liquid = tabs.getByRole('tab', { name: 'Shopify Liquid' });
    await expect(liquid).toBeFocused();
    await expect(liquid).toHaveAttribute('aria-selected', 'true');
    await expect(snippet(page, 'HTML')).toBeHidden();
    await expect(snippet(page, 'Shopify Liquid')).toContainText('data-product="{{ product.id }}"');
    await expect(snippet(page, 'Shopify Liquid')).toContainText('{{ customer.orders_count }}');

    await page.keyboard.press('ArrowRight');
    await expect(tabs.getByRole('tab', { name: 'WooCommerce PHP' })).toBeFocused();
    await expect(snippet(page, 'WooCommerce PHP')).toContainText('<?php echo esc_attr( $product->get_id() ); ?>');
    await page.keyboard.press('ArrowRight');
    await expect(html).toBeFocused();
    await page.keyboard.press('End');
    await expect(tabs.getByRole('tab', { name: 'WooCommerce PHP' })).toHaveAttribute('aria-selected', 'true');

    // The preview's choices follow into every tab.
    await page.getByRole('radio', { name: 'Cart', exact: true }).check();
    await expect(snippet(page, 'WooCommerce PHP')).toContainText('data-placement="cart"');
    await expect(snippet(page, 'WooCommerce PHP')).toContainText('WC()->cart');
    await expect(snippet(page, 'WooCommerce PHP')).not.toContainText('data-product=');

    await page.getByRole('button', { name: 'Copy code' }).click();
    await expect(page.getByRole('region', { name: 'Embed code' }).getByRole('status')).toHaveText('WooCommerce PHP code copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('data-cart-adapter="woocommerce"');

    const results = await new AxeBuilder({ page })
      .include('section[aria-labelledby="snippet-heading"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
      .analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  for (const [path, name] of [
    ['product', 'Product'],
    ['cart', 'Cart'],
    ['checkout', 'Checkout'],
    ['order', 'Order confirmation'],
    ['account', 'Account'],
    ['structured-data', 'JSON-LD + dataLayer'],
  ] as const) {
    test(`the ${path} page has the store's one layout: header, notice, main and footer`, async ({ page }) => {
      await page.goto(`${DEMO}/demo/${path}.html`);
      const nav = page.getByRole('banner').getByRole('navigation', { name: 'Demo pages' });
      await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
      await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
      await expect(nav.getByRole('link', { name: 'Preview panel' })).toHaveAttribute('href', '/');
      await expect(page.getByRole('complementary', { name: 'About this demo' })).toContainText('signed in as Ada');
      await expect(page.getByRole('contentinfo')).toContainText('Northwind Goods is a demo store');
      await expect(page.getByRole('main')).toHaveCount(1);
      // One script tag, as a store has it, and the slot it renders into.
      await expect(page.locator('script[src="/offerwise.js"]')).toHaveCount(1);
      await expect(page.getByRole('article').first()).toBeVisible();

      // The skip link moves focus into the page's main content.
      await page.keyboard.press('Tab');
      await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('main')).toBeFocused();
    });
  }

  test('the store pages pass axe (WCAG 2.2 AA), and "Empty the demo cart" empties the count on every page', async ({ page }) => {
    await page.goto(`${DEMO}/demo/product.html?id=phone-x`);
    await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
    await expect(page.getByRole('status').first()).toHaveText('Phone X added to cart');
    const count = page.locator('[data-cart-count]');
    await expect(count).toHaveText('1');
    await page.goto(`${DEMO}/demo/account.html`);
    await expect(count).toHaveText('1');
    await expect(page.getByRole('article').first()).toBeVisible();
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
      .options({ rules: { 'target-size': { enabled: true } } })
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.getByRole('button', { name: 'Empty the demo cart' }).click();
    await expect(count).toHaveText('0');
  });

  test('the JSON-LD + dataLayer page shows offers with no data-product or data-cart, from the page\'s structured data alone', async ({ page }) => {
    await page.goto(`${DEMO}/demo/structured-data.html`);
    // The script tag says only where the catalog is and which placement; the slot says nothing.
    const script = page.locator('script[src="/offerwise.js"]');
    expect(await script.evaluate((el) => el.getAttributeNames().filter((name) => name.startsWith('data-')))).toEqual(['data-catalog', 'data-placement']);
    await expect(script).toHaveAttribute('data-placement', 'product');
    const slot = page.locator('[data-offerwise]');
    await expect(slot).toHaveCount(1);
    expect(await slot.evaluate((el) => el.getAttributeNames().filter((name) => name.startsWith('data-')))).toEqual(['data-offerwise']);
    // The context is on the page: a JSON-LD Product and the GA4 view_item and add_to_cart.
    expect(await page.locator('script[type="application/ld+json"]').evaluate((el) => JSON.parse(el.textContent ?? '').sku)).toBe('phone-x');
    expect(await page.evaluate(() => (window as { dataLayer?: Array<{ event?: string }> }).dataLayer?.map((entry) => entry.event).filter(Boolean))).toEqual(
      expect.arrayContaining(['view_item', 'add_to_cart']),
    );

    // Phone X (from the JSON-LD) is in the cart (from the dataLayer): its accessories.
    await expect(page.getByRole('article', { name: 'Rugged Case for Phone X' })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Tempered Glass Screen Protector' })).toBeVisible();
    const sources = page.getByRole('region', { name: "Where these offers' context comes from" });
    await expect(sources.getByRole('list', { name: 'dataLayer ecommerce events' }).getByRole('listitem')).toHaveText(['view_item: phone-x × 1', 'add_to_cart: phone-x × 1']);
    await expect(page.getByRole('banner').getByRole('link', { name: 'JSON-LD + dataLayer' })).toHaveAttribute('aria-current', 'page');

    // The store's own handler (the default event adapter) adds, so the card can say so.
    const count = page.locator('[data-cart-count]');
    await page.getByRole('button', { name: 'Add Rugged Case for Phone X to cart' }).click();
    await expect(page.getByRole('button', { name: /: Added$/ })).toBeVisible();
    await expect(count).toHaveText('1');
  });

  for (const { platform, label, addPath, cartPath, sent, line } of [
    {
      platform: 'shopify',
      label: 'Shopify',
      addPath: '/cart/add.js',
      cartPath: '/cart.js',
      sent: { items: [{ id: 'earrings-silver', quantity: 1 }] },
      line: { product_id: 'earrings-silver', variant_id: 'earrings-silver', quantity: 1 },
    },
    {
      platform: 'woocommerce',
      label: 'WooCommerce',
      addPath: '/wp-json/wc/store/v1/cart/add-item',
      cartPath: '/wp-json/wc/store/v1/cart',
      sent: { id: 'earrings-silver', quantity: 1 },
      line: { id: 'earrings-silver', quantity: 1 },
    },
  ] as const) {
    test(`"Cart API: ${label}" adds a card through the ${label} cart, played by MSW, and the store's cart shows it`, async ({ page }) => {
      await page.goto(`${DEMO}/demo/product.html?id=necklace-silver`);
      const cartApi = page.getByRole('group', { name: 'Cart API' });
      await expect(cartApi.getByRole('radio', { name: "Store's own handler" })).toBeChecked();
      await cartApi.getByRole('radio', { name: label }).check();
      // Set once MSW, which plays the platform's API, is up.
      await expect(page.locator('#offers')).toHaveAttribute('data-cart-adapter', platform);

      const count = page.locator('[data-cart-count]');
      await expect(count).toHaveText('0');
      const request = page.waitForRequest((r) => new URL(r.url()).pathname === addPath && r.method() === 'POST');
      await page.getByRole('button', { name: 'Add Sterling Silver Stud Earrings to cart' }).click();
      const add = await request;
      expect(add.postDataJSON()).toEqual(sent);
      // WooCommerce's writes carry the nonce the page printed.
      if (platform === 'woocommerce') {
        expect(add.headers()['nonce']).toBe(await page.evaluate(() => (window as { wcStoreApiSettings?: { nonce?: string } }).wcStoreApiSettings?.nonce));
      }
      await expect(page.getByRole('button', { name: /: Added$/ })).toBeVisible();

      // The platform's own cart has it, and the store's cart display reads it from there.
      const platformCart = await page.evaluate((path) => fetch(path).then((r) => r.json()), cartPath);
      expect(platformCart.items).toEqual([expect.objectContaining(line)]);
      await expect(count).toHaveText('1');

      // The choice follows the shopper to the next page; "Store's own handler" takes the adapter off again.
      await page.getByRole('banner').getByRole('link', { name: 'Checkout' }).click();
      await expect(page.getByRole('group', { name: 'Cart API' }).getByRole('radio', { name: label })).toBeChecked();
      await expect(page.locator('#offers')).toHaveAttribute('data-cart-adapter', platform);
      await expect(count).toHaveText('1');
      await page.getByRole('group', { name: 'Cart API' }).getByRole('radio', { name: "Store's own handler" }).check();
      await expect(page.locator('#offers')).not.toHaveAttribute('data-cart-adapter', /./);
    });
  }

  test('the preview panel\'s "Cart API" switch sends the preview\'s adds to the mocked Shopify cart', async ({ page }) => {
    await page.goto(`${DEMO}/`);
    await page.getByRole('group', { name: 'Cart API' }).getByRole('radio', { name: 'Shopify' }).check();
    await expect(page.locator('#preview-slot')).toHaveAttribute('data-cart-adapter', 'shopify');
    const adding = page.waitForRequest((r) => new URL(r.url()).pathname === '/cart/add.js' && r.method() === 'POST');
    await page.getByRole('button', { name: /^(Add .* to cart|Upgrade to .*)$/ }).first().click();
    const { items } = (await adding).postDataJSON() as { items: Array<{ id: string }> };
    await expect(page.getByRole('button', { name: /: Added$/ })).toBeVisible();
    await expect(logEntry(page, 'offerwise:added')).toHaveCount(1);
    const platformCart = await page.evaluate(() => fetch('/cart.js').then((r) => r.json()));
    expect(platformCart.items.map((item: { product_id: string }) => item.product_id)).toEqual([items[0]?.id]);
    await expect(page.locator('.bar-cart span')).toHaveText('1');
  });

  test('"Simulate 1,000 shoppers" shows the KPIs and offers the events and the report', async ({ page }) => {
    await page.goto(`${DEMO}/`);
    await page.getByRole('button', { name: 'Simulate 1,000 shoppers' }).click();
    await expect(page.getByRole('table')).toContainText('Attach rate');
    await expect(page.getByRole('link', { name: 'Download events (NDJSON)' })).toHaveAttribute('href', /^blob:/);
    await expect(page.getByRole('link', { name: 'Open the report' })).toHaveAttribute('href', /^blob:/);
  });
});
