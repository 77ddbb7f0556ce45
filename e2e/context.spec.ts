import { expect, test, type Page } from '@playwright/test';
import { events, lastOffers, openStore, renders, watchConsole } from './helpers';

// Page context when attributes don't say (embed.md §5): each source alone, then their order.

const block = (data: unknown) => `<script type="application/json" data-offerwise-context>${JSON.stringify(data)}</script>`;
const jsonLd = (...docs: (unknown | string)[]) =>
  docs.map((d) => `<script type="application/ld+json">${typeof d == 'string' ? d : JSON.stringify(d)}</script>`).join('\n');
const layer = (...entries: string[]) => `<script>window.dataLayer = window.dataLayer || []; ${entries.map((e) => `dataLayer.push(${e});`).join(' ')}</script>`;
const viewItem = (id: string) => `{ event: 'view_item', ecommerce: { items: [{ item_id: '${id}', price: 1 }] } }`;
const BARE = { placement: 'product', orders: '2' }; // a returning shopper: the blender's premium upsell may show (R6)
const COFFEE = ['descaler', 'coffee-filters'];
const BLENDER = ['blender-pro', 'blender-jar'];

const push = (page: Page, code: string) => page.evaluate(code);

test.describe('each source on its own', () => {
  test('attributes only', async ({ page }) => {
    await openStore(page, { script: { placement: 'product', product: 'coffee-machine' } });
    expect(await lastOffers(page)).toEqual(COFFEE);
  });

  test('context block: a bad field gets one warning, the rest is used; strings override text', async ({ page }) => {
    const seen = watchConsole(page);
    await openStore(page, {
      script: BARE,
      head: block({ product: 'blender-basic', cart: 'not-a-list', customer: { orders: 2 }, strings: { headingProduct: 'Pairs well' } }),
    });
    expect(await lastOffers(page)).toEqual(BLENDER);
    await expect(page.getByRole('region', { name: 'Pairs well' })).toBeVisible();
    expect(seen.warnings).toEqual(['[offerwise] data-offerwise-context "cart" is not valid; ignored']);
  });

  test('JSON-LD: a plain Product (sku)', async ({ page }) => {
    await openStore(page, { script: BARE, head: jsonLd({ '@context': 'https://schema.org', '@type': 'Product', name: 'Coffee Machine', sku: 'coffee-machine' }) });
    expect(await lastOffers(page)).toEqual(COFFEE);
  });

  test('JSON-LD: productID inside @graph', async ({ page }) => {
    await openStore(page, {
      script: BARE,
      head: jsonLd({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', name: 'x' }, { '@type': 'Product', productID: 'blender-basic' }] }),
    });
    expect(await lastOffers(page)).toEqual(BLENDER);
  });

  test('JSON-LD: ProductGroup.hasVariant', async ({ page }) => {
    await openStore(page, {
      script: BARE,
      head: jsonLd({ '@context': 'https://schema.org', '@type': 'ProductGroup', name: 'Blender', hasVariant: [{ '@type': 'Product', sku: 'blender-basic' }] }),
    });
    expect(await lastOffers(page)).toEqual(BLENDER);
  });

  test('JSON-LD: a malformed block is skipped, the next one read', async ({ page }) => {
    const seen = watchConsole(page);
    await openStore(page, { script: BARE, head: jsonLd('{"@type": "Product", "sku": ', { '@type': 'Product', sku: 'coffee-machine' }) });
    expect(await lastOffers(page)).toEqual(COFFEE);
    expect(seen.errors).toEqual([]);
  });

  test('dataLayer: view_item pushed before the script', async ({ page }) => {
    await openStore(page, { script: BARE, head: layer(viewItem('coffee-machine')) });
    expect(await lastOffers(page)).toEqual(COFFEE);
  });

  test('dataLayer: view_item pushed after load re-renders with the new product', async ({ page }) => {
    await openStore(page, { script: BARE, head: layer(viewItem('coffee-machine')) });
    expect(await lastOffers(page)).toEqual(COFFEE);
    await push(page, `dataLayer.push({ ecommerce: null }, ${viewItem('blender-basic')})`);
    await expect.poll(() => lastOffers(page)).toEqual(BLENDER);
  });

  test('dataLayer: {ecommerce: null} resets the items; without it the model keeps merging', async ({ page }) => {
    // view_cart of descaler, then reset, then view_item of the coffee machine: the cart is descaler only.
    await openStore(page, {
      script: BARE,
      head: layer(`{ event: 'view_cart', ecommerce: { items: [{ item_id: 'descaler' }] } }`, '{ ecommerce: null }', viewItem('coffee-machine')),
    });
    expect(await lastOffers(page)).toEqual(['coffee-filters']);
  });

  test('dataLayer: gtag("event", …) arguments form', async ({ page }) => {
    await openStore(page, {
      script: BARE,
      head: `<script>window.dataLayer = []; function gtag() { dataLayer.push(arguments); }
        gtag('event', 'view_item', { items: [{ item_id: 'blender-basic' }] });</script>`,
    });
    expect(await lastOffers(page)).toEqual(BLENDER);
  });

  // Fails at the time of writing: the first push after load re-renders whatever it holds (widget.ts pageChanged starts from an empty layerSeen).
  test('a dataLayer push that changes no context renders nothing again', async ({ page }) => {
    await openStore(page, { script: BARE, head: layer(viewItem('coffee-machine')) });
    await renders(page);
    await push(page, `dataLayer.push({ event: 'scroll' }); dataLayer.push({ event: 'gtm.click' })`);
    await page.waitForTimeout(400);
    expect(await events(page, 'render')).toHaveLength(1);
  });

  const purchase = `{ event: 'purchase', ecommerce: { transaction_id: 't-9', value: 12, items: [{ item_id: 'descaler', price: 12, quantity: 1 }] } }`;

  test('a purchase on one page makes the product owned on the next (with consent)', async ({ page }) => {
    await openStore(page, { path: '/e2e/fixtures/thanks.html', script: { placement: 'post-purchase' }, head: layer(purchase) });
    await renders(page);
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('offerwise')))!);
    expect(stored.owned).toEqual({ descaler: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    await openStore(page, { script: { placement: 'product', product: 'coffee-machine' } });
    expect(await lastOffers(page)).toEqual(['coffee-filters']);
  });

  test('data-consent="false": nothing is stored, the next page does not know the purchase', async ({ page }) => {
    await openStore(page, { path: '/e2e/fixtures/thanks.html', script: { placement: 'post-purchase', consent: 'false' }, head: layer(purchase) });
    await renders(page);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await openStore(page, { script: { placement: 'product', product: 'coffee-machine' } });
    expect(await lastOffers(page)).toEqual(COFFEE);
  });

  for (const [adapter, path, item] of [
    ['shopify', '/cart.js', { key: 'k1', id: 1, variant_id: 1, product_id: 'descaler', quantity: 1 }],
    ['woocommerce', '/wp-json/wc/store/v1/cart', { key: 'k1', id: 'descaler', quantity: 1 }],
  ] as const) {
    test(`${adapter}: the platform cart from GET ${path}, read once per render pass`, async ({ page }) => {
      const requests: { method: string }[] = [];
      await page.route(`**${path}`, async (route) => {
        requests.push({ method: route.request().method() });
        await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ items: [item] }) });
      });
      await openStore(page, {
        script: { placement: 'product', product: 'coffee-machine', 'cart-adapter': adapter },
        body: '<div id="a" data-offerwise data-max="1"></div><div id="b" data-offerwise data-max="1"></div>',
      });
      await renders(page, 2);
      const offers = (await events(page, 'render')).flatMap((e) => (e.detail.offers as { productId: string }[]).map((o) => o.productId));
      expect(offers).not.toContain('descaler'); // already in the cart
      expect(offers).toContain('coffee-filters');
      expect(requests).toEqual([{ method: 'GET' }]);
    });
  }
});

