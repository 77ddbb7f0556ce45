import { expect, test, type Page } from '@playwright/test';
import { BUNDLE, CATALOG, events, lastOffers, openStore, recordEvents, watchConsole } from './helpers';

// Single-page stores (embed.md §7): re-rendering on client-side navigation, on a slot's data-*
// changes, and through mount/unmount and the queue.

const COFFEE = ['descaler', 'coffee-filters'];
const BLENDER = ['blender-pro', 'blender-jar'];
const SCRIPT = { placement: 'product', orders: '2' };
const LD = (sku: string) => `<script type="application/ld+json" id="ld">{"@type":"Product","sku":"${sku}"}</script>`;
/** The SPA's own route change: the new product's JSON-LD, then a history call. */
const navigateTo = (page: Page, sku: string, how: 'pushState' | 'replaceState') =>
  page.evaluate(([sku, how]) => {
    document.getElementById('ld')!.textContent = JSON.stringify({ '@type': 'Product', sku });
    history[how as 'pushState']({}, '', `/p/${sku}`);
  }, [sku, how] as const);

test.describe('client-side navigation', () => {
  for (const how of ['pushState', 'replaceState'] as const)
    test(`${how} re-reads the page context and re-renders`, async ({ page }) => {
      await openStore(page, { script: SCRIPT, head: LD('coffee-machine') });
      expect(await lastOffers(page)).toEqual(COFFEE);
      await navigateTo(page, 'blender-basic', how);
      await expect.poll(() => lastOffers(page)).toEqual(BLENDER);
    });

  for (const when of ['microtask', 'task', 'frame'] as const)
    test(`a router that changes the URL first and the JSON-LD after (in a ${when}) gets the new product's offers, never a stale render`, async ({ page }) => {
      await openStore(page, { script: SCRIPT, head: LD('coffee-machine') });
      expect(await lastOffers(page)).toEqual(COFFEE);
      const before = (await events(page, 'render')).length;
      await page.evaluate((when) => {
        history.pushState({}, '', '/p/blender-basic');
        const update = () => (document.getElementById('ld')!.textContent = JSON.stringify({ '@type': 'Product', sku: 'blender-basic' }));
        if (when === 'microtask') queueMicrotask(update);
        else if (when === 'task') setTimeout(update);
        else requestAnimationFrame(update);
      }, when);
      await expect.poll(() => lastOffers(page)).toEqual(BLENDER);
      await page.waitForTimeout(300);
      const after = (await events(page, 'render')).slice(before).map((e) => (e.detail.offers as { productId: string }[]).map((o) => o.productId));
      expect(after).toEqual([BLENDER]);
    });

  test('popstate (back) re-renders with the context the page shows again', async ({ page }) => {
    await openStore(page, {
      script: SCRIPT,
      head: LD('coffee-machine'),
      after: `<script>addEventListener('popstate', (e) => { document.getElementById('ld').textContent = JSON.stringify({ '@type': 'Product', sku: e.state?.sku ?? 'coffee-machine' }); }, { capture: true });</script>`,
    });
    expect(await lastOffers(page)).toEqual(COFFEE);
    await navigateTo(page, 'blender-basic', 'pushState');
    await expect.poll(() => lastOffers(page)).toEqual(BLENDER);
    await page.goBack();
    await expect.poll(() => lastOffers(page)).toEqual(COFFEE);
  });

  test('a dataLayer view_item pushed by the SPA before pushState is the new product', async ({ page }) => {
    await openStore(page, { script: SCRIPT, head: `<script>window.dataLayer = [{ event: 'view_item', ecommerce: { items: [{ item_id: 'coffee-machine' }] } }];</script>` });
    expect(await lastOffers(page)).toEqual(COFFEE);
    await page.evaluate(() => {
      (window as unknown as { dataLayer: unknown[] }).dataLayer.push({ ecommerce: null }, { event: 'view_item', ecommerce: { items: [{ item_id: 'blender-basic' }] } });
      history.pushState({}, '', '/p/blender-basic');
    });
    await expect.poll(() => lastOffers(page)).toEqual(BLENDER);
  });
});

test('a slot\'s data-* change re-renders it', async ({ page }) => {
  await openStore(page, { script: SCRIPT, body: '<div id="s" data-offerwise data-product="coffee-machine"></div>' });
  expect(await lastOffers(page)).toEqual(COFFEE);
  await page.evaluate(() => document.getElementById('s')!.setAttribute('data-product', 'blender-basic'));
  await expect.poll(() => lastOffers(page)).toEqual(BLENDER);
});

type Api = { Offerwise: { mount(el: Element, o?: object): void; unmount(el: Element): void; refresh(el?: Element): Promise<void> } };

