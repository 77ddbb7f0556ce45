import { expect, test, type Page } from '@playwright/test';
import { CATALOG, events, handleAdds, openStore, renders, watchConsole } from './helpers';

// Faults a real store meets. For each: no page error, nothing half-rendered (either whole
// cards or an empty shadow root), and the store can tell what happened.
// (Twice-included and late-injected scripts are covered in slots.spec.ts; 404, bad JSON and
// a missing data-catalog in faults.spec.ts.)

const PRODUCT = { placement: 'product', product: 'coffee-machine', orders: '1' };

/** Serve a catalog object at a path for this page. */
async function catalogAt(page: Page, path: string, catalog: object): Promise<void> {
  await page.route(`**${path}`, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(catalog) }));
}

/** The slot holds nothing at all: no section, no heading, no box (embed.md §4). */
async function expectNothingRendered(page: Page): Promise<void> {
  await expect(page.getByRole('region')).toHaveCount(0);
  const slot = await page.locator('[data-offerwise]').evaluate((el) => ({
    children: el.shadowRoot?.children.length ?? 0,
    height: el.getBoundingClientRect().height,
  }));
  expect(slot).toEqual({ children: 0, height: 0 });
}

test.describe('catalog that does not arrive', () => {
  test('a catalog that stalls for 10 s: nothing is half-rendered meanwhile, and after 8 s offerwise:error and a warning say so', async ({ page }) => {
    test.setTimeout(25_000);
    const seen = watchConsole(page);
    await page.route(`**${CATALOG}`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      await route.continue().catch(() => undefined); // the request was given up on
    });
    await openStore(page, { script: PRODUCT });
    for (const wait of [1_000, 4_000]) {
      await page.waitForTimeout(wait);
      await expectNothingRendered(page);
    }
    // The host page stays usable meanwhile.
    expect(await page.evaluate(() => document.querySelector('h1')?.textContent)).toBe('Fixture store');
    await expect.poll(async () => (await events(page, 'error')).length, { timeout: 6_000 }).toBe(1);
    const [error] = await events(page, 'error');
    expect(error!.detail).toMatchObject({ placement: 'product', code: 'catalog-fetch' });
    expect(String(error!.detail.message)).toContain(CATALOG);
    expect(seen.warnings.some((w) => w.includes(CATALOG))).toBe(true);
    await expectNothingRendered(page);
    expect(seen.errors).toEqual([]);
  });

  test('offline after the page loaded: nothing renders, offerwise:error catalog-fetch and a warning name the URL', async ({ page, context }) => {
    const seen = watchConsole(page);
    // The HTML and the bundle arrive; the network drops just before the catalog request leaves.
    await page.route(`**${CATALOG}`, async (route) => {
      await context.setOffline(true);
      await route.continue().catch(() => route.abort('internetdisconnected'));
    });
    await openStore(page, { script: PRODUCT });
    await renders(page);
    const [error] = await events(page, 'error');
    expect(error!.detail).toMatchObject({ placement: 'product', code: 'catalog-fetch' });
    expect(String(error!.detail.message)).toMatch(/network error.*\/e2e\/fixtures\/catalog\.json/);
    expect(seen.warnings.filter((w) => w.includes('/e2e/fixtures/catalog.json'))).toHaveLength(1);
    await expectNothingRendered(page);
    expect(seen.errors).toEqual([]);
    await context.setOffline(false);
  });
});

