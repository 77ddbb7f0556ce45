import { expect, test } from '@playwright/test';
import { CATALOG, events, handleAdds, openStore, renders, watchConsole } from './helpers';

// README "Attributes": every value is parsed and whitelisted; an invalid value falls back to
// the default and writes ONE console warning starting with [offerwise] that names the
// attribute and the value. Here every attribute of the README's table is garbage at once.
// (faults.spec.ts checks five of them; this covers the whole table.)

/** Every attribute of the README's table, with a value its rule rejects. */
const GARBAGE: Record<string, string> = {
  catalog: 'javascript:alert(1)', // not http(s) or relative
  endpoint: 'javascript:alert(2)',
  placement: 'homepage',
  product: 'p'.repeat(129), // over 128 characters
  cart: 'descaler:lots', // qty not a whole number: the whole list is rejected
  'order-id': 'o'.repeat(129), // over 128 characters
  'order-value': '-5', // below 0
  owned: 'descaler@2026-02-30', // not a real day
  orders: '3.5', // not a whole number (a lax parser would say 3: a returning shopper)
  spent: 'lots',
  'last-order': '2025-13-01',
  'price-sensitive': 'maybe',
  max: '7',
  'free-shipping': 'free',
  locale: 'not a locale!',
  currency: 'DOLLARS',
  theme: 'purple',
  'heading-level': '9',
  'cart-adapter': 'magento', // neither built in nor a URL template with {id}
  holdout: '75', // over 50
  beacon: 'javascript:void(0)',
  consent: 'nope',
  target: '#offers[', // not even a valid selector
};

test('every attribute with a garbage value gets its default and exactly one [offerwise] warning naming it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const seen = watchConsole(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await handleAdds(page);
  await openStore(page, {
    script: GARBAGE,
    // Two slots override only the catalog and the product, so every other garbage default of
    // the script tag reaches them; the bare third slot inherits the garbage catalog and product.
    body: `<div id="coffee" data-offerwise data-catalog="${CATALOG}" data-product="coffee-machine"></div>
           <div id="blender" data-offerwise data-catalog="${CATALOG}" data-product="blender-basic"></div>
           <div id="bare" data-offerwise></div>`,
  });
  await renders(page, 3);

  // The warnings: one per attribute (three slots read the script tag's garbage; still one each).
  for (const [name, value] of Object.entries(GARBAGE)) {
    const naming = seen.warnings.filter((w) => w.includes(`data-${name}="`));
    expect(naming, `warnings naming data-${name}`).toHaveLength(1);
    expect(naming[0]).toContain(value.length > 80 ? value.slice(0, 77) : value);
  }
  expect(seen.warnings.every((w) => w.startsWith('[offerwise] data-'))).toBe(true);
  expect(seen.warnings).toHaveLength(Object.keys(GARBAGE).length);
  expect(seen.errors).toEqual([]);

  // The defaults, where a shopper or the store can see them.
  const byslot = Object.fromEntries((await events(page, 'render')).map((e) => [e.slot, e.detail]));
  // placement product; max 2; cart and owned ignored whole (they named descaler);
  // orders, spent and last-order unknown: a new shopper, so no premium upgrade (Blender Pro);
  // price-sensitive false: the jar at 36% of the blender's price is still offered.
  expect(byslot.coffee).toMatchObject({ placement: 'product', offers: [{ productId: 'descaler' }, { productId: 'coffee-filters' }] });
  expect(byslot.blender).toMatchObject({ placement: 'product', offers: [{ productId: 'blender-jar' }] });
  expect(byslot.blender!.offers).toHaveLength(1);
  // catalog none: that slot renders nothing and says so (README: code "config").
  expect(byslot.bare).toEqual({ placement: 'product', offers: [] });
  expect((await events(page, 'error')).map((e) => [e.slot, e.detail.code])).toEqual([['bare', 'config']]);
  await expect(page.locator('#bare').getByRole('region')).toHaveCount(0);

  const coffee = page.locator('#coffee');
  // heading-level 2, locale from <html lang="en">, the catalog's USD, light theme (auto, light system).
  await expect(coffee.getByRole('heading', { level: 2, name: 'Goes well with this' })).toBeVisible();
  await expect(coffee.getByRole('article', { name: 'Descaler' })).toContainText('$12.00');
  expect(await coffee.evaluate((el) => el.shadowRoot!.querySelector('section')!.className)).toBe('ow light');
  // free-shipping none: no badge. holdout 0: cards show, no holdout event.
  await expect(page.getByText('Unlocks free shipping')).toHaveCount(0);
  expect(await events(page, 'holdout')).toEqual([]);
  // cart-adapter event: the add is an offerwise:add event the store handles, nothing navigates.
  await coffee.getByRole('button', { name: 'Add Descaler to cart' }).click();
  await expect(coffee.getByRole('status')).toHaveText('Descaler added to cart');
  expect((await events(page, 'add')).map((e) => e.detail.productId)).toEqual(['descaler']);
  expect(new URL(page.url()).pathname).toBe('/e2e/fixtures/store.html');
  // consent true: a dismissal is remembered in localStorage.
  await coffee.getByRole('button', { name: 'Not interested in Paper Filters (200)' }).click();
  expect(JSON.parse((await page.evaluate(() => localStorage.getItem('offerwise')))!)).toMatchObject({ dismissed: { 'coffee-filters': expect.any(String) } });
  // endpoint and beacon none: the only requests are the page, the bundle, the catalog and images.
  expect([...new Set(requests)].sort()).toEqual(['/dist/offerwise.js', '/e2e/fixtures/catalog.json', '/e2e/fixtures/img.svg', '/e2e/fixtures/store.html']);
});
