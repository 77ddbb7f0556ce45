import { expect, test } from '@playwright/test';
import { DEMO_PORT } from './playwright.config';

// The merchant's demo as `npm start` serves it (the built dist-demo/): the store pages show
// offers from the built widget, "add to cart" goes through the mock cart API, and the preview
// panel re-renders live and simulates shoppers.
const DEMO = `http://127.0.0.1:${DEMO_PORT}`;

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

  test('"Simulate 1,000 shoppers" shows the KPIs and offers the events and the report', async ({ page }) => {
    await page.goto(`${DEMO}/`);
    await page.getByRole('button', { name: 'Simulate 1,000 shoppers' }).click();
    await expect(page.getByRole('table')).toContainText('Attach rate');
    await expect(page.getByRole('link', { name: 'Download events (NDJSON)' })).toHaveAttribute('href', /^blob:/);
    await expect(page.getByRole('link', { name: 'Open the report' })).toHaveAttribute('href', /^blob:/);
  });
});
