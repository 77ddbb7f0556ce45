import { describe, expect, it, vi } from 'vitest';
import { safeJson } from '../util/safe-json';
import { ga4Order } from '../context/data-layer';
import * as measureChunk from '../chunks/measure';
import type { Order } from '../chunks/measure';
import { seedCatalog } from '../engine/test-fixtures';
import { stringsFor } from '../i18n/strings';
import type { Offer } from '../types';
import { toDetail } from '../ui/offer-text';
import type { Audience } from './beacon';
import { createTracking, type TrackEnv, type Tracked } from './track';
import { readVisitor, STORAGE_KEY, writeVisitor, type StorageLike, type VisitorData } from './visitor-store';

const BEACON = 'https://collect.test/events';
const VIEW = 'pv_9';
const VISITOR = 'v_1';
const NOW = 1763700000000;

interface Options {
  /** The page's dataLayer; undefined: the page has none. */
  dataLayer?: unknown[] | undefined;
  /** Entries the page pushed before the widget looked. */
  earlier?: unknown[];
  measure?: 'ok' | 'fail';
  /** 'now': idle callbacks run at once; 'manual': only when the test calls runIdle(). */
  idle?: 'now' | 'manual';
  stored?: VisitorData;
  /** The visitor id is made and stored when first asked for, as the widget does (else it is VISITOR). */
  newVisitor?: boolean;
}

/** A Map-backed storage, as localStorage would be. */
function mapStorage(initial?: VisitorData) {
  const map = new Map<string, string>();
  if (initial) map.set(STORAGE_KEY, JSON.stringify(initial));
  const storage: StorageLike = { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
  return { map, storage };
}

function setup(options: Options = {}) {
  const { measure = 'ok', idle = 'now', earlier = [] } = options;
  const dataLayer = 'dataLayer' in options ? options.dataLayer : [];
  const emit = vi.fn((_el: Element, _name: string, _detail: object, _cancelable?: boolean) => true);
  const sent: { url: string; body: string }[] = [];
  const idles: (() => void)[] = [];
  const listeners: ((entry: unknown) => void)[] = [];
  let hide: (() => void) | undefined;
  const { map, storage } = mapStorage(options.stored);
  const loadMeasure = vi.fn(() => (measure === 'ok' ? Promise.resolve(measureChunk) : Promise.reject(new Error('chunk 404'))));
  const env: TrackEnv = {
    emit: emit as TrackEnv['emit'],
    now: () => NOW,
    json: safeJson,
    ga4Order,
    readVisitor: () => readVisitor(storage),
    writeVisitor: (data) => writeVisitor(storage, data),
    loadMeasure,
    idle: (fn) => (idle === 'now' ? fn() : void idles.push(fn)),
    send: (url, body) => void sent.push({ url, body }),
    dataLayer: () => dataLayer as { push(...items: unknown[]): unknown } | undefined,
    onDataLayer(entry) {
      for (const e of earlier) entry(e);
      listeners.push(entry);
    },
    onHide: (fn) => void (hide = fn),
  };
  const chunkFailed = vi.fn();
  const visitor = () => {
    const data = readVisitor(storage);
    if (options.newVisitor && !data.id) writeVisitor(storage, { ...data, id: VISITOR });
    return VISITOR;
  };
  const tracking = createTracking(env, visitor, VIEW, chunkFailed);
  return {
    tracking,
    emit,
    sent,
    loadMeasure,
    chunkFailed,
    dataLayer,
    map,
    storage,
    /** The page is hidden or left. */
    hide: () => hide?.(), // registered by the chunk, once loaded
    runIdle: () => idles.splice(0).forEach((fn) => fn()),
    /** The page pushes a dataLayer entry. */
    push: (entry: unknown) => listeners.forEach((l) => l(entry)),
    /** Every beacon line sent so far, parsed. */
    lines: () => sent.flatMap(({ body }) => body.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)),
  };
}

