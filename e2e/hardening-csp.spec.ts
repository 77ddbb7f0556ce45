import { expect, test, type Page } from '@playwright/test';
import { handleAdds, measured, recordEvents, renders, storeHtml, watchConsole, type StoreOptions } from './helpers';

// embed.md §1: the widget works under a strict Content Security Policy (no 'unsafe-inline',
// no 'unsafe-eval'): styles go in through constructable stylesheets, nothing is evaluated.
// The policy is sent as a real response header; the event recorder and the violation
// listener are init scripts, which CSP does not govern.

const STRICT = "default-src 'self'; script-src 'self'; style-src 'self'";
const PRODUCT = { placement: 'product', product: 'blender-basic', orders: '2' };

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/** Serve a store page with a CSP header and collect every `securitypolicyviolation`. */
async function openWithCsp(page: Page, csp: string, options: StoreOptions = {}): Promise<void> {
  const path = '/e2e/fixtures/csp.html';
  await page.route(`**${path}`, (route) =>
    route.fulfill({
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp },
      body: storeHtml(options),
    }),
  );
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: Violation[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
    );
  });
  await recordEvents(page);
  await page.goto(path);
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

/** Computed styles of the rendered card and its primary button, read inside the shadow root. */
const cardStyles = (page: Page) =>
  page.locator('[data-offerwise]').evaluate((slot) => {
    const root = slot.shadowRoot!;
    const card = getComputedStyle(root.querySelector('.card')!);
    const primary = getComputedStyle(root.querySelector('button.primary')!);
    return {
      cardBorder: `${card.borderTopWidth} ${card.borderTopStyle} ${card.borderTopColor}`,
      cardRadius: card.borderTopLeftRadius,
      primaryBackground: primary.backgroundColor,
      primaryColor: primary.color,
      primaryMinHeight: primary.minHeight,
    };
  });

const STYLED = {
  cardBorder: '1px solid rgb(208, 215, 222)', // --offerwise-border
  cardRadius: '10px', // --offerwise-radius
  primaryBackground: 'rgb(11, 87, 208)', // --offerwise-accent #0b57d0
  primaryColor: 'rgb(255, 255, 255)', // --offerwise-accent-text
  primaryMinHeight: '40px',
};

test.describe('strict Content Security Policy (embed.md §1)', () => {
  test(`${STRICT}: no violation, the cards are fully styled`, async ({ page }) => {
    const seen = watchConsole(page);
    await openWithCsp(page, STRICT, { script: PRODUCT });
    await renders(page);
    await expect(page.getByRole('article')).toHaveCount(2);
    // An image from 'self' must load too (img-src falls back to default-src 'self').
    await expect
      .poll(() => page.locator('[data-offerwise]').evaluate((s) => [...s.shadowRoot!.querySelectorAll('img')].every((i) => i.complete && i.naturalWidth > 0)))
      .toBe(true);
    expect(await cardStyles(page)).toEqual(STYLED);
    expect(await violations(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.warnings).toEqual([]);
  });

  test("with require-trusted-types-for 'script' as well: no violation, the cards render styled", async ({ page }) => {
    const seen = watchConsole(page);
    await handleAdds(page);
    await openWithCsp(page, `${STRICT}; require-trusted-types-for 'script'`, { script: PRODUCT });
    await renders(page);
    await expect(page.getByRole('article')).toHaveCount(2);
    expect(await cardStyles(page)).toEqual(STYLED);
    // Acting on a card re-renders it (live region, button state): still no sink is touched.
    await page.getByRole('button', { name: 'Add Spare Blender Jar to cart' }).click();
    await expect(page.getByRole('status')).toHaveText('Spare Blender Jar added to cart');
    await page.getByRole('button', { name: 'Not interested in Blender Pro' }).click();
    await expect(page.getByRole('article')).toHaveCount(1);
    expect(await violations(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test('with an offers endpoint, a beacon and a GA4 dataLayer (same origin): no violation', async ({ page }) => {
    const seen = watchConsole(page);
    const beacons: string[] = [];
    await page.route('**/csp-offers', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          offers: [
            {
              kind: 'upsell',
              action: 'add',
              anchor: 'blender-basic',
              anchorTitle: 'Blender Basic',
              reason: 'Stronger motor',
              product: { id: 'blender-pro', title: 'Blender Pro', price: 100, url: '/p/blender-pro', image: '/e2e/fixtures/img.svg' },
            },
          ],
        }),
      }),
    );
    await page.route('**/csp-beacon', (route) => (beacons.push(route.request().postData() ?? ''), route.fulfill({ status: 204 })));
    await openWithCsp(page, `${STRICT}; require-trusted-types-for 'script'`, {
      script: { ...PRODUCT, endpoint: '/csp-offers', beacon: '/csp-beacon' },
      head: '<script src="/e2e/fixtures/data-layer.js"></script>',
    });
    await renders(page);
    await expect(page.getByRole('article')).toHaveCount(1);
    await measured(page);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => beacons.length).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { dataLayer: { event?: string }[] }).dataLayer.map((e) => e.event))).toContain('view_item_list');
    expect(await violations(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test('control: the listener does see a violation the policy causes', async ({ page }) => {
    // Proves the empty lists above mean something: an inline style attribute set as a string
    // on the page is reported through the same listener.
    await openWithCsp(page, STRICT, { script: PRODUCT });
    await renders(page);
    await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
    await expect.poll(async () => (await violations(page)).map((v) => v.directive)).toContain('style-src-attr');
  });

  test('control: Trusted Types are enforced on the page (a string into innerHTML is refused)', async ({ page }) => {
    await openWithCsp(page, `${STRICT}; require-trusted-types-for 'script'`, { script: PRODUCT });
    await renders(page);
    const threw = await page.evaluate(() => {
      try {
        document.body.innerHTML = '<p>x</p>';
        return false;
      } catch {
        return true;
      }
    });
    expect(threw).toBe(true);
    await expect.poll(async () => (await violations(page)).map((v) => v.directive)).toContain('require-trusted-types-for');
  });
});
