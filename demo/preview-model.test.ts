import { describe, expect, it } from 'vitest';
import catalog from '../public/catalog.json';
import {
  DEFAULT_SETTINGS,
  DEMO_ENDPOINT,
  MANAGED_ATTRIBUTES,
  SEGMENTS,
  type Attributes,
  type PreviewSettings,
  daysBefore,
  escapeAttribute,
  segmentAttributes,
  settingsFromForm,
  summarizeDetail,
  toAttributes,
} from './preview-model';

const TODAY = '2026-11-22';
const DAY_MS = 86_400_000;

/** rules.md R6, written out independently, to check the panel's example shoppers. */
function classify(attrs: Attributes): string {
  const { vipOrders, vipSpend, lapsedDays } = catalog.settings;
  const orders = Number(attrs['data-orders'] ?? 0);
  const spent = Number(attrs['data-spent'] ?? 0);
  if (orders === 0 && !attrs['data-owned']) return 'new';
  if (orders >= vipOrders || spent >= vipSpend) return 'vip';
  const last = attrs['data-last-order'];
  if (last && (Date.parse(TODAY) - Date.parse(last)) / DAY_MS > lapsedDays) return 'lapsed';
  return 'returning';
}

function settings(overrides: Partial<PreviewSettings>): PreviewSettings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

describe('segmentAttributes', () => {
  it.each(SEGMENTS)('describes a %s shopper under R6 with the catalog settings', (segment) => {
    expect(classify(segmentAttributes(segment, TODAY))).toBe(segment);
  });

  it('gives a new shopper zero orders and nothing owned', () => {
    expect(segmentAttributes('new', TODAY)).toEqual({ 'data-orders': '0' });
  });

  it('writes owned products as id@YYYY-MM-DD and includes a due coffee-filter reorder', () => {
    const owned = segmentAttributes('returning', TODAY)['data-owned'] ?? '';
    expect(owned).toMatch(/^[a-z0-9-]+@\d{4}-\d{2}-\d{2}(,[a-z0-9-]+@\d{4}-\d{2}-\d{2})*$/);
    const filters = owned.split(',').find((item) => item.startsWith('coffee-filters@'));
    const replenishDays = catalog.products.find((p) => p.id === 'coffee-filters')?.replenishDays ?? Infinity;
    const bought = filters?.split('@')[1] ?? TODAY;
    expect((Date.parse(TODAY) - Date.parse(bought)) / DAY_MS).toBeGreaterThan(replenishDays);
  });

  it('owns only catalog products', () => {
    const ids = new Set(catalog.products.map((p) => p.id));
    for (const segment of SEGMENTS) {
      const owned = segmentAttributes(segment, TODAY)['data-owned'];
      for (const item of owned ? owned.split(',') : []) expect(ids).toContain(item.split('@')[0]);
    }
  });
});

describe('daysBefore', () => {
  it('counts back across month and year ends', () => {
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(daysBefore('2026-01-05', 10)).toBe('2025-12-26');
  });
});

describe('toAttributes', () => {
  it('writes only the attributes that differ from the widget defaults', () => {
    const attrs = toAttributes(settings({ segment: 'new' }), TODAY);
    expect(attrs).toEqual({
      'data-placement': 'product',
      'data-product': 'blender-basic',
      'data-orders': '0',
      'data-locale': 'en-US',
    });
  });

  it('writes every option that is set, in the order of embed.md §3', () => {
    const attrs = toAttributes(
      settings({
        offersFrom: 'endpoint',
        placement: 'cart',
        segment: 'vip',
        priceSensitive: true,
        cart: [{ id: 'skincare-starter', qty: 1 }, { id: 'blister-tape', qty: 2 }],
        theme: 'dark',
        locale: 'de-DE',
        max: 1,
        freeShipping: 50,
        holdout: 10,
      }),
      TODAY,
    );
    expect(Object.keys(attrs)).toEqual(MANAGED_ATTRIBUTES.filter((name) => name !== 'data-product'));
    expect(attrs['data-endpoint']).toBe('/demo-offers');
    expect(attrs['data-cart']).toBe('skincare-starter:1,blister-tape:2');
    expect(attrs['data-price-sensitive']).toBe('true');
    expect(attrs['data-max']).toBe('1');
    expect(attrs['data-free-shipping']).toBe('50');
    expect(attrs['data-theme']).toBe('dark');
    expect(attrs['data-holdout']).toBe('10');
  });

  it.each([
    [0, undefined],
    [10, '10'],
    [50, '50'],
  ] as const)('maps a %i%% holdout to data-holdout=%s', (holdout, expected) => {
    expect(toAttributes(settings({ holdout }), TODAY)['data-holdout']).toBe(expected);
  });

  it('adds data-endpoint only when offers come from the endpoint, and changes nothing else', () => {
    const fromCatalog = toAttributes(settings({ offersFrom: 'catalog' }), TODAY);
    const fromEndpoint = toAttributes(settings({ offersFrom: 'endpoint' }), TODAY);
    expect(fromCatalog).not.toHaveProperty('data-endpoint');
    expect(fromEndpoint).toEqual({ 'data-endpoint': DEMO_ENDPOINT, ...fromCatalog });
    expect(Object.keys(fromEndpoint)[0]).toBe('data-endpoint');
  });

  it('leaves data-product out of placements that anchor on the cart or owned products', () => {
    expect(toAttributes(settings({ placement: 'checkout' }), TODAY)).not.toHaveProperty('data-product');
  });
});