/** Let the chunk's promise chain settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

const audience = (extra: Partial<Audience> = {}): Audience => ({
  placement: 'product',
  segment: 'returning',
  group: 'treatment',
  beacon: BEACON,
  consent: true,
  ...extra,
});
const el = { tagName: 'DIV' } as unknown as Element;
const slotOf = (to: Partial<Audience> = {}, catalog = seedCatalog()): Tracked => ({ el, to: audience(to), catalog });

const catalog = seedCatalog();
const offer = (id: string, extra: Partial<Offer> = {}): Offer => ({
  product: catalog.byId.get(id)!,
  kind: 'cross-sell',
  action: 'add',
  anchor: 'phone-x',
  anchorTitle: 'Phone X',
  quantity: 1,
  ...extra,
});
const CASE = offer('case-x', { reason: 'Protects against drops' });
const PRO = offer('phone-x-pro', { kind: 'upsell', upsell: 'tier', priceDelta: 200 });
const detail = (o: Offer, position = 1) => toDetail(o, position, stringsFor());

const ga4List = (event: string, o: Offer, position: number, placement = 'product') => [
  { ecommerce: null },
  {
    event,
    ecommerce: {
      item_list_id: 'offerwise-' + placement,
      item_list_name: 'Offerwise ' + placement,
      items: [{ item_id: o.product.id, item_name: o.product.title, price: o.product.price, index: position, item_category: o.product.category }],
    },
  },
];

describe('createTracking: impressions, clicks and dismissals (analytics.md)', () => {
  it.each(['impression', 'click', 'dismiss'] as const)('%s: the DOM event at once, the beacon line on hide', async (t) => {
    const { tracking, emit, sent, hide, lines, runIdle } = setup({ idle: 'manual' });
    const slot = slotOf();
    tracking.offer(slot, t, CASE, detail(CASE, 2));
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit).toHaveBeenCalledWith(el, t, { placement: 'product', offer: detail(CASE, 2) });
    runIdle();
    await settle();
    expect(sent).toEqual([]); // queued, not sent
    hide();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(BEACON);
    expect(sent[0]!.body.endsWith('\n')).toBe(true);
    expect(lines()).toEqual([
      {
        t,
        ts: NOW,
        visitor: VISITOR,
        view: VIEW,
        placement: 'product',
        segment: 'returning',
        group: 'treatment',
        productId: 'case-x',
        kind: 'cross-sell',
        price: 29,
        position: 2,
      },
    ]);
  });

  it('what happened before the measure chunk loaded is replayed to it in order, and sent on hide', async () => {
    const { tracking, hide, lines, loadMeasure, sent, runIdle } = setup({ idle: 'manual' });
    const slot = slotOf();
    tracking.rendered(slot, [CASE, PRO]);
    tracking.offer(slot, 'impression', CASE, detail(CASE, 1));
    tracking.offer(slot, 'click', PRO, detail(PRO, 2));
    tracking.added(slot, PRO, detail(PRO, 2));
    tracking.offer(slot, 'dismiss', CASE, detail(CASE, 1));
    await settle();
    expect(loadMeasure).not.toHaveBeenCalled(); // not before the browser is idle
    runIdle();
    await settle();
    expect(loadMeasure).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([]);
    hide();
    expect(lines().map((l) => [l.t, l.productId])).toEqual([
      ['render', undefined],
      ['impression', 'case-x'],
      ['click', 'phone-x-pro'],
      ['add', 'phone-x-pro'],
      ['dismiss', 'case-x'],
    ]);
    expect(lines()[0]!.offers).toEqual(['case-x', 'phone-x-pro']);
    expect(lines()[3]).toMatchObject({ kind: 'upsell', price: 999, position: 2 });
    hide(); // nothing left to send
    expect(sent).toHaveLength(1);
  });

  it('the holdout: its DOM event and a holdout line', async () => {
    const { tracking, emit, hide, lines } = setup();
    tracking.holdout(slotOf({ group: 'holdout', placement: 'cart' }));
    expect(emit).toHaveBeenCalledWith(el, 'holdout', { placement: 'cart' });
    await settle();
    hide();
    expect(lines()).toEqual([expect.objectContaining({ t: 'holdout', group: 'holdout', placement: 'cart' })]);
  });

  it('without consent: the DOM events still fire, no line is sent', async () => {
    const { tracking, emit, hide, sent } = setup();
    tracking.offer(slotOf({ consent: false }), 'click', CASE, detail(CASE));
    expect(emit).toHaveBeenCalledTimes(1);
    await settle();
    hide();
    expect(sent).toEqual([]);
  });
});

describe('createTracking: GA4 through the measure chunk (analytics.md §2)', () => {
  it('pushes only after the chunk loads, in order, each after {ecommerce: null}', async () => {
    const { tracking, dataLayer, runIdle, loadMeasure } = setup({ idle: 'manual' });
    const slot = slotOf();
    tracking.offer(slot, 'impression', CASE, detail(CASE, 1));
    tracking.offer(slot, 'impression', PRO, detail(PRO, 2));
    tracking.offer(slot, 'click', PRO, detail(PRO, 2));
    tracking.selected(slot, CASE, detail(CASE, 1));
    await settle();
    expect(dataLayer).toEqual([]); // not before the browser is idle
    expect(loadMeasure).not.toHaveBeenCalled();
    runIdle();
    await settle();
    expect(loadMeasure).toHaveBeenCalledTimes(1);
    expect(dataLayer).toEqual([
      ...ga4List('view_item_list', CASE, 1),
      ...ga4List('view_item_list', PRO, 2),
      ...ga4List('select_item', PRO, 2),
      ...ga4List('select_item', CASE, 1),
    ]);
  });

  it('pushes made after the chunk loaded keep their order too', async () => {
    const { tracking, dataLayer } = setup();
    const slot = slotOf({ placement: 'cart' });
    tracking.offer(slot, 'impression', CASE, detail(CASE, 1));
    await settle();
    tracking.offer(slot, 'click', CASE, detail(CASE, 1));
    await settle();
    expect(dataLayer).toEqual([...ga4List('view_item_list', CASE, 1, 'cart'), ...ga4List('select_item', CASE, 1, 'cart')]);
  });

  it('a dismissal pushes nothing to GA4', async () => {
    const { tracking, dataLayer, loadMeasure } = setup();
    tracking.offer(slotOf({ beacon: undefined }), 'dismiss', CASE, detail(CASE));
    await settle();
    expect(loadMeasure).toHaveBeenCalledTimes(1);
    expect(dataLayer).toEqual([]);
  });

  it('an add pushes no second GA4 event (select_item came with the button press)', async () => {
    const { tracking, dataLayer } = setup();
    tracking.added(slotOf(), CASE, detail(CASE));
    await settle();
    expect(dataLayer).toEqual([]);
  });

  it.each<[string, Partial<Audience>, unknown[] | undefined]>([
    ['no consent', { consent: false }, []],
    ['no dataLayer', {}, undefined],
  ])('%s: no GA4 push', async (_name, to, layer) => {
    const { tracking, dataLayer } = setup({ dataLayer: layer });
    const slot = slotOf(to);
    tracking.offer(slot, 'impression', CASE, detail(CASE));
    tracking.offer(slot, 'click', CASE, detail(CASE));
    tracking.selected(slot, CASE, detail(CASE));
    await settle();
    expect(dataLayer ?? []).toEqual([]);
  });
});

describe('createTracking: when the measure chunk loads', () => {
  it.each<[string, Partial<Audience>, unknown[] | undefined]>([
    ['no beacon, no dataLayer', { beacon: undefined }, undefined],
    ['a beacon and a dataLayer but no consent', { consent: false }, []],
    ['no beacon, a dataLayer, no consent', { beacon: undefined, consent: false }, []],
  ])('never, with %s', async (_name, to, layer) => {
    const { tracking, loadMeasure, hide } = setup({ dataLayer: layer });
    const slot = slotOf(to);
    tracking.audience(slot, { lines: [{ id: 'case-x', qty: 1 }], orderId: 'o-1' });
    tracking.rendered(slot, [CASE]);
    for (const t of ['impression', 'click', 'dismiss'] as const) tracking.offer(slot, t, CASE, detail(CASE));
    tracking.selected(slot, CASE, detail(CASE));
    tracking.added(slot, CASE, detail(CASE));
    tracking.holdout(slot);
    hide();
    await settle();
    expect(loadMeasure).not.toHaveBeenCalled();
  });

  it.each<[string, Partial<Audience>, unknown[] | undefined]>([
    ['a beacon (purchases)', {}, undefined],
    ['a dataLayer', { beacon: undefined }, []],
  ])('once the browser is idle, with %s', async (_name, to, layer) => {
    const { tracking, loadMeasure, runIdle } = setup({ dataLayer: layer, idle: 'manual' });
    tracking.rendered(slotOf(to), [CASE]);
    tracking.rendered(slotOf(to), [CASE]);
    await settle();
    expect(loadMeasure).not.toHaveBeenCalled();
    runIdle();
    await settle();
    expect(loadMeasure).toHaveBeenCalledTimes(1);
  });

  it('a chunk that fails to load: chunkFailed once; measurement (GA4 and beacon) is the feature lost, the DOM events still fire', async () => {
    const { tracking, chunkFailed, loadMeasure, hide, sent, dataLayer, emit } = setup({ measure: 'fail' });
    const slot = slotOf();
    tracking.audience(slot);
    tracking.rendered(slot, [CASE]);
    tracking.offer(slot, 'impression', CASE, detail(CASE));
    await settle();
    tracking.offer(slot, 'click', CASE, detail(CASE));
    tracking.selected(slot, CASE, detail(CASE));
    await settle();
    expect(loadMeasure).toHaveBeenCalledTimes(1);
    expect(chunkFailed).toHaveBeenCalledTimes(1);
    expect(chunkFailed).toHaveBeenCalledWith(expect.objectContaining({ message: 'chunk 404' }));
    expect(dataLayer).toEqual([]);
    expect(emit.mock.calls.map((c) => c[1])).toEqual(['impression', 'click']);
    hide();
    expect(sent).toEqual([]);
  });
});

describe('createTracking: purchases (analytics.md)', () => {
  const stored = (added: VisitorData['added']): VisitorData => ({ v: 1, dismissed: {}, id: VISITOR, added });
  const order: Order = {
    lines: [
      { id: 'phone-x', qty: 1 },
      { id: 'case-x', qty: 2 },
      { id: 'phone-x-pro', qty: 1, price: 950 },
    ],
    orderId: 'o-1001',
  };

  it('a post-purchase order: one purchase line, offer items marked, the marks cleared', async () => {
    const { tracking, hide, lines, storage } = setup({
      stored: stored({ 'case-x': 'cross-sell', 'phone-x-pro': 'upsell', 'blender-jar': 'cross-sell' }),
    });
    tracking.audience(slotOf({ placement: 'post-purchase' }), order);
    await settle();
    hide();
    expect(lines()).toEqual([
      {
        t: 'purchase',
        ts: NOW,
        visitor: VISITOR,
        view: VIEW,
        placement: 'post-purchase',
        segment: 'returning',
        group: 'treatment',
        orderId: 'o-1001',
        value: 799 + 2 * 29 + 950,
        items: [
          { id: 'phone-x', price: 799, qty: 1, cost: 560 },
          { id: 'case-x', price: 29, qty: 2, cost: 8, offer: 'cross-sell' },
          { id: 'phone-x-pro', price: 950, qty: 1, cost: 650, offer: 'upsell' },
        ],
      },
    ]);
    // Marks of this order's items are cleared; others stay.
    expect(readVisitor(storage).added).toEqual({ 'blender-jar': 'cross-sell' });
    expect(readVisitor(storage).id).toBe(VISITOR);
  });

  it("a page's polluted Object.prototype lends no price and no offer mark to a line", async () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.price = 1;
    try {
      const { tracking, hide, lines } = setup({ stored: stored({ 'case-x': 'cross-sell' }) });
      tracking.audience(slotOf({ placement: 'post-purchase' }), { lines: [{ id: 'phone-x', qty: 1 }, { id: 'constructor', qty: 1 }], orderId: 'o-7' });
      await settle();
      hide();
      expect(lines()[0]!.items).toEqual([
        { id: 'phone-x', price: 799, qty: 1, cost: 560 },
        { id: 'constructor', price: 0, qty: 1 },
      ]);
    } finally {
      delete proto.price;
    }
  });

  it('the order value, when given, is the value sent', async () => {
    const { tracking, hide, lines } = setup();
    tracking.audience(slotOf({ placement: 'post-purchase' }), { ...order, value: 1234.5 });
    await settle();
    hide();
    expect(lines()[0]!.value).toBe(1234.5);
  });

  it('an order without an id is reported under the page view id', async () => {
    const { tracking, hide, lines } = setup();
    tracking.audience(slotOf({ placement: 'post-purchase' }), { lines: [{ id: 'case-x', qty: 1 }] });
    await settle();
    hide();
    expect(lines()[0]).toMatchObject({ t: 'purchase', orderId: VIEW, value: 29 });
  });

  it('dataLayer purchases, before and after the chunk loads: one line per orderId', async () => {
    const purchase = (id: unknown, items: object[]) => ({ event: 'purchase', ecommerce: { transaction_id: id, items } });
    const { tracking, hide, lines, push, storage } = setup({
      earlier: [purchase('o-1', [{ item_id: 'case-x', price: 29, quantity: 1 }]), { event: 'gtm.js' }],
      stored: stored({ 'case-x': 'cross-sell', 'blender-jar': 'cross-sell' }),
    });
    tracking.audience(slotOf({ placement: 'product' }));
    await settle();
    push(purchase('o-1', [{ item_id: 'case-x', price: 29 }])); // the same order again
    push(['event', 'purchase', { transaction_id: 'o-2', value: 25, items: [{ item_id: 'blender-jar', price: 25 }] }]);
    push({ event: 'view_item', ecommerce: { items: [{ item_id: 'x' }] } });
    hide();
    expect(lines().map((l) => [l.t, l.orderId, l.items])).toEqual([
      ['purchase', 'o-1', [{ id: 'case-x', price: 29, qty: 1, cost: 8, offer: 'cross-sell' }]],
      ['purchase', 'o-2', [{ id: 'blender-jar', price: 25, qty: 1, cost: 9, offer: 'cross-sell' }]],
    ]);
    expect(readVisitor(storage).added ?? {}).toEqual({});
  });

  it('a purchase that is the first line to need the visitor id keeps the id it stored', async () => {
    const { id: _, ...noId } = stored({ 'case-x': 'cross-sell' });
    const { tracking, hide, lines, storage } = setup({ stored: noId, newVisitor: true });
    tracking.audience(slotOf({ placement: 'post-purchase' }), { lines: [{ id: 'case-x', qty: 1 }], orderId: 'o-9' });
    await settle();
    hide();
    expect(lines()[0]).toMatchObject({ t: 'purchase', orderId: 'o-9', visitor: VISITOR });
    // The order cleared its offer marks, and the visitor (and so their group) stays the same.
    expect(readVisitor(storage).id).toBe(VISITOR);
    expect(readVisitor(storage).added ?? {}).toEqual({});
  });

  it('the post-purchase order and the same GA4 purchase: one line', async () => {
    const { tracking, hide, lines, push } = setup();
    tracking.audience(slotOf({ placement: 'post-purchase' }), { lines: [{ id: 'case-x', qty: 1 }], orderId: '1001' });
    await settle();
    push({ event: 'purchase', ecommerce: { transaction_id: 1001, items: [{ item_id: 'case-x', price: 29 }] } });
    hide();
    expect(lines().filter((l) => l.t === 'purchase')).toHaveLength(1);
  });

  it('orders wait for a slot with a beacon, then go to its audience', async () => {
    const { tracking, hide, lines } = setup();
    tracking.audience(slotOf({ beacon: undefined, placement: 'post-purchase' }), order);
    await settle();
    hide();
    expect(lines()).toEqual([]);
    tracking.audience(slotOf({ placement: 'account', segment: 'vip' }));
    await settle();
    hide();
    expect(lines()).toEqual([expect.objectContaining({ t: 'purchase', orderId: 'o-1001', placement: 'account', segment: 'vip' })]);
  });

  it('without consent: no purchase line and storage is not written', async () => {
    const { tracking, hide, sent, map, loadMeasure } = setup({ stored: stored({ 'case-x': 'cross-sell' }) });
    const before = map.get(STORAGE_KEY);
    tracking.audience(slotOf({ placement: 'post-purchase', consent: false }), order);
    await settle();
    expect(loadMeasure).not.toHaveBeenCalled();
    hide();
    expect(sent).toEqual([]);
    expect(map.get(STORAGE_KEY)).toBe(before);
  });
});