test.describe('mount and unmount', () => {
  test('mount with camelCase options renders; unmount empties the slot and stops all work', async ({ page }) => {
    const seen = watchConsole(page);
    await openStore(page, {
      script: { placement: 'product' },
      body: '<div id="spa"></div><div style="height:3000px"></div>',
      head: '<script>window.dataLayer = [];</script>',
    });
    await page.evaluate(() => (window as unknown as Api).Offerwise.mount(document.getElementById('spa')!, { product: 'blender-basic', orders: '2', max: '1' }));
    await expect
      .poll(async () => (await events(page, 'render')).filter((e) => e.slot === 'spa').map((e) => (e.detail.offers as { productId: string }[]).map((o) => o.productId)))
      .toEqual([['blender-pro']]);
    await expect(page.locator('#spa').getByRole('article')).toHaveCount(1);
    // The page had no slot, so the script made one after itself; mounting #spa means the page
    // keeps its own slot, and the made one goes instead of showing cards below the footer.
    await expect(page.locator('[data-offerwise]')).toHaveCount(0);
    await expect(page.getByRole('article')).toHaveCount(1);

    await page.evaluate(() => (window as unknown as Api).Offerwise.unmount(document.getElementById('spa')!));
    await expect(page.locator('#spa').getByRole('article')).toHaveCount(0);
    const ofSpa = async () => (await events(page)).filter((e) => e.slot === 'spa');
    const before = (await ofSpa()).length;
    await page.evaluate(async () => {
      const w = window as unknown as Api & { dataLayer: unknown[] };
      w.dataLayer.push({ event: 'view_item', ecommerce: { items: [{ item_id: 'coffee-machine' }] } });
      history.pushState({}, '', '/p/coffee-machine');
      document.getElementById('spa')!.setAttribute('data-product', 'coffee-machine');
      scrollTo(0, 2000);
      await new Promise((r) => setTimeout(r, 300));
      scrollTo(0, 0);
      await w.Offerwise.refresh();
    });
    await page.waitForTimeout(400);
    expect((await ofSpa()).slice(before)).toEqual([]);
    await expect(page.locator('#spa').getByRole('article')).toHaveCount(0);
    expect(seen.errors).toEqual([]);
  });

  test('calls queued in window.Offerwise.q before the script loads are replayed', async ({ page }) => {
    await recordEvents(page);
    await page.route('**/e2e/fixtures/queue.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Queue</title></head><body>
          <div id="later"></div>
          <script>window.Offerwise = window.Offerwise || { q: [] };
            Offerwise.q.push(['mount', document.getElementById('later'), { catalog: '${CATALOG}', placement: 'product', product: 'coffee-machine', orders: '1' }]);</script>
          <script src="${BUNDLE}" defer></script></body></html>`,
      }),
    );
    await page.goto('/e2e/fixtures/queue.html');
    // The page has no [data-offerwise] slot, but a mount is queued: the script makes no slot of
    // its own, so every render and impression is #later's and no cards show after the script.
    await expect
      .poll(async () => (await events(page, 'render')).map((e) => [e.slot, (e.detail.offers as { productId: string }[]).map((o) => o.productId)]))
      .toEqual([['later', COFFEE]]);
    await expect(page.getByRole('article')).toHaveCount(2);
    await expect(page.locator('#later').getByRole('article')).toHaveCount(2);
    await expect(page.locator('[data-offerwise]')).toHaveCount(0);
    await expect.poll(async () => new Set((await events(page, 'impression')).map((e) => e.slot))).toEqual(new Set(['later']));
    expect(await page.evaluate(() => typeof (window as unknown as { Offerwise: { version: unknown } }).Offerwise.version)).toBe('string');
  });

  test('the same queue snippet run after the script loaded mounts at once, and no slot is made', async ({ page }) => {
    const seen = watchConsole(page);
    await recordEvents(page);
    await page.route('**/e2e/fixtures/queue-late.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Queue late</title>
          <script src="${BUNDLE}"></script></head><body>
          <div id="later"></div>
          <script>window.Offerwise = window.Offerwise || { q: [] };
            Offerwise.q.push(['mount', document.getElementById('later'), { catalog: '${CATALOG}', placement: 'product', product: 'coffee-machine', orders: '1' }]);</script>
          </body></html>`,
      }),
    );
    await page.goto('/e2e/fixtures/queue-late.html');
    await expect
      .poll(async () => (await events(page, 'render')).map((e) => [e.slot, (e.detail.offers as { productId: string }[]).map((o) => o.productId)]))
      .toEqual([['later', COFFEE]]);
    await expect(page.getByRole('article')).toHaveCount(2);
    await expect(page.locator('[data-offerwise]')).toHaveCount(0);
    expect(seen.errors).toEqual([]);
  });
});