test.describe('precedence: attributes, then the block, then JSON-LD, then the dataLayer', () => {
  const sources = {
    attribute: 'skincare-starter',
    block: block({ product: 'blender-basic' }),
    jsonLd: jsonLd({ '@type': 'Product', sku: 'coffee-machine' }),
    layer: layer(viewItem('phone-x')),
  };
  const cases = [
    ['attributes beat the block', { product: sources.attribute }, sources.block + sources.jsonLd + sources.layer, ['skincare-2month', 'lip-balm']],
    ['the block beats JSON-LD', {}, sources.block + sources.jsonLd + sources.layer, BLENDER],
    ['JSON-LD beats the dataLayer', {}, sources.jsonLd + sources.layer, COFFEE],
  ] as const;
  for (const [name, attrs, head, expected] of cases)
    test(name, async ({ page }) => {
      await openStore(page, { script: { placement: 'product', orders: '2', ...attrs }, head });
      expect(await lastOffers(page)).toEqual(expected);
    });
});

test('with nothing set beyond data-catalog and data-placement, a store gets correct offers from JSON-LD plus a GA4 dataLayer', async ({ page }) => {
  const seen = watchConsole(page);
  await openStore(page, {
    script: { placement: 'product' },
    head:
      jsonLd({ '@context': 'https://schema.org', '@type': 'Product', name: 'Phone X', sku: 'phone-x', offers: { '@type': 'Offer', price: 799 } }) +
      layer(`{ ecommerce: null }`, `{ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'case-x', quantity: 1 }] } }`),
  });
  // The product from JSON-LD (phone-x), the cart from the dataLayer (the case is in it already).
  expect(await lastOffers(page)).toEqual(['screen-guard']);
  await expect(page.getByRole('button', { name: 'Add Screen Guard to cart' })).toBeVisible();
  expect(seen.warnings).toEqual([]);
  expect(seen.errors).toEqual([]);
});
