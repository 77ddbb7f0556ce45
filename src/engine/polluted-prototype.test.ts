import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LINK_RULES, PRODUCT_RULES, UPSELL_RULE } from '../catalog/catalog-rules';
import { bare } from '../catalog/field-rules';
import { parseCatalog } from '../catalog/parse-catalog';
import { readOffers } from '../catalog/read-offers';
import { OPTION_NAMES, readConfig } from '../config/read-config';
import { readContextBlock } from '../context/context-block';
import { readDataLayer } from '../context/data-layer';
import { mergeContext } from '../context/page-context';
import { readVisitor } from '../actions/visitor-store';
import { stringsFor } from '../i18n/strings';
import { DEFAULT_SETTINGS, type Catalog, type Context, type Offer } from '../types';
import { actionText, createFormatter, headingText, proofText, toDetail } from '../ui/offer-text';
import { choose } from './choose';

/**
 * A page that sets `Object.prototype.<field>` changes nothing (issue: hostile pages): every
 * optional field of products, links, settings, endpoint answers, attributes and page context
 * is read as an own property only. One row per field, each with values that would change the
 * outcome if they were read through the prototype chain.
 */
const TODAY = '2026-12-05';
const RAW = JSON.parse(readFileSync(new URL('../../e2e/fixtures/catalog.json', import.meta.url), 'utf8')) as {
  products: Record<string, unknown>[];
  links: Record<string, unknown>[];
};
/** The fixture with every optional field absent somewhere, so a polluted prototype could fill it. */
const SPARSE = {
  ...RAW,
  products: [...RAW.products, { id: 'bare', title: 'Bare', price: 10, url: '/p/bare' }],
  links: [...RAW.links, { from: 'bare', to: 'descaler', kind: 'cross-sell' }, { from: 'bare', to: 'coffee-filters', kind: 'upsell' }],
};

/** A context as the widget makes it: every field its own, the customer with no prototype. */
const base = (placement: Context['placement'], extra: Partial<Context> = {}): Context => ({
  placement,
  product: undefined,
  cart: [],
  owned: [],
  dismissed: [],
  exclude: [],
  max: 2,
  freeShipping: undefined,
  ...extra,
  customer: bare({ priceSensitive: false, ...extra.customer }),
});
const CONTEXTS: Context[] = [
  base('product', { product: 'coffee-machine', customer: { orders: 1 } }),
  base('product', { product: 'coffee-machine' }),
  base('product', { product: 'blender-basic', customer: { orders: 6, spent: 2000 } }),
  base('product', { product: 'bare', customer: { orders: 2 } }),
  base('cart', { cart: [{ id: 'coffee-machine', qty: 1 }, { id: 'bare', qty: 2 }] }),
  base('checkout', { cart: [{ id: 'coffee-machine', qty: 1 }], freeShipping: 300 }),
  base('post-purchase', { cart: [{ id: 'blender-basic', qty: 1 }] }),
  base('account', { owned: [{ id: 'coffee-machine', purchasedAt: '2026-01-01' }, { id: 'bare' }] }),
];

