import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { validateCatalog } from '../src/catalog/validate-catalog';
import { DEMO_PORT } from './playwright.config';

// The demo's link editor (demo/link-editor.html, built into dist-demo/): the merchant edits an
// anchor's links, sees offerwise validate's problems next to the fields, watches the built
// widget's cards follow in the preview (the edited catalog is served by MSW in the page), and
// downloads catalog.json.
const EDITOR = `http://127.0.0.1:${DEMO_PORT}/demo/link-editor.html`;

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

const preview = (page: Page): Locator => page.getByRole('region', { name: 'Live preview' });
const link = (page: Page, n: number): Locator => page.getByRole('group', { name: `Link ${n}`, exact: true });
const offered = (page: Page, n: number): Locator => link(page, n).getByRole('combobox', { name: 'Offered product' });

/** Open the editor on `anchor`, once MSW serves the edited catalog to the preview's slot. */
async function openEditor(page: Page, anchor: string): Promise<void> {
  await page.goto(EDITOR);
  await page.getByRole('combobox', { name: 'Anchor product' }).selectOption(anchor);
  await expect(page.locator('#preview-slot')).toHaveAttribute('data-catalog', /^\/demo-catalog\.json\?v=/);
}

test.describe('the link editor', () => {
  test.beforeEach(({ page }) => {
    page.on('pageerror', (error) => {
      throw error;
    });
  });

  test('adds a link, shows it in the preview, reports and clears an invalid field, and downloads a catalog that passes validate', async ({ page }) => {
    await openEditor(page, 'blender-basic');
    const cards = preview(page).getByRole('article');
    await expect(cards).toHaveCount(1);
    await expect(preview(page).getByRole('article', { name: 'Blender Pro' })).toBeVisible();

    await page.getByRole('button', { name: 'Add a link' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Link 3 added to Blender Basic.' })).toBeVisible();
    const to = offered(page, 3);
    await expect(to).toBeFocused();
    // A typo: the validator's words, tied to the field.
    await page.keyboard.type('cofee-descaler');
    await expect(to).toHaveAttribute('aria-invalid', 'true');
    await expect(to).toHaveAccessibleDescription('A product id of this catalog (to). unknown product "cofee-descaler" (did you mean "coffee-descaler"?)');
    await expect(page.locator('#catalog-validity')).toHaveText('1 problem: offerwise validate would fail. The widget skips each link or product with a problem.');

    // Fixed: the problem goes and the card comes.
    await to.fill('coffee-descaler');
    await expect(to).not.toHaveAttribute('aria-invalid', /./);
    await expect(to).toHaveAccessibleDescription('Descaler (2 doses), $14.00');
    await expect(page.locator('#catalog-validity')).toHaveText('No problems: it passes offerwise validate.');
    const descaler = preview(page).getByRole('article', { name: 'Descaler (2 doses)' });
    await expect(descaler).toBeVisible();
    await expect(cards).toHaveCount(2);

    // The reason is the card's line, as it is typed.
    await link(page, 3).getByRole('textbox', { name: 'Reason' }).fill('Keeps the blades turning freely');
    await expect(descaler).toContainText('Keeps the blades turning freely');

    // In the cart only: gone from the product page, there in the cart.
    const inCart = link(page, 3).getByRole('group', { name: 'Placements' }).getByRole('checkbox', { name: 'Cart' });
    await inCart.check();
    await expect(descaler).toHaveCount(0);
    await preview(page).getByRole('radio', { name: 'Cart' }).check();
    await expect(preview(page).getByRole('article', { name: 'Descaler (2 doses)' })).toBeVisible();
    await inCart.uncheck();

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download catalog.json' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('catalog.json');
    const saved: unknown = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(validateCatalog(saved)).toEqual([]);
    expect((saved as { links: unknown[] }).links).toContainEqual({
      from: 'blender-basic',
      to: 'coffee-descaler',
      kind: 'cross-sell',
      reason: 'Keeps the blades turning freely',
    });
    await expect(page.getByRole('status').filter({ hasText: 'catalog.json downloaded.' })).toBeVisible();
  });

  test('works by keyboard: an upsell\'s type, a removal that moves focus, and the preview follows', async ({ page }) => {
    await openEditor(page, 'skincare-starter');
    await expect(preview(page).getByRole('article', { name: 'Skincare Kit, Two-Month Size' })).toBeVisible();

    // Link 1 is the two-month size, a quantity upsell; make it a premium one from the keyboard.
    const kind = link(page, 1).getByRole('combobox', { name: 'Kind' });
    await expect(kind).toHaveValue('upsell');
    await offered(page, 1).focus();
    await page.keyboard.press('Tab');
    await expect(kind).toBeFocused();
    await page.keyboard.press('Tab');
    const upsell = link(page, 1).getByRole('combobox', { name: 'Upsell type' });
    await expect(upsell).toBeFocused();
    await expect(upsell).toHaveValue('quantity');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(upsell).toHaveValue('premium');

    // Remove link 1 from the keyboard: focus goes to the link that takes its place.
    await link(page, 1).getByRole('button', { name: 'Remove link 1' }).focus();
    await page.keyboard.press('Enter');
    await expect(offered(page, 1)).toBeFocused();
    await expect(offered(page, 1)).toHaveValue('spf-moisturizer');
    await expect(page.getByRole('status').filter({ hasText: 'Link 1 removed. 1 link from Skincare Starter Kit (1 month).' })).toBeVisible();
    await expect(preview(page).getByRole('article', { name: 'Skincare Kit, Two-Month Size' })).toHaveCount(0);
    await expect(preview(page).getByRole('article', { name: 'Daily SPF 30 Moisturizer' })).toBeVisible();

    // The last one: focus goes to "Add a link", and the preview says why it is empty.
    await page.getByRole('button', { name: 'Remove link 1' }).focus();
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Add a link' })).toBeFocused();
    await expect(preview(page).getByText('No card qualifies here')).toBeVisible();
    await expect(preview(page).getByRole('article')).toHaveCount(0);
  });

  test('a dropped catalog replaces the one edited, its problems by their fields; a file validate rejects shows its message; the page passes axe', async ({ page }) => {
    await openEditor(page, 'phone-x');
    // Dropped on the zone, as from a file manager: one good link, and one with two bad fields.
    const shop = {
      version: 1,
      currency: 'USD',
      products: [
        { id: 'blender-basic', title: 'Blender Basic', price: 69, url: '/products/blender-basic' },
        { id: 'pillows', title: 'Memory Foam Pillows (set of 2)', price: 49, url: '/products/pillows' },
        { id: 'blender-pro', title: 'Blender Pro', price: 99, url: '/products/blender-pro' },
      ],
      links: [
        { from: 'blender-basic', to: 'pillows', kind: 'cross-sell', reason: 'A smoothie, then a nap' },
        { from: 'blender-basic', to: 'blender-pro', kind: 'upsell', upsell: 'better', placements: ['home'] },
      ],
    };
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'shop.json', { type: 'application/json' }));
      return transfer;
    }, JSON.stringify(shop));
    await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByRole('status').filter({ hasText: 'Opened shop.json: 3 products, 2 links.' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Anchor product' })).toHaveValue('blender-basic');

    const upsell = link(page, 2).getByRole('combobox', { name: 'Upsell type' });
    await expect(upsell).toHaveAttribute('aria-invalid', 'true');
    await expect(upsell).toHaveAccessibleDescription('expected one of "tier", "premium", "quantity", "addon", got "better"');
    const placements = link(page, 2).getByRole('group', { name: 'Placements' });
    await expect(placements).toHaveAccessibleDescription(/None checked: every placement\. expected an array of "product", "cart", "checkout", "post-purchase", "account"/);
    // The widget skips the bad link and shows the good one.
    await expect(preview(page).getByRole('article', { name: 'Memory Foam Pillows (set of 2)' })).toContainText('A smoothie, then a nap');
    await expect(preview(page).getByRole('article')).toHaveCount(1);

    // Files validate rejects whole: its message, and the catalog being edited stays.
    const input = page.getByLabel('Open a catalog file');
    await input.setInputFiles({ name: 'old.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 2, "products": []}') });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('old.json was not opened; offerwise validate says:');
    await expect(alert).toContainText('version: expected 1, got 2');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await input.setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1,') });
    await expect(alert).toContainText(/cut\.json: not valid JSON \(.+\)/);
    await expect(page.getByText('Editing shop.json: 3 products, 2 links.')).toBeVisible();
    // With the refusal and the invalid fields on show.
    await axe(page);

    // Fixed from the controls: the upgrade card joins.
    await upsell.selectOption('premium');
    await placements.getByRole('checkbox', { name: 'Product page' }).check();
    await expect(page.locator('#catalog-validity')).toHaveText('No problems: it passes offerwise validate.');
    await expect(preview(page).getByRole('article', { name: 'Blender Pro' })).toBeVisible();

    // "Start over" brings the demo catalog back, and clears the refusal.
    await page.getByRole('button', { name: 'Start over from the demo catalog' }).click();
    await expect(page.getByText('Editing the demo catalog: 34 products, 41 links.')).toBeVisible();
    await expect(alert).toBeEmpty();
    await expect(input).not.toHaveAttribute('aria-invalid', /./);
  });
});

/** The whole page against WCAG 2.2 AA, target sizes included, as the other demo specs check. */
async function axe(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG)
    .options({ rules: { 'target-size': { enabled: true } } })
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