test.describe('nothing left to offer', () => {
  test('every candidate out of stock: nothing renders; the render event and a warning say so', async ({ page }) => {
    const seen = watchConsole(page);
    await catalogAt(page, '/oos/catalog.json', {
      version: 1,
      currency: 'USD',
      products: [
        { id: 'anchor', title: 'Anchor', price: 100, url: '/p/anchor' },
        { id: 'b', title: 'Bee', price: 10, url: '/p/b', inStock: false },
        { id: 'c', title: 'Sea', price: 20, url: '/p/c', inStock: false },
        { id: 'd', title: 'Dee Pro', price: 150, url: '/p/d', inStock: false },
      ],
      links: [
        { from: 'anchor', to: 'b', kind: 'cross-sell' },
        { from: 'anchor', to: 'c', kind: 'cross-sell' },
        { from: 'anchor', to: 'd', kind: 'upsell' },
      ],
    });
    await openStore(page, { script: { placement: 'product', product: 'anchor', orders: '3', catalog: '/oos/catalog.json' } });
    const [render] = await renders(page);
    expect(render!.detail).toEqual({ placement: 'product', offers: [] });
    await expectNothingRendered(page);
    expect(await events(page, 'error')).toEqual([]);
    expect(seen.warnings).toEqual(['[offerwise] no offer qualifies on this product page']);
    expect(seen.errors).toEqual([]);
  });

  test('every candidate already in the cart: nothing renders; the render event and a warning say so', async ({ page }) => {
    const seen = watchConsole(page);
    await openStore(page, {
      script: { placement: 'product', product: 'blender-basic', orders: '3', cart: 'blender-pro:1,blender-jar:1' },
    });
    const [render] = await renders(page);
    expect(render!.detail).toEqual({ placement: 'product', offers: [] });
    await expectNothingRendered(page);
    expect(seen.warnings).toEqual(['[offerwise] no offer qualifies on this product page']);
    expect(seen.errors).toEqual([]);
  });
});

