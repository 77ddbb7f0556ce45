import { expect, test, type Page } from '@playwright/test';
import { CATALOG, openStore, renders } from './helpers';

// Cumulative Layout Shift caused by the widget on a product page with content below the slot.
// The cards arrive after the catalog request, so a slot that reserves no space pushes the
// content below it down. The measured value is recorded as an annotation of the test.
// The catalog answers after 500 ms so the page has painted before the cards come, as on a
// real network (a shift before the first paint is not a shift).

const PRODUCT = { placement: 'product', product: 'blender-basic', orders: '2' }; // two cards

const PAGE = `
<div id="product">
  <h2>Blender Basic</h2>
  <p>$70.00</p>
  <button type="button">Add to cart</button>
</div>
<div data-offerwise></div>
<section id="below">
  <h2>Description</h2>
  <p>A 600 W blender with a 1.5 l jar. This paragraph sits below the offers and is in view.</p>
</section>`;

interface Shift {
  value: number;
  sources: string[];
}

/** Record layout shifts (not caused by input) from the start of the page. */
async function observeShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: Shift[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] })[]) {
        if (e.hadRecentInput) continue;
        w.__shifts.push({
          value: e.value,
          sources: (e.sources ?? []).map((s) => (s.node instanceof Element ? s.node.id || s.node.tagName.toLowerCase() : String(s.node?.nodeName))),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** Open the product page, let the cards arrive and settle, and return the shifts and the slot's height. */
async function measure(page: Page, head: string): Promise<{ cls: number; shifts: Shift[]; slotHeight: number; firstPaintBeforeCards: boolean }> {
  await page.route(`**${CATALOG}`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue().catch(() => undefined);
  });
  await observeShifts(page);
  await openStore(page, { script: PRODUCT, head, body: PAGE });
  await renders(page);
  await expect(page.getByRole('article')).toHaveCount(2);
  // Let images decode and a few frames pass so every shift is reported.
  await page.evaluate(() => new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(resolve)), 500)));
  return page.evaluate(() => {
    const shifts = (window as unknown as { __shifts: Shift[] }).__shifts;
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      cls: shifts.reduce((sum, s) => sum + s.value, 0),
      shifts,
      slotHeight: document.querySelector('[data-offerwise]')!.getBoundingClientRect().height,
      firstPaintBeforeCards: Boolean(paint),
    };
  });
}

const report = (name: string, value: unknown) => {
  test.info().annotations.push({ type: name, description: JSON.stringify(value) });
};

test('without reserved space the cards push the content below them down (CLS > 0, recorded)', async ({ page }) => {
  const m = await measure(page, '');
  report('CLS (no reserved space)', m);
  expect(m.firstPaintBeforeCards).toBe(true);
  expect(m.cls).toBeGreaterThan(0);
  expect(m.shifts.flatMap((s) => s.sources)).toContain('below');
});

test('a slot that reserves its space (README, "Layout shift") causes no layout shift', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const m = await measure(page, '<style>[data-offerwise]{min-height:300px;display:flow-root}</style>');
  report('CLS (reserved space)', m);
  expect(m.firstPaintBeforeCards).toBe(true);
  expect(m.cls).toBe(0);
});