describe('escapeAttribute', () => {
  it('escapes what could end an attribute or open a tag', () => {
    expect(escapeAttribute('a"b<c>&d')).toBe('a&quot;b&lt;c&gt;&amp;d');
    expect(escapeAttribute('"><script>')).toBe('&quot;&gt;&lt;script&gt;');
  });
});

describe('settingsFromForm', () => {
  function form(entries: Array<[string, string]>): FormData {
    const data = new FormData();
    for (const [name, value] of entries) data.append(name, value);
    return data;
  }

  it('reads every control', () => {
    const read = settingsFromForm(
      form([
        ['offersFrom', 'endpoint'],
        ['placement', 'post-purchase'],
        ['segment', 'lapsed'],
        ['priceSensitive', 'on'],
        ['product', 'phone-x'],
        ['cart', 'phone-x'],
        ['qty-phone-x', '2'],
        ['cart', 'pillows'],
        ['theme', 'light'],
        ['locale', 'en-GB'],
        ['max', '1'],
        ['freeShipping', '75'],
        ['holdout', '50'],
      ]),
    );
    expect(read).toEqual({
      offersFrom: 'endpoint',
      placement: 'post-purchase',
      segment: 'lapsed',
      priceSensitive: true,
      product: 'phone-x',
      cart: [{ id: 'phone-x', qty: 2 }, { id: 'pillows', qty: 1 }],
      theme: 'light',
      locale: 'en-GB',
      max: 1,
      freeShipping: 75,
      holdout: 50,
    });
  });

  it('falls back to the defaults for unknown or empty values', () => {
    const read = settingsFromForm(
      form([['offersFrom', 'server'], ['placement', 'home'], ['theme', 'neon'], ['max', '7'], ['freeShipping', ''], ['cart', 'x'], ['qty-x', '-3'], ['holdout', '30']]),
    );
    expect(read.offersFrom).toBe('catalog');
    expect(read.placement).toBe('product');
    expect(read.theme).toBe('auto');
    expect(read.max).toBe(2);
    expect(read).not.toHaveProperty('freeShipping');
    expect(read.holdout).toBe(0);
    expect(read.cart).toEqual([{ id: 'x', qty: 1 }]);
  });
});

describe('summarizeDetail', () => {
  const offer = { productId: 'blender-pro', kind: 'upsell', action: 'add', reason: 'Stronger motor', price: 99, position: 1 };

  it('drops functions and reduces offers to their ids', () => {
    expect(summarizeDetail({ placement: 'product', offers: [offer], waitUntil: () => {} })).toBe(
      '{"placement":"product","offers":["blender-pro"]}',
    );
    expect(summarizeDetail({ placement: 'cart', offer })).toBe(
      '{"placement":"cart","offer":{"productId":"blender-pro","kind":"upsell","action":"add","position":1}}',
    );
  });

  it('cuts long details with an ellipsis', () => {
    const text = summarizeDetail({ message: 'x'.repeat(500) }, 40);
    expect(text).toHaveLength(40);
    expect(text.endsWith('…')).toBe(true);
  });

  it('copes with a missing detail', () => {
    expect(summarizeDetail(undefined)).toBe('undefined');
    expect(summarizeDetail(null)).toBe('null');
  });
});
