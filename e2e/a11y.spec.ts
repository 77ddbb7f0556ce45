import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { handleAdds, openStore } from './helpers';

const WCAG22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function axe(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG22_AA)
    .options({ rules: { 'target-size': { enabled: true } } })
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const SCRIPT = { placement: 'product', product: 'blender-basic', orders: '2' };
const failingHost = `<script>document.addEventListener('offerwise:add', (e) => e.detail.waitUntil(Promise.reject(new Error('Sold out'))));</script>`;

test.describe('accessibility: axe-core, WCAG 2.2 AA with target-size', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`${theme} theme`, async ({ page }) => {
      await openStore(page, {
        script: { ...SCRIPT, theme },
        head: theme === 'dark' ? '<style>body{background:#0d1117;color:#e6edf3}</style>' : '',
      });
      await expect(page.getByRole('article')).toHaveCount(2);
      expect(await axe(page)).toEqual([]);
    });
  }

  /** A page of each placement that shows cards (placements.spec.ts checks which). */
  const PLACEMENTS = {
    product: SCRIPT,
    cart: { placement: 'cart', cart: 'skincare-starter:1', 'free-shipping': '50', orders: '2' },
    checkout: { placement: 'checkout', cart: 'phone-x:1', orders: '2' },
    'post-purchase': { placement: 'post-purchase', cart: 'coffee-machine:1' },
    account: { placement: 'account', owned: 'coffee-machine@2026-01-05,coffee-filters@2026-01-05', orders: '2' },
  };
  for (const [placement, script] of Object.entries(PLACEMENTS))
    for (const theme of ['light', 'dark'] as const)
      test(`${placement} page, ${theme} theme`, async ({ page }) => {
        await openStore(page, {
          script: { ...script, theme },
          head: theme === 'dark' ? '<style>body{background:#0d1117;color:#e6edf3}</style>' : '',
        });
        await expect(page.getByRole('article').first()).toBeVisible();
        expect(await axe(page)).toEqual([]);
      });

  test('auto theme follows a dark colour scheme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openStore(page, { script: SCRIPT, head: '<style>body{background:#0d1117;color:#e6edf3}</style>' });
    await expect(page.getByRole('article')).toHaveCount(2);
    const cls = await page.locator('[data-offerwise]').evaluate((el) => el.shadowRoot!.querySelector('section')!.className);
    expect(cls).toContain('dark');
    expect(await axe(page)).toEqual([]);
  });

  for (const [meta, system, expected] of [['dark', 'light', 'dark'], ['light', 'dark', 'light'], ['light dark', 'dark', 'dark']] as const)
    test(`auto theme follows <meta name="color-scheme" content="${meta}"> on a ${system} system`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: system });
      await openStore(page, {
        script: SCRIPT,
        head: `<meta name="color-scheme" content="${meta}"><style>body{background:${expected === 'dark' ? '#0d1117;color:#e6edf3' : '#fff;color:#111'}}</style>`,
      });
      await expect(page.getByRole('article')).toHaveCount(2);
      const cls = await page.locator('[data-offerwise]').evaluate((el) => el.shadowRoot!.querySelector('section')!.className);
      expect(cls.split(' ')).toContain(expected);
    });

  test('added, failed and dismissed states', async ({ page }) => {
    await openStore(page, { script: SCRIPT, body: failingHost });
    await page.getByRole('button', { name: 'Add Spare Blender Jar to cart' }).click();
    await expect(page.getByRole('status')).toHaveText("Couldn't add Spare Blender Jar. Try again.");
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Not interested in Spare Blender Jar' }).click();
    await expect(page.getByRole('article')).toHaveCount(1);
    expect(await axe(page)).toEqual([]);
  });

  test('added state', async ({ page }) => {
    await handleAdds(page);
    await openStore(page, { script: SCRIPT });
    await page.getByRole('button', { name: 'Upgrade to Blender Pro' }).click();
    await expect(page.getByRole('button', { name: 'Upgrade to Blender Pro: Added' })).toBeVisible();
    expect(await axe(page)).toEqual([]);
  });

  test('right-to-left page at 320 px wide', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await openStore(page, { script: SCRIPT, html: 'dir="rtl"' });
    await expect(page.getByRole('article')).toHaveCount(2);
    expect(await page.locator('[data-offerwise]').evaluate((el) => el.shadowRoot!.querySelector('section')!.dir)).toBe('rtl');
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(scroll).toBeLessThanOrEqual(0);
    expect(await axe(page)).toEqual([]);
  });

  test('every button is at least 24×24 px', async ({ page }) => {
    await openStore(page, { script: SCRIPT });
    const buttons = page.getByRole('button');
    await expect(buttons).toHaveCount(4);
    for (const button of await buttons.all()) {
      const box = (await button.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(24);
      expect(box.height).toBeGreaterThanOrEqual(24);
    }
  });
});

test('control: axe does look inside the shadow root (a store theme with poor contrast is caught)', async ({ page }) => {
  await openStore(page, {
    script: SCRIPT,
    head: '<style>[data-offerwise]{--offerwise-muted:#d8d8d8}</style>',
    body: '<div data-offerwise></div>',
  });
  await expect(page.getByRole('article')).toHaveCount(2);
  expect((await axe(page)).join('\n')).toContain('color-contrast');
});

test('keyboard: an add that changes the page\'s cart (a GA4 add_to_cart push) keeps focus in the section', async ({ page }) => {
  await openStore(page, {
    script: { placement: 'cart', orders: '2' },
    // The cart comes from the dataLayer, and the store's add handler pushes add_to_cart, as
    // GA4-tagged stores do: the added product is then in the cart, so its card goes.
    head: `<script>window.dataLayer = [{ event: 'view_cart', ecommerce: { items: [{ item_id: 'coffee-machine', quantity: 1 }] } }];
      document.addEventListener('offerwise:add', (e) => e.detail.waitUntil(Promise.resolve().then(() =>
        dataLayer.push({ ecommerce: null }, { event: 'add_to_cart', ecommerce: { items: [{ item_id: 'coffee-machine', quantity: 1 }, { item_id: e.detail.productId, quantity: 1 }] } }))));</script>`,
  });
  const add = page.getByRole('button', { name: 'Add Descaler to cart' });
  await add.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'Descaler' })).toHaveCount(0);
  const focused = () => page.locator('[data-offerwise]').evaluate((el) => el.shadowRoot!.activeElement?.tagName ?? document.activeElement?.tagName);
  await expect.poll(focused).toBe('H2');
});