/** Everything a shopper or a store could see: offers, card text, event details. */
function outcome(): unknown {
  const s = stringsFor();
  const f = createFormatter('en-US', 'USD');
  const text = (offers: Offer[]) =>
    offers.map((o, i) => [JSON.stringify(o), actionText(o, s), proofText(o, s, f), toDetail(o, i + 1, s)]);
  const parsed = parseCatalog(JSON.parse(JSON.stringify(SPARSE)));
  if (!parsed.ok) return parsed;
  const catalog: Catalog = parsed.catalog;
  const engine = CONTEXTS.map((c) => {
    const offers = choose(catalog, c, TODAY);
    return [headingText(c.placement, offers, s), text(offers)];
  });
  const warnings: string[] = [];
  const answer = readOffers(
    JSON.parse(
      JSON.stringify({
        offers: [
          { kind: 'cross-sell', action: 'add', anchor: 'coffee-machine', reason: 'Goes with it', product: { id: 'descaler', title: 'Descaler', price: 12, url: '/p/d' } },
          { kind: 'upsell', action: 'add', anchor: 'coffee-machine', anchorTitle: 'Coffee Machine', product: { id: 'pro', title: 'Pro', price: 400, url: '/p/pro' } },
        ],
      }),
    ),
    2,
    (m) => warnings.push(m),
  );
  // Read field by field, as the widget does (a spread would copy own fields only).
  const config = readConfig({ catalog: '/c.json', owned: 'a,b@2026-01-02' }, (m) => warnings.push(m)) as unknown as Record<string, unknown>;
  const block = readContextBlock('{"product":"coffee-machine","owned":[{"id":"a"}],"customer":{}}', (m) => warnings.push(m));
  const context = mergeContext(block, { cart: [{ id: 'x', qty: 1 }] }, readDataLayer([{ event: 'purchase', ecommerce: { items: [{ item_id: 'a' }] } }]));
  const fields = (o: object | undefined, keys: readonly string[]) => o && keys.map((k) => (o as Record<string, unknown>)[k]);
  const CUSTOMER = ['orders', 'spent', 'lastOrder', 'priceSensitive'];
  const layer = readDataLayer([]);
  const visitor = readVisitor({ getItem: () => '{"v":1,"dismissed":{}}', setItem: () => undefined });
  return {
    settings: fields(catalog.settings, Object.keys(DEFAULT_SETTINGS)),
    engine,
    endpoint: answer && text(answer.offers),
    config: fields(config, OPTION_NAMES),
    owned: (config.owned as object[]).map((o) => fields(o, ['id', 'purchasedAt'])),
    context: [fields(context, ['product', 'cart', 'owned', 'strings', 'order']), fields(context.customer, CUSTOMER), fields(block, ['cart', 'strings'])],
    blockOwned: block.owned!.map((o) => fields(o, ['id', 'purchasedAt'])),
    layer: fields(layer, ['product', 'cart', 'owned', 'customer', 'order']),
    visitor: fields(visitor, ['id', 'added', 'owned']),
    warnings,
  };
}

const ruleKeys = (rules: readonly (readonly [string, ...unknown[]])[]) => rules.map(([key]) => key);
/** Values that would change something if read; each is tried in turn. */
const HOSTILE: unknown[] = [['account'], ['vip', 'new'], 1e9, 0, -1, true, false, 'polluted', 'javascript:alert(1)', { type: 'attach', attachRate: 1, anchorTitle: 'X' }];
const FIELDS = [
  ...new Set([
    ...ruleKeys(PRODUCT_RULES),
    ...ruleKeys(LINK_RULES),
    UPSELL_RULE[0],
    ...Object.keys(DEFAULT_SETTINGS),
    // endpoint answers' offer fields
    'anchorTitle',
    'replaces',
    'quantity',
    'priceDelta',
    'reorder',
    'unlocksFreeShipping',
    'proof',
    // attributes and page context
    ...OPTION_NAMES,
    'customer',
    'strings',
    'spent',
    'orders',
    'lastOrder',
    'purchasedAt',
    'qty',
    'dismissed',
    'exclude',
    'order',
    'added',
    'v',
  ]),
];

const clean = outcome();

describe('a polluted Object.prototype changes nothing', () => {
  let key: string | undefined;
  afterEach(() => {
    if (key) delete (Object.prototype as Record<string, unknown>)[key];
    key = undefined;
  });

  it.each(FIELDS)('Object.prototype.%s', (field) => {
    for (const value of HOSTILE) {
      key = field;
      Object.defineProperty(Object.prototype, field, { value, configurable: true, writable: true, enumerable: false });
      let polluted: unknown;
      try {
        polluted = outcome();
      } finally {
        delete (Object.prototype as Record<string, unknown>)[field];
      }
      expect([field, value, polluted]).toEqual([field, value, clean]);
    }
  });
});