test.describe('awkward catalog data', () => {
  const words = 'Extra durable stainless steel replacement blade assembly for every blender ';
  const LONG_WORDS = words.repeat(3).slice(0, 200);
  const LONG_WORD = 'Supercalifragilisticexpialidocious'.repeat(6).slice(0, 200); // no break opportunity at all
  const LONG = {
    version: 1,
    currency: 'USD',
    products: [
      { id: 'anchor', title: 'Anchor', price: 100, url: '/p/anchor' },
      { id: 'words', title: LONG_WORDS, price: 10, url: '/p/words', image: '/e2e/fixtures/img.svg' },
      { id: 'word', title: LONG_WORD, price: 20, url: '/p/word' },
    ],
    links: [
      { from: 'anchor', to: 'words', kind: 'cross-sell', reason: 'x'.repeat(140) },
      { from: 'anchor', to: 'word', kind: 'cross-sell' },
    ],
  };

  for (const width of [1280, 320]) {
    test(`200-character titles at ${width} px: the text wraps inside the card, nothing overflows`, async ({ page }) => {
      expect(LONG_WORDS).toHaveLength(200);
      expect(LONG_WORD).toHaveLength(200);
      await page.setViewportSize({ width, height: 900 });
      const seen = watchConsole(page);
      await catalogAt(page, '/long/catalog.json', LONG);
      await openStore(page, { script: { placement: 'product', product: 'anchor', catalog: '/long/catalog.json' } });
      await expect(page.getByRole('article')).toHaveCount(2);
      await expect(page.getByRole('link', { name: LONG_WORD })).toBeVisible();
      const cards = await page.locator('[data-offerwise]').evaluate((slot) =>
        [...slot.shadowRoot!.querySelectorAll<HTMLElement>('.card')].map((card) => {
          const box = card.getBoundingClientRect();
          const title = card.querySelector<HTMLElement>('.title')!;
          const t = title.getBoundingClientRect();
          const lineHeight = parseFloat(getComputedStyle(title).lineHeight);
          const outside = [...card.querySelectorAll<HTMLElement>('*')].filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
          });
          return {
            overflowX: card.scrollWidth - card.clientWidth,
            titleOverflowX: title.scrollWidth - title.clientWidth,
            titleLines: Math.round(t.height / lineHeight),
            outside: outside.map((el) => el.className || el.tagName),
          };
        }),
      );
      for (const card of cards) {
        expect(card.overflowX).toBeLessThanOrEqual(0);
        expect(card.titleOverflowX).toBeLessThanOrEqual(0);
        expect(card.titleLines).toBeGreaterThan(1);
        expect(card.outside).toEqual([]);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      expect(seen.warnings).toEqual([]);
      expect(seen.errors).toEqual([]);
    });
  }

  test('an image is requested once, however often its card re-renders (even a broken one)', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => r.url().includes('/e2e/fixtures/') && /\.(png|svg)$/.test(r.url()) && requests.push(new URL(r.url()).pathname));
    await catalogAt(page, '/rerender/catalog.json', {
      version: 1,
      currency: 'USD',
      products: [
        { id: 'anchor', title: 'Anchor', price: 100, url: '/p/anchor' },
        { id: 'gone', title: 'Gone', price: 10, url: '/p/gone', image: '/e2e/fixtures/missing.png' }, // 404
        { id: 'fine', title: 'Fine', price: 20, url: '/p/fine', image: '/e2e/fixtures/img.svg' },
      ],
      links: [
        { from: 'anchor', to: 'gone', kind: 'cross-sell' },
        { from: 'anchor', to: 'fine', kind: 'cross-sell' },
      ],
    });
    await handleAdds(page);
    await openStore(page, { script: { placement: 'product', product: 'anchor', catalog: '/rerender/catalog.json' } });
    await expect(page.getByRole('article', { name: 'Gone' }).locator('img')).toHaveAttribute('data-broken', '');
    for (let i = 0; i < 3; i++)
      await page.evaluate(() => (window as unknown as { Offerwise: { refresh(): Promise<void> } }).Offerwise.refresh());
    await page.getByRole('button', { name: 'Add Fine to cart' }).click();
    await expect(page.getByRole('status')).toHaveText('Fine added to cart');
    await page.waitForTimeout(300);
    expect(requests.sort()).toEqual(['/e2e/fixtures/img.svg', '/e2e/fixtures/missing.png']);
  });

  test('broken image URLs: the image is hidden, the placeholder box keeps its colour and size, and a warning names the URL', async ({ page }) => {
    const seen = watchConsole(page);
    await catalogAt(page, '/broken-img/catalog.json', {
      version: 1,
      currency: 'USD',
      products: [
        { id: 'anchor', title: 'Anchor', price: 100, url: '/p/anchor' },
        { id: 'gone', title: 'Gone', price: 10, url: '/p/gone', image: '/e2e/fixtures/missing.png' }, // 404
        { id: 'garbled', title: 'Garbled', price: 20, url: '/p/garbled', image: '/e2e/fixtures/catalog.json' }, // not an image
      ],
      links: [
        { from: 'anchor', to: 'gone', kind: 'cross-sell' },
        { from: 'anchor', to: 'garbled', kind: 'cross-sell' },
      ],
    });
    await openStore(page, { script: { placement: 'product', product: 'anchor', catalog: '/broken-img/catalog.json' } });
    await expect(page.getByRole('article')).toHaveCount(2);
    for (const name of ['Gone', 'Garbled']) {
      const img = page.getByRole('article', { name }).locator('img');
      await expect(img).toHaveAttribute('data-broken', '');
      await expect(img).toBeHidden(); // visibility:hidden: no broken-image icon, no alt text drawn
      const box = await page.getByRole('article', { name }).locator('.img').evaluate((el) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return { background: s.backgroundColor, width: r.width, height: r.height };
      });
      expect(box).toEqual({ background: 'rgb(208, 215, 222)', width: 72, height: 72 }); // --offerwise-border
    }
    // …and the store's developer is told which image failed.
    await expect.poll(() => seen.warnings.filter((w) => w.startsWith('[offerwise] image failed to load:')).sort()).toEqual([
      '[offerwise] image failed to load: /e2e/fixtures/catalog.json',
      '[offerwise] image failed to load: /e2e/fixtures/missing.png',
    ]);
    expect(seen.errors).toEqual([]);
  });
});
