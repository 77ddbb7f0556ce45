import { expect, test } from '@playwright/test';
import { events, handleAdds, lastOffers, openStore, renders, watchConsole } from './helpers';

// Every placement of embed.md §3 on a plain store page loading dist/offerwise.js
// (rules.md R2/R3 decide what each may show).

test.describe('placements', () => {
  test('product page, still deciding: the best upsell first, then the best cross-sell', async ({ page }) => {
    const seen = watchConsole(page);
    await openStore(page, { script: { placement: 'product', product: 'blender-basic', orders: '2' } });
    const region = page.getByRole('region', { name: 'Goes well with this' });
    await expect(region.getByRole('article')).toHaveCount(2);
    await expect(region.getByRole('article').nth(0)).toHaveAccessibleName('Blender Pro');
    await expect(region.getByRole('button', { name: 'Upgrade to Blender Pro' })).toBeVisible();
    await expect(region.getByRole('article', { name: 'Blender Pro' })).toContainText('+$30.00');
    await expect(region.getByRole('article', { name: 'Blender Pro' })).toContainText('Stronger motor and a 3-year warranty');
    await expect(region.getByRole('article', { name: 'Blender Pro' })).toContainText('4.8 out of 5 (310 reviews)');
    await expect(region.getByRole('button', { name: 'Add Spare Blender Jar to cart' })).toBeVisible();
    expect(await lastOffers(page)).toEqual(['blender-pro', 'blender-jar']);
    const [render] = await renders(page);
    expect(render!.detail).toMatchObject({
      placement: 'product',
      offers: [
        { productId: 'blender-pro', kind: 'upsell', action: 'add', price: 100, position: 1, reason: 'Stronger motor and a 3-year warranty' },
        { productId: 'blender-jar', kind: 'cross-sell', action: 'add', price: 25, position: 2 },
      ],
    });
    expect(seen.errors).toEqual([]);
    expect(seen.warnings).toEqual([]);
  });

  test('product page, first-time shopper: no premium upsell pushed too early (R6)', async ({ page }) => {
    await openStore(page, { script: { placement: 'product', product: 'blender-basic' } });
    expect(await lastOffers(page)).toEqual(['blender-jar']);
    await expect(page.getByRole('button', { name: /Upgrade/ })).toHaveCount(0);
  });

  test('product page, already in the cart (committed): cross-sells only', async ({ page }) => {
    await openStore(page, {
      script: { placement: 'product', product: 'blender-basic', cart: 'blender-basic:1', orders: '3' },
    });
    expect(await lastOffers(page)).toEqual(['blender-jar']);
  });

  test('product page: proof line from the attach rate, never invented', async ({ page }) => {
    await openStore(page, { script: { placement: 'product', product: 'coffee-machine', orders: '1' } });
    const card = page.getByRole('article', { name: 'Descaler' });
    await expect(card).toContainText('30% of customers who bought Coffee Machine added this');
    const filters = page.getByRole('article', { name: 'Paper Filters (200)' });
    await expect(filters).toContainText('25% of customers who bought Coffee Machine added this');
    expect(await lastOffers(page)).not.toContain('milk-frother'); // out of stock
  });

  test('product page with no product link: category cold start (R11)', async ({ page }) => {
    await openStore(page, { script: { placement: 'product', product: 'phone-y' } });
    expect(await lastOffers(page)).toEqual(['screen-guard']);
  });

  test('cart: a larger size swaps the line, keeping its quantity', async ({ page }) => {
    await handleAdds(page);
    await openStore(page, { script: { placement: 'cart', cart: 'skincare-starter:2', orders: '2' } });
    await expect(page.getByRole('region', { name: 'Complete your order' })).toBeVisible();
    await page.getByRole('button', { name: 'Upgrade to Skincare Two-Month Kit' }).click();
    const [add] = await events(page, 'add');
    expect(add!.detail).toMatchObject({
      placement: 'cart',
      productId: 'skincare-2month',
      action: 'swap',
      replaces: 'skincare-starter',
      quantity: 2,
      offer: { productId: 'skincare-2month', kind: 'upsell', action: 'swap', position: 1 },
    });
  });

  test('cart below the free-shipping threshold: the item that closes the gap goes first', async ({ page }) => {
    await openStore(page, {
      script: { placement: 'cart', cart: 'skincare-starter:1', 'free-shipping': '50', orders: '2' },
    });
    expect(await lastOffers(page)).toEqual(['travel-pouch', 'skincare-2month']);
    await expect(page.getByRole('article', { name: 'Travel Pouch' })).toContainText('Unlocks free shipping');
  });

  test('checkout: add-ons only (warranty, faster shipping)', async ({ page }) => {
    await openStore(page, { script: { placement: 'checkout', cart: 'phone-x:1', orders: '2' } });
    // An add-on-only section says what it holds, not "Goes well with this" (embed.md §4).
    await expect(page.getByRole('region', { name: 'Add to your order' })).toBeVisible();
    expect(await lastOffers(page)).toEqual(['warranty-2y', 'express-shipping']);
    // R10: an add-on is bought on top: its own price, no difference, no "Upgrade", no "chose this upgrade".
    const warranty = page.getByRole('article', { name: '2-Year Extended Warranty' });
    await expect(warranty).toContainText('$49.00');
    await expect(warranty).not.toContainText('+$');
    await expect(warranty).not.toContainText('chose this upgrade');
    await expect(warranty.getByRole('button', { name: 'Add 2-Year Extended Warranty to order' })).toBeVisible();
  });

  test('post-purchase: care and refills for the order just placed', async ({ page }) => {
    await openStore(page, { script: { placement: 'post-purchase', cart: 'coffee-machine:1' } });
    await expect(page.getByRole('region', { name: 'Make the most of your order' })).toBeVisible();
    expect(await lastOffers(page)).toEqual(['descaler', 'coffee-filters']);
  });

  test('account: a due reorder of an owned consumable ranks first (R7)', async ({ page }) => {
    await openStore(page, {
      script: { placement: 'account', owned: 'coffee-machine@2026-01-05,coffee-filters@2026-01-05', orders: '2' },
    });
    await expect(page.getByRole('region', { name: 'Recommended for you' })).toBeVisible();
    expect(await lastOffers(page)).toEqual(['coffee-filters', 'descaler']);
    await expect(page.getByRole('article', { name: 'Paper Filters (200)' })).toContainText('Time to restock');
  });

  test('max 1 shows a single card', async ({ page }) => {
    await openStore(page, { script: { placement: 'product', product: 'blender-basic', orders: '2', max: '1' } });
    expect(await lastOffers(page)).toEqual(['blender-pro']);
    await expect(page.getByRole('article')).toHaveCount(1);
    // The one card is an upgrade, bought instead of the blender: the heading says so (embed.md §4).
    await expect(page.getByRole('region', { name: 'Also consider' })).toBeVisible();
  });

  test('nothing qualifies: nothing renders at all, and render still reports it', async ({ page }) => {
    await openStore(page, { script: { placement: 'product', product: 'screen-guard' } });
    const [render] = await renders(page);
    expect(render!.detail).toEqual({ placement: 'product', offers: [] });
    await expect(page.getByRole('region')).toHaveCount(0);
    const box = await page.locator('[data-offerwise]').boundingBox();
    expect(box?.height ?? 0).toBe(0);
  });

  test('German text and euro prices through data-locale and data-currency', async ({ page }) => {
    await openStore(page, {
      script: { placement: 'product', product: 'coffee-machine', locale: 'de-DE', currency: 'EUR' },
    });
    await expect(page.getByRole('region', { name: 'Passt gut dazu' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Descaler in den Warenkorb legen' })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Descaler' })).toContainText(/12,00\s€/);
    // On this English page the section says it is German, so screen readers switch (WCAG 3.1.2).
    await expect(page.getByRole('region')).toHaveAttribute('lang', 'de-DE');
  });

  test('a locale without a built-in language shows English text and says so', async ({ page }) => {
    await openStore(page, { script: { placement: 'product', product: 'coffee-machine', locale: 'fr-FR' } });
    await expect(page.getByRole('region', { name: 'Goes well with this' })).toHaveAttribute('lang', 'en');
  });

  test('a store overrides strings through the context block', async ({ page }) => {
    await openStore(page, {
      script: { placement: 'product', product: 'coffee-machine' },
      body: '<script type="application/json" data-offerwise-context>{"strings":{"headingProduct":"Pairs well","add":"Put {title} in the bag"}}</script>',
    });
    await expect(page.getByRole('region', { name: 'Pairs well' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Put Descaler in the bag' })).toBeVisible();
  });
});
