import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openStore } from './helpers';

// README (Theming): data-theme="light" or "dark" picks the palette, and the section paints
// its own surface, so either theme keeps its contrast on a light or a dark store page.
// embed.md §4: WCAG 2.2 AA, axe-core finds no violation. Same axe set-up as a11y.spec.ts.

const WCAG22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Violations on the whole page, and how many checked nodes sat in the widget's shadow root. */
async function axe(page: Page): Promise<{ violations: string[]; widgetContrastChecks: number }> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG22_AA)
    .options({ rules: { 'target-size': { enabled: true } } })
    .analyze();
  // A node inside a shadow root has a target that is a list of selectors (host, then inner).
  const inWidget = (target: unknown[]) => Array.isArray(target[0]) && String((target[0] as string[])[0]).includes('data-offerwise');
  const contrast = results.passes.find((p) => p.id === 'color-contrast');
  return {
    violations: results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`),
    widgetContrastChecks: contrast ? contrast.nodes.filter((n) => inWidget(n.target as unknown[])).length : 0,
  };
}

const SCRIPT = { placement: 'product', product: 'blender-basic', orders: '2' };
const CART_HANDLER = `<script>document.addEventListener('offerwise:add', (e) => e.detail.waitUntil(Promise.resolve()));</script>`;

const HOSTS = {
  white: { style: '<style>html,body{background:#fff;color:#111}</style>', background: 'rgb(255, 255, 255)' },
  dark: { style: '<style>html,body{background:#111;color:#eee}</style>', background: 'rgb(17, 17, 17)' },
};
/** The section's own surface (README: --offerwise-surface defaults to --offerwise-bg). */
const SURFACE = { light: 'rgb(255, 255, 255)', dark: 'rgb(27, 31, 36)' };

test.describe('themes on light and dark host pages: axe-core WCAG 2.2 AA', () => {
  for (const [host, { style, background }] of Object.entries(HOSTS))
    for (const theme of ['light', 'dark'] as const)
      test(`data-theme="${theme}" on a ${host} page`, async ({ page }) => {
        await openStore(page, { script: { ...SCRIPT, theme }, head: style, body: CART_HANDLER });
        await expect(page.getByRole('article')).toHaveCount(2);
        await expect(page.getByRole('region', { name: 'Goes well with this' })).toBeVisible();

        // The host page is what the case says, and the widget paints its theme's own surface.
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
        const section = await page.locator('[data-offerwise]').evaluate((el) => {
          const s = el.shadowRoot!.querySelector('section')!;
          return { dark: s.classList.contains('dark'), background: getComputedStyle(s).backgroundColor };
        });
        expect(section).toEqual({ dark: theme === 'dark', background: SURFACE[theme] });

        const first = await axe(page);
        expect(first.violations).toEqual([]);
        // axe did look inside the shadow root: the cards' texts were contrast-checked.
        expect(first.widgetContrastChecks).toBeGreaterThan(3);

        // The added state ("Added", the success colour, the live region) keeps the bar too.
        await page.getByRole('button', { name: 'Upgrade to Blender Pro' }).click();
        await expect(page.getByRole('button', { name: 'Upgrade to Blender Pro: Added' })).toBeVisible();
        expect((await axe(page)).violations).toEqual([]);
      });
});
