import { expect, test } from '@playwright/test';
import { events, lastOffers, openStore, renders, watchConsole } from './helpers';

const PRODUCT = { placement: 'product', product: 'coffee-machine', orders: '1' };

/** A store script that does the cart work in `offerwise:add` and reports through waitUntil. */
const cartHost = (outcome: 'resolve' | 'reject', delayMs = 300) => `<script>
  window.cartCalls = [];
  document.addEventListener('offerwise:add', (e) => {
    window.cartCalls.push({ productId: e.detail.productId, quantity: e.detail.quantity, action: e.detail.action });
    e.detail.waitUntil(new Promise((resolve, reject) =>
      setTimeout(() => ${outcome === 'resolve' ? 'resolve()' : "reject(new Error('Sold out'))"}, ${delayMs})));
  });
</script>`;

test.describe('add to cart (embed.md §6)', () => {
  test('success through waitUntil: progress, then added, announced; offerwise:added dispatched', async ({ page }) => {
    const seen = watchConsole(page);
    await openStore(page, { script: PRODUCT, body: cartHost('resolve') });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('button', { name: 'Add Descaler to cart: Adding…' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add Descaler to cart: Added' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('Descaler added to cart');
    expect(await page.evaluate(() => (window as unknown as { cartCalls: unknown[] }).cartCalls)).toEqual([
      { productId: 'descaler', quantity: 1, action: 'add' },
    ]);
    const [added] = await events(page, 'added');
    expect(added!.detail).toMatchObject({ placement: 'product', productId: 'descaler', offer: { productId: 'descaler', position: 1 } });
    expect(await events(page, 'error')).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test('failure through waitUntil: "try again", offerwise:error, and the retry works', async ({ page }) => {
    await openStore(page, { script: PRODUCT, body: cartHost('reject', 50) });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('status')).toHaveText("Couldn't add Descaler. Try again.");
    const card = page.getByRole('article', { name: 'Descaler' });
    await expect(card).toContainText("Couldn't add Descaler. Try again.");
    const [error] = await events(page, 'error');
    expect(error!.detail).toMatchObject({ placement: 'product', code: 'add-failed', message: 'Sold out', offer: { productId: 'descaler' } });
    const retry = page.getByRole('button', { name: 'Add Descaler to cart' });
    await expect(retry).not.toHaveAttribute('aria-disabled', 'true');
    await retry.click();
    await expect.poll(async () => (await events(page, 'add')).length).toBe(2);
  });

  test('offerwise:add is cancelable and carries everything a host needs', async ({ page }) => {
    await openStore(page, {
      script: PRODUCT,
      body: `<script>document.addEventListener('offerwise:add', (e) => {
        window.addInfo = { cancelable: e.cancelable, bubbles: e.bubbles, composed: e.composed, hasWaitUntil: typeof e.detail.waitUntil };
        e.preventDefault();
      });</script>`,
    });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('status')).toHaveText('Descaler added to cart');
    expect(await page.evaluate(() => (window as unknown as { addInfo: unknown }).addInfo)).toEqual({
      cancelable: true,
      bubbles: true,
      composed: true,
      hasWaitUntil: 'function',
    });
  });
});

test.describe('dismiss', () => {
  test('removes the card, moves focus to the next card, and is remembered after reload', async ({ page }) => {
    await openStore(page, { script: PRODUCT });
    await page.getByRole('button', { name: 'Not interested in Descaler' }).click();
    await expect(page.getByRole('article', { name: 'Descaler' })).toHaveCount(0);
    await expect(page.getByRole('article', { name: 'Paper Filters (200)' })).toBeFocused();
    const [dismiss] = await events(page, 'dismiss');
    expect(dismiss!.detail).toMatchObject({ placement: 'product', offer: { productId: 'descaler', position: 1 } });
    const stored = await page.evaluate(() => localStorage.getItem('offerwise'));
    expect(JSON.parse(stored!)).toMatchObject({ v: 1, dismissed: { descaler: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) } });

    await page.reload();
    await renders(page);
    expect(await lastOffers(page)).toEqual(['coffee-filters']);
  });

  test('a dismissal older than 30 days is forgotten', async ({ page }) => {
    await page.addInitScript(() =>
      localStorage.setItem('offerwise', JSON.stringify({ v: 1, dismissed: { descaler: '2020-01-01' } })),
    );
    await openStore(page, { script: PRODUCT });
    expect(await lastOffers(page)).toEqual(['descaler', 'coffee-filters']);
  });

  test('data-consent="false": nothing is written to storage, yet the page view remembers', async ({ page }) => {
    await openStore(page, { script: { ...PRODUCT, consent: 'false' } });
    await page.getByRole('button', { name: 'Not interested in Descaler' }).click();
    await expect(page.getByRole('article', { name: 'Descaler' })).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.evaluate(() => (window as unknown as { Offerwise: { refresh(): Promise<void> } }).Offerwise.refresh());
    expect(await lastOffers(page)).toEqual(['coffee-filters']);
  });

  test('corrupted storage is survived', async ({ page }) => {
    const seen = watchConsole(page);
    await page.addInitScript(() => localStorage.setItem('offerwise', '{not json'));
    await openStore(page, { script: PRODUCT });
    expect(await lastOffers(page)).toEqual(['descaler', 'coffee-filters']);
    expect(seen.errors).toEqual([]);
  });
});

test.describe('keyboard only', () => {
  test('add and dismiss with Tab, Enter and Space; focus stays visible', async ({ page }) => {
    await openStore(page, { script: PRODUCT, body: cartHost('resolve', 20) });
    await page.getByRole('article').first().waitFor();
    const focused = () => page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el ? `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim()}` : '';
    });
    // Tab from the top of the page into the widget: title link, primary button, dismiss.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('a:Descaler');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('button:Add Descaler to cart');
    const outline = await page.getByRole('button', { name: 'Add Descaler to cart' }).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText('Descaler added to cart');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('button:Not interested in Descaler');
    await page.keyboard.press('Space');
    await expect(page.getByRole('article', { name: 'Descaler' })).toHaveCount(0);
    await expect(page.getByRole('article', { name: 'Paper Filters (200)' })).toBeFocused();
    await page.keyboard.press('Tab'); // into the remaining card
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('button:Add Paper Filters (200) to cart');
    await page.keyboard.press('Space');
    await expect(page.getByRole('status')).toHaveText('Paper Filters (200) added to cart');
  });
});
