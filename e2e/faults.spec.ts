import { expect, test, type Page } from '@playwright/test';
import { CATALOG, events, lastOffers, openStore, renders, watchConsole } from './helpers';

const PRODUCT = { placement: 'product', product: 'coffee-machine', orders: '1' };

/** Serve a catalog body at a path for this page. */
async function catalogAt(page: Page, path: string, body: string, status = 200) {
  await page.route(`**${path}`, (route) => route.fulfill({ status, contentType: 'application/json', body }));
}

test.describe('a broken catalog renders nothing and says why', () => {
  for (const [name, body, status, code] of [
    ['404', 'not found', 404, 'catalog-fetch'],
    ['bad JSON', '{"version": 1, "products": [', 200, 'catalog-invalid'],
    ['wrong version', '{"version": 2, "products": []}', 200, 'catalog-invalid'],
    ['products not an array', '{"version": 1, "products": {}}', 200, 'catalog-invalid'],
  ] as const) {
    test(name, async ({ page }) => {
      const seen = watchConsole(page);
      await catalogAt(page, '/broken/catalog.json', body, status);
      await openStore(page, { script: { ...PRODUCT, catalog: '/broken/catalog.json' } });
      await renders(page);
      const [error] = await events(page, 'error');
      expect(error!.detail).toMatchObject({ placement: 'product', code });
      expect(String(error!.detail.message)).toContain('/broken/catalog.json');
      await expect(page.getByRole('region')).toHaveCount(0);
      expect(seen.warnings.some((w) => w.includes('/broken/catalog.json'))).toBe(true);
      expect(seen.errors).toEqual([]);
    });
  }

  test('no data-catalog at all', async ({ page }) => {
    const seen = watchConsole(page);
    await openStore(page, { script: { catalog: '' } });
    await renders(page);
    const [error] = await events(page, 'error');
    expect(error!.detail).toMatchObject({ code: 'config' });
    expect(seen.errors).toEqual([]);
  });
});

test('a partial catalog: the bad product and link are skipped alone, one warning each', async ({ page }) => {
  const seen = watchConsole(page);
  const catalog = {
    version: 1,
    currency: 'USD',
    products: [
      { id: 'coffee-machine', title: 'Coffee Machine', price: 249, url: '/p/coffee-machine' },
      { id: 'descaler', title: 'Descaler', price: 12, url: '/p/descaler' },
      { id: 'evil', title: 'Evil', price: 5, url: 'JaVaScRiPt:alert(1)' },
      { id: 'filters', title: 'Filters', price: 'nine', url: '/p/filters' },
    ],
    links: [
      { from: 'coffee-machine', to: 'descaler', kind: 'cross-sell' },
      { from: 'coffee-machine', to: 'evil', kind: 'cross-sell' },
      { from: 'coffee-machine', to: 'nowhere', kind: 'cross-sell' },
    ],
  };
  await catalogAt(page, '/partial/catalog.json', JSON.stringify(catalog));
  await openStore(page, { script: { ...PRODUCT, catalog: '/partial/catalog.json' } });
  expect(await lastOffers(page)).toEqual(['descaler']);
  const catalogWarnings = seen.warnings.filter((w) => w.startsWith('[offerwise] catalog'));
  expect(catalogWarnings).toHaveLength(4);
  expect(catalogWarnings.join('\n')).toMatch(/products\[2\].*"evil".*url/);
  expect(catalogWarnings.join('\n')).toMatch(/products\[3\].*"filters".*price/);
  expect(catalogWarnings.join('\n')).toMatch(/links\[1\]/);
  expect(catalogWarnings.join('\n')).toMatch(/links\[2\]/);
  expect(await events(page, 'error')).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('unknown product ids in the page context render nothing, quietly', async ({ page }) => {
  const seen = watchConsole(page);
  await openStore(page, { script: { placement: 'cart', cart: 'ghost:1,phantom:2' } });
  expect(await lastOffers(page)).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('garbage attributes get the default and one [offerwise] warning each', async ({ page }) => {
  const seen = watchConsole(page);
  await openStore(page, {
    script: { ...PRODUCT, max: '7', theme: 'purple', 'heading-level': '9', 'price-sensitive': 'maybe', placement: 'homepage' },
  });
  await renders(page);
  expect(await lastOffers(page)).toEqual(['descaler', 'coffee-filters']); // defaults: product page, max 2
  for (const [attribute, value] of [
    ['data-max', '7'],
    ['data-theme', 'purple'],
    ['data-heading-level', '9'],
    ['data-price-sensitive', 'maybe'],
    ['data-placement', 'homepage'],
  ]) {
    expect(seen.warnings.filter((w) => w.includes(`${attribute}="${value}"`))).toHaveLength(1);
  }
  await expect(page.getByRole('heading', { level: 2, name: 'Goes well with this' })).toBeVisible();
});

test('broken image URLs leave a neutral placeholder', async ({ page }) => {
  const catalog = {
    version: 1,
    products: [
      { id: 'a', title: 'Anchor', price: 100, url: '/p/a' },
      { id: 'b', title: 'Bee', price: 10, url: '/p/b', image: '/missing.png' },
    ],
    links: [{ from: 'a', to: 'b', kind: 'cross-sell' }],
  };
  await catalogAt(page, '/img/catalog.json', JSON.stringify(catalog));
  await openStore(page, { script: { placement: 'product', product: 'a', catalog: '/img/catalog.json' } });
  const img = page.getByRole('article', { name: 'Bee' }).locator('img');
  await expect(img).toHaveAttribute('data-broken', '');
  await expect(img).toBeHidden();
});

test('the catalog is fetched once for several slots', async ({ page }) => {
  let fetches = 0;
  await page.route(`**${CATALOG}`, async (route) => {
    fetches++;
    await route.continue();
  });
  await openStore(page, {
    script: PRODUCT,
    body: '<div data-offerwise></div><div data-offerwise data-placement="post-purchase" data-cart="blender-basic:1"></div>',
  });
  await renders(page, 2);
  expect(fetches).toBe(1);
});
