import { expect, test } from '@playwright/test';
import { CATALOG, events, openStore, renders } from './helpers';

// Issue: render lazily near the viewport, so work below the fold waits (house style 5).

const PRODUCT = { placement: 'product', product: 'coffee-machine', orders: '1' };

test('a slot far below the fold fetches and computes nothing until it comes within 400 px', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  const catalogRequests: string[] = [];
  page.on('request', (r) => r.url().endsWith(CATALOG) && catalogRequests.push(r.url()));
  await openStore(page, { script: PRODUCT, body: '<div style="height:4000px">Long product story</div><div id="offers" data-offerwise></div>' });
  await page.waitForTimeout(500);
  expect(catalogRequests).toEqual([]);
  expect(await events(page)).toEqual([]);

  // 300 px under the fold: within the 400 px margin, so the cards are ready before they show.
  await page.evaluate(() => {
    const top = document.getElementById('offers')!.getBoundingClientRect().top + scrollY;
    window.scrollTo(0, top - innerHeight - 300);
  });
  await renders(page);
  expect(catalogRequests).toHaveLength(1);
  await expect(page.getByRole('article')).toHaveCount(2);
});

test('a slot in view renders at once, and one far below waits while the first shows', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await openStore(page, {
    script: PRODUCT,
    body: '<div id="top" data-offerwise data-max="1"></div><div style="height:4000px"></div><div id="bottom" data-offerwise></div>',
  });
  await renders(page);
  expect((await events(page, 'render')).map((e) => e.slot)).toEqual(['top']);
  await page.locator('#bottom').scrollIntoViewIfNeeded();
  await renders(page, 2);
  const bottom = (await events(page, 'render')).filter((e) => e.slot === 'bottom').at(-1)!;
  // Dedupe still holds across the two: the lower slot skips what the upper one shows.
  const top = (await events(page, 'render')).find((e) => e.slot === 'top')!;
  const ids = (e: typeof top) => (e.detail.offers as { productId: string }[]).map((o) => o.productId);
  expect(ids(bottom).some((id) => ids(top).includes(id))).toBe(false);
});
