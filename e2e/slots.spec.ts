import { expect, test } from '@playwright/test';
import { BUNDLE, CATALOG, events, openStore, renders, watchConsole } from './helpers';

type Offers = { productId: string }[];
const offersBySlot = async (page: import('@playwright/test').Page) => {
  const out: Record<string, string[]> = {};
  for (const e of await events(page, 'render')) out[e.slot ?? ''] = (e.detail.offers as Offers).map((o) => o.productId);
  return out;
};

test.describe('slots (embed.md §2)', () => {
  test('two slots render in document order; the earlier slot keeps a shared product', async ({ page }) => {
    await openStore(page, {
      script: { placement: 'product', product: 'coffee-machine', orders: '1' },
      body: `<div id="under-buy" data-offerwise data-max="1"></div>
             <aside><div id="drawer" data-offerwise data-placement="post-purchase" data-cart="coffee-machine:1"></div></aside>`,
    });
    await renders(page, 2);
    expect(await offersBySlot(page)).toEqual({ 'under-buy': ['descaler'], drawer: ['coffee-filters'] });
    await expect(page.getByRole('region')).toHaveCount(2);
  });

  test('a slot\'s own data-* override the script tag\'s', async ({ page }) => {
    await openStore(page, {
      script: { placement: 'product', product: 'coffee-machine' },
      body: '<div id="s" data-offerwise data-product="blender-basic" data-orders="4"></div>',
    });
    await renders(page);
    expect(await offersBySlot(page)).toEqual({ s: ['blender-pro', 'blender-jar'] });
  });

  for (const load of ['defer', 'async', 'plain'] as const) {
    test(`works as a ${load} script tag`, async ({ page }) => {
      await openStore(page, { load, script: { placement: 'product', product: 'coffee-machine' } });
      await expect(page.getByRole('article')).toHaveCount(2);
    });
  }

  test('with no slot, one is created right after the script tag', async ({ page }) => {
    await openStore(page, {
      script: { placement: 'product', product: 'coffee-machine' },
      after: '<p id="after">after the script</p>',
    });
    await renders(page);
    const order = await page.evaluate(() => {
      const script = document.querySelector('script[src*="offerwise"]')!;
      return [script.nextElementSibling?.hasAttribute('data-offerwise'), script.nextElementSibling?.nextElementSibling?.id];
    });
    expect(order).toEqual([true, 'after']);
  });

  test('data-target names the slot', async ({ page }) => {
    await openStore(page, {
      script: { placement: 'product', product: 'coffee-machine', target: '#offers' },
      body: '<div id="offers"></div>',
    });
    await renders(page);
    expect(Object.keys(await offersBySlot(page))).toEqual(['offers']);
    expect(await page.locator('div[data-offerwise]').count()).toBe(0);
  });

  test('a data-target that matches nothing is warned about, and no slot is made in its place', async ({ page }) => {
    const seen = watchConsole(page);
    await openStore(page, {
      script: { placement: 'product', product: 'coffee-machine', target: '#missing' },
      body: '<div id="offers"></div>',
    });
    await expect.poll(() => seen.warnings).toContain('[offerwise] data-target="#missing" matches no element');
    await page.waitForTimeout(300);
    await expect(page.locator('[data-offerwise]')).toHaveCount(0);
    expect(await events(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test('loading the script twice mounts each slot once', async ({ page }) => {
    const seen = watchConsole(page);
    await openStore(page, {
      script: { placement: 'product', product: 'coffee-machine' },
      body: '<div id="s" data-offerwise></div>',
      after: `<script src="${BUNDLE}" defer data-catalog="${CATALOG}" data-placement="product" data-product="coffee-machine"></script>`,
    });
    await renders(page);
    await page.waitForTimeout(300);
    expect(await events(page, 'render')).toHaveLength(1);
    await expect(page.getByRole('region')).toHaveCount(1);
    await expect(page.getByRole('article')).toHaveCount(2);
    expect(seen.errors).toEqual([]);
  });

  test('injected late by a tag manager, after the page loaded', async ({ page }) => {
    await openStore(page, { path: '/e2e/fixtures/late.html', script: { placement: 'cart' }, body: '<div id="s" data-offerwise></div>' });
    // The page above already ran one copy for the cart (empty cart: nothing). Now a tag manager
    // injects a second copy; it must not mount again.
    await renders(page);
    await page.evaluate(({ src, catalog }) => {
      const s = document.createElement('script');
      s.src = src;
      s.dataset.catalog = catalog;
      document.body.append(s);
    }, { src: BUNDLE, catalog: CATALOG });
    await page.waitForTimeout(300);
    expect(await events(page, 'render')).toHaveLength(1);
  });

  test('a script injected by a tag manager into a page without the widget mounts', async ({ page }) => {
    await page.route('**/e2e/fixtures/empty.html', (r) =>
      r.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>t</title><main><h1>Store</h1><div id="s" data-offerwise></div></main></html>' }),
    );
    await page.goto('/e2e/fixtures/empty.html');
    await page.evaluate(({ src, catalog }) => {
      const s = document.createElement('script');
      s.src = src;
      Object.assign(s.dataset, { catalog, placement: 'product', product: 'coffee-machine' });
      document.body.append(s);
    }, { src: BUNDLE, catalog: CATALOG });
    await expect(page.getByRole('article')).toHaveCount(2);
  });

  test('changing a slot\'s data-* re-renders it (SPA variant switch)', async ({ page }) => {
    await openStore(page, {
      script: { placement: 'product', orders: '2' },
      body: '<div id="s" data-offerwise data-product="coffee-machine"></div>',
    });
    await renders(page);
    await page.evaluate(() => document.getElementById('s')!.setAttribute('data-product', 'blender-basic'));
    await expect(page.getByRole('article', { name: 'Blender Pro' })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Descaler' })).toHaveCount(0);
  });

  test('window.Offerwise: version, refresh, mount and unmount', async ({ page }) => {
    await openStore(page, { script: { placement: 'product', product: 'coffee-machine' } });
    await renders(page);
    const version = await page.evaluate(() => (window as unknown as { Offerwise: { version: string } }).Offerwise.version);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    await page.evaluate(() => {
      const el = document.createElement('div');
      el.id = 'manual';
      document.querySelector('main')!.append(el);
      (window as unknown as { Offerwise: { mount(e: Element, o: object): void } }).Offerwise.mount(el, {
        placement: 'cart',
        cart: [{ id: 'skincare-starter', qty: 1 }],
        orders: '3',
      });
    });
    await expect(page.locator('#manual').getByRole('article').first()).toBeVisible();
    await page.evaluate(() =>
      (window as unknown as { Offerwise: { unmount(e: Element): void } }).Offerwise.unmount(document.getElementById('manual')!),
    );
    await expect(page.locator('#manual').getByRole('article')).toHaveCount(0);
  });
});
