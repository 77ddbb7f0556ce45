import { expect, test } from '@playwright/test';
import { prepareWorkerd, startWorkerd, writeShardedCatalog, type RunningWorkerd, type ShardableDoc } from '../edge/cloudflare/run-workerd';
import { events, lastOffers, openStore, renders, watchConsole } from './helpers';
import catalog from './fixtures/catalog.json' with { type: 'json' };

// Fetch mode against the offers API on workerd (edge/cloudflare): the Worker reads the fixture
// catalog, sharded as `offerwise build --shard` writes it, from workerd's disk service, and
// answers the widget from another origin (another port), so every answer crosses CORS: the
// widget's JSON POST is preflighted, and the browser reads an answer only if the Worker allows
// the store's origin.

const PRODUCT = { placement: 'product', product: 'coffee-machine', orders: '1' };

let remove: (() => Promise<void>) | undefined;
/** Allows the fixture store's origin. */
let allowing: RunningWorkerd;
/** Allows another store only. */
let refusing: RunningWorkerd;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(30_000);
  const store = new URL(testInfo.project.use.baseURL!).origin;
  const prepared = await prepareWorkerd();
  remove = prepared.remove;
  const dir = await writeShardedCatalog(prepared.dir, 'catalog', catalog as ShardableDoc, 8);
  [allowing, refusing] = await Promise.all([
    startWorkerd(prepared.dir, dir, [store]),
    startWorkerd(prepared.dir, dir, ['https://another-shop.example']),
  ]);
});

test.afterAll(async () => {
  await Promise.all([allowing?.stop(), refusing?.stop()]);
  await remove?.();
});

test.describe('fetch mode against the offers API on workerd (edge/cloudflare)', () => {
  test('renders cards from the Worker\'s answer, read across origins through its CORS headers', async ({ page, baseURL }) => {
    const endpoint = `${allowing.url}/offers`;
    const seen = watchConsole(page);
    const answer = page.waitForResponse((r) => r.url() === endpoint && r.request().method() === 'POST');
    // No data-catalog: the cards can only come from the Worker.
    await openStore(page, { script: { ...PRODUCT, catalog: '', endpoint } });
    const res = await answer;
    expect(res.status()).toBe(200);
    expect(res.headers()['access-control-allow-origin']).toBe(new URL(baseURL!).origin);
    expect(res.headers()['vary']).toBe('Origin');

    await expect(page.getByRole('article', { name: 'Descaler' })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Paper Filters (200)' })).toBeVisible();
    // What the widget computes from the whole catalog in the page (fetch-mode.spec.ts).
    expect(await lastOffers(page)).toEqual(['descaler', 'coffee-filters']);
    expect(await events(page, 'error')).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(allowing.output()).not.toContain('[offerwise]');
  });

  test('a store origin the Worker does not allow cannot read it: offerwise:error, and no cards', async ({ page }) => {
    const endpoint = `${refusing.url}/offers`;
    await openStore(page, { script: { ...PRODUCT, catalog: '', endpoint } });
    await renders(page);
    expect(await lastOffers(page)).toEqual([]);
    const [error] = await events(page, 'error');
    expect(error!.detail).toEqual({ placement: 'product', code: 'endpoint', message: `endpoint request failed: network error (${endpoint})` });
    await expect(page.getByRole('article')).toHaveCount(0);
  });
});
