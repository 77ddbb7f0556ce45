import { expect, test, type Page } from '@playwright/test';
import { handleAdds, openStore, watchConsole, type StoreOptions } from './helpers';

// README "Theming" and embed.md §4: everything renders in a shadow root with inherited styles
// reset, sizes in px/em, so a store's aggressive CSS and polluted prototypes change nothing.

const PRODUCT = { placement: 'product', product: 'blender-basic', orders: '2' };

/** The same absolutely placed 640 px box on both pages, so both screenshots share size and subpixel offset. */
const FRAME = '<style>#wrap{position:absolute;top:160px;left:24px;width:640px}</style>';
const SLOT = '<aside id="wrap"><div id="slot" data-offerwise></div></aside>';

const HOSTILE_HEAD = `
<style>
  html { font-size: 62.5% }
  * { margin: 0 !important; padding: 0 !important; box-sizing: content-box !important; color: red !important; font-family: serif !important }
  div { all: unset }
  button { display: none }
</style>
<script>
  Object.prototype.polluted = 'yes';
  Object.prototype.placement = 'cart';
  // Optional fields of links, products, offers and the shopper (issue: hostile pages):
  // read through the prototype, each of these would empty or change the cards.
  Object.prototype.placements = ['account'];
  Object.prototype.segments = ['vip'];
  Object.prototype.minCartValue = 1e9;
  Object.prototype.priceSensitive = true;
  Object.prototype.reorder = true;
  Object.prototype.reason = 'Polluted reason';
  Object.prototype.replenishDays = 1;
</script>`;

/** What a shopper sees in the slot, read from the DOM. */
const shown = (page: Page) =>
  page.locator('#slot').evaluate((slot) => {
    const root = slot.shadowRoot!;
    return {
      heading: root.querySelector('.heading')?.textContent,
      cards: [...root.querySelectorAll('article')].map((a) => a.getAttribute('data-product-id')),
      buttons: [...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? b.textContent),
      texts: [...root.querySelectorAll('.card p')].map((p) => p.textContent),
    };
  });

async function openReady(page: Page, options: StoreOptions): Promise<void> {
  await openStore(page, { script: PRODUCT, body: SLOT, ...options, head: FRAME + (options.head ?? '') });
  await expect(page.locator('#slot').getByRole('article')).toHaveCount(2);
  await expect
    .poll(() => page.locator('#slot').evaluate((s) => [...s.shadowRoot!.querySelectorAll('img')].every((i) => i.complete && i.naturalWidth > 0)))
    .toBe(true);
}

/** Share of pixels that differ between two same-sized PNGs (decoded by the browser's canvas). */
async function pixelDiff(page: Page, a: Buffer, b: Buffer): Promise<{ size: string; ratio: number }> {
  return page.evaluate(async ([a64, b64]) => {
    const load = async (b64: string) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return { w: c.width, h: c.height, data: ctx.getImageData(0, 0, c.width, c.height).data };
    };
    const [x, y] = await Promise.all([load(a64), load(b64)]);
    if (x.w !== y.w || x.h !== y.h) return { size: `${x.w}×${x.h} vs ${y.w}×${y.h}`, ratio: 1 };
    let differing = 0;
    for (let i = 0; i < x.data.length; i += 4) {
      const d = Math.max(...[0, 1, 2, 3].map((k) => Math.abs(x.data[i + k]! - y.data[i + k]!)));
      if (d > 16) differing++;
    }
    return { size: `${x.w}×${x.h}`, ratio: differing / (x.w * x.h) };
  }, [a.toString('base64'), b.toString('base64')] as const);
}

test('a hostile store (rem, !important resets, all:unset, hidden buttons, polluted prototypes) changes nothing', async ({ page, context }, testInfo) => {
  await openReady(page, {});
  const cleanShot = await page.locator('#slot').screenshot({ animations: 'disabled', caret: 'hide' });
  const cleanShown = await shown(page);

  const hostile = await context.newPage();
  const seen = watchConsole(hostile);
  await handleAdds(hostile);
  await openReady(hostile, { head: HOSTILE_HEAD });
  const hostileShot = await hostile.locator('#slot').screenshot({ animations: 'disabled', caret: 'hide' });
  await testInfo.attach('clean.png', { body: cleanShot, contentType: 'image/png' });
  await testInfo.attach('hostile.png', { body: hostileShot, contentType: 'image/png' });

  // The same offers, text and buttons (the polluted Object.prototype.placement did not turn
  // the product page into a cart, nor .placements = ['account'] leave it empty).
  expect(await shown(hostile)).toEqual(cleanShown);
  expect(cleanShown.cards).toEqual(['blender-pro', 'blender-jar']);
  expect(cleanShown.heading).toBe('Goes well with this');

  // Every button is still shown and at least 24×24 px.
  const buttons = hostile.locator('#slot').getByRole('button');
  await expect(buttons).toHaveCount(4);
  for (const button of await buttons.all()) {
    await expect(button).toBeVisible();
    const box = (await button.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);
  }

  // Pixel for pixel the same cards: byte-identical PNGs, or at most 0.1% of pixels off (antialiasing).
  if (!cleanShot.equals(hostileShot)) {
    const diff = await pixelDiff(page, cleanShot, hostileShot);
    expect(diff.ratio, `clean vs hostile screenshot (${diff.size})`).toBeLessThanOrEqual(0.001);
  }

  // The cards still work on that page.
  await hostile.getByRole('button', { name: 'Add Spare Blender Jar to cart' }).click();
  await expect(hostile.getByRole('status')).toHaveText('Spare Blender Jar added to cart');
  expect(seen.errors).toEqual([]);
  expect(seen.warnings).toEqual([]);
});

test('a page that pollutes Array.prototype.toJSON (old Prototype.js style) still gets its offers', async ({ page }) => {
  const seen = watchConsole(page);
  await openStore(page, {
    script: { placement: 'product', product: 'blender-basic', orders: '2' },
    head: '<script>Array.prototype.toJSON = function () { return "x"; };</script>',
  });
  await expect(page.getByRole('article')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Upgrade to Blender Pro' })).toBeVisible();
  expect(seen.warnings).toEqual([]);
  expect(seen.errors).toEqual([]);
});
