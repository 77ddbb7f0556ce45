import { describe, expect, it } from 'vitest';
import { BATCH_SIZE, createMeasure, ga4Item, type Audience } from './measure';

const audience = (extra: Partial<Audience> = {}): Audience => ({
  placement: 'cart',
  segment: 'returning',
  group: 'treatment',
  beacon: 'https://collect.example/e',
  consent: true,
  ...extra,
});

function setup(layer?: unknown[]) {
  const sent: { url: string; body: string }[] = [];
  let ids = 0;
  const measure = createMeasure(
    { now: () => 1763700000000, send: (url, body) => sent.push({ url, body }), dataLayer: () => layer },
    () => `v_${++ids}`,
    'pv_1',
  );
  return { measure, sent, visitorCalls: () => ids };
}

const lines = (body: string) => body.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('beacon batches (analytics.md §3)', () => {
  it('one NDJSON line per event, with the visitor, page view, placement, segment and group', () => {
    const { measure, sent } = setup();
    measure.beacon('impression', audience(), { productId: 'case-x', kind: 'cross-sell', price: 29, position: 1 });
    expect(sent).toEqual([]); // batched until the page is hidden or the batch is full
    measure.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://collect.example/e');
    expect(sent[0]!.body.endsWith('\n')).toBe(true);
    expect(lines(sent[0]!.body)).toEqual([
      {
        t: 'impression',
        ts: 1763700000000,
        visitor: 'v_1',
        view: 'pv_1',
        placement: 'cart',
        segment: 'returning',
        group: 'treatment',
        productId: 'case-x',
        kind: 'cross-sell',
        price: 29,
        position: 1,
      },
    ]);
  });

  it(`sends every ${BATCH_SIZE} events without waiting for the page to hide`, () => {
    const { measure, sent } = setup();
    for (let i = 0; i < BATCH_SIZE * 2 + 3; i++) measure.beacon('click', audience(), { position: i });
    expect(sent.map((s) => lines(s.body).length)).toEqual([BATCH_SIZE, BATCH_SIZE]);
    measure.flush();
    expect(sent.map((s) => lines(s.body).length)).toEqual([BATCH_SIZE, BATCH_SIZE, 3]);
    measure.flush(); // nothing left: no empty request
    expect(sent).toHaveLength(3);
  });

  it('keeps one batch per beacon URL', () => {
    const { measure, sent } = setup();
    measure.beacon('render', audience({ beacon: '/a' }));
    measure.beacon('render', audience({ beacon: '/b' }));
    measure.beacon('render', audience({ beacon: '/a' }));
    measure.flush();
    expect(sent.map((s) => [s.url, lines(s.body).length])).toEqual([
      ['/a', 2],
      ['/b', 1],
    ]);
  });

  it.each([
    ['no data-beacon', audience({ beacon: undefined })],
    ['data-consent="false"', audience({ consent: false })],
  ])('sends nothing, and asks for no visitor id, with %s', (_name, to) => {
    const { measure, sent, visitorCalls } = setup();
    measure.beacon('impression', to);
    measure.flush();
    expect(sent).toEqual([]);
    expect(visitorCalls()).toBe(0);
  });
});

describe('GA4 pushes (analytics.md §2)', () => {
  const item = ga4Item(
    { productId: 'case-x', kind: 'cross-sell', action: 'add', reason: 'Fits', price: 29, position: 2 },
    { id: 'case-x', title: 'Case X', price: 29, url: 'https://s.example/case', inStock: true, category: 'cases' },
  );

  it('maps an offer to the standard item fields', () => {
    expect(item).toEqual({ item_id: 'case-x', item_name: 'Case X', price: 29, index: 2, item_category: 'cases' });
  });

  it('clears the previous ecommerce object first, then pushes the event with the list id', () => {
    const layer: unknown[] = [{ event: 'gtm.js' }];
    setup(layer).measure.ga4('view_item_list', audience(), [item]);
    setup(layer).measure.ga4('select_item', audience({ placement: 'product' }), [item]);
    expect(layer.slice(1)).toEqual([
      { ecommerce: null },
      { event: 'view_item_list', ecommerce: { item_list_id: 'offerwise-cart', item_list_name: 'Offerwise cart', items: [item] } },
      { ecommerce: null },
      { event: 'select_item', ecommerce: { item_list_id: 'offerwise-product', item_list_name: 'Offerwise product', items: [item] } },
    ]);
  });

  it('pushes nothing without consent, and needs no dataLayer', () => {
    const layer: unknown[] = [];
    setup(layer).measure.ga4('view_item_list', audience({ consent: false }), [item]);
    expect(layer).toEqual([]);
    expect(() => setup(undefined).measure.ga4('view_item_list', audience(), [item])).not.toThrow();
  });
});
