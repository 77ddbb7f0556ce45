import { describe, expect, it } from 'vitest';
import demoCatalog from '../public/catalog.json';
import { validateCatalog } from '../src/catalog/validate-catalog';
import { applyEdit, createLinkEditor, readCatalogFile, type CatalogDocument } from './link-editor-state';
import { linkNote, pricedProduct } from './link-notes';
import { editedCatalog } from './mocks/edited-catalog';
import { createLinkPreview, previewAttributes } from './link-preview';
import { signal } from '@preact/signals';

const SMALL: CatalogDocument = {
  version: 1,
  currency: 'EUR',
  products: [
    { id: 'kettle', title: 'Kettle', price: 40, url: '/p/kettle' },
    { id: 'mug', title: 'Mug', price: 12, url: '/p/mug' },
    { id: 'kettle-pro', title: 'Kettle Pro', price: 70, url: '/p/kettle-pro' },
  ],
  links: [{ from: 'kettle', to: 'mug', kind: 'cross-sell', attachRate: 0.2, orders: 50 }],
  extra: { kept: true },
};

const demo = () => structuredClone(demoCatalog) as CatalogDocument;

describe('createLinkEditor', () => {
  it('starts at the first product that anchors a link, with its links in document order', () => {
    const editor = createLinkEditor(demo(), 'the demo catalog');
    expect(editor.anchor.value).toBe('phone-x');
    expect(editor.anchorLinks.value.map((l) => [l.index, (l.link as { to: string }).to])).toEqual([
      [0, 'phone-case'],
      [1, 'screen-protector'],
      [2, 'wireless-charger'],
      [3, 'phone-x-pro'],
      [4, 'extended-warranty'],
      [5, 'express-shipping'],
    ]);
    expect(editor.problems.value).toEqual([]);
  });

  it('writes the unedited demo catalog back unchanged', () => {
    const editor = createLinkEditor(demo(), 'the demo catalog');
    expect(JSON.parse(editor.json.value)).toEqual(demoCatalog);
  });

  it('adds a cross-sell after the anchor\'s last link, edits it field by field, and keeps every other field', () => {
    const editor = createLinkEditor(structuredClone(SMALL), 'small.json');
    const key = editor.addLink();
    expect(editor.anchorLinks.value.map((l) => l.key)).toContain(key);
    // A new link has no `to` yet: the validator says so, under the field.
    expect(editor.problemsByLink.value.get(1)?.fields.to).toEqual(['missing, expected a product id']);

    editor.editLink(key, 'to', 'kettle-pr');
    // In offerwise validate's words, the likely fix included.
    expect(editor.problemsByLink.value.get(1)?.fields.to).toEqual(['unknown product "kettle-pr" (did you mean "kettle-pro"?)']);
    editor.editLink(key, 'to', 'kettle-pro');
    editor.editLink(key, 'kind', 'upsell');
    editor.editLink(key, 'upsell', 'tier');
    editor.editLink(key, 'reason', 'Boils in half the time');
    editor.editLink(key, 'placements', ['cart', 'product']);
    expect(editor.problems.value).toEqual([]);
    expect(editor.catalog.value).toEqual({
      ...SMALL,
      links: [
        SMALL.links && (SMALL.links as unknown[])[0],
        // catalog.md's field order, placements in the spec's order.
        { from: 'kettle', to: 'kettle-pro', kind: 'upsell', upsell: 'tier', reason: 'Boils in half the time', placements: ['product', 'cart'] },
      ],
    });
    expect(Object.keys((editor.catalog.value.links as object[])[1]!)).toEqual(['from', 'to', 'kind', 'upsell', 'reason', 'placements']);
    expect(validateCatalog(JSON.parse(editor.json.value))).toEqual([]);
  });

  it('puts each problem of the validator under the field it is about, the rest under the link', () => {
    const editor = createLinkEditor(structuredClone(SMALL), 'small.json');
    const [first] = editor.anchorLinks.value;
    editor.editLink(first!.key, 'reason', 'x'.repeat(141));
    editor.editLink(first!.key, 'to', 'kettle');
    const key = editor.addLink();
    editor.editLink(key, 'to', 'mug');
    expect(editor.problemsByLink.value.get(0)).toEqual({
      fields: { to: ['same as from'], reason: [`expected a string of at most 140 characters, got "${'x'.repeat(60)}…"`] },
      other: [],
    });
    // Fixing the first makes the new one its duplicate: a problem of the whole link.
    editor.editLink(first!.key, 'to', 'mug');
    editor.editLink(first!.key, 'reason', 'Fits');
    expect(editor.problemsByLink.value.get(0)).toBeUndefined();
    expect(editor.problemsByLink.value.get(1)).toEqual({ fields: {}, other: ['duplicate of links[0] (same from, to and kind)'] });
    editor.removeLink(key);
    expect(editor.problems.value).toEqual([]);
  });

  it('lists problems outside the anchor\'s links as offerwise validate prints them', () => {
    const doc = structuredClone(SMALL) as { products: Array<Record<string, unknown>>; links: unknown[] };
    doc.products[1]!.price = -1;
    doc.links.push({ from: 'kettle-pro', to: 'kettle', kind: 'cross-sell', weight: 2 });
    const editor = createLinkEditor(doc, 'bad.json');
    // links[0] is the anchor's (kettle's): its problem shows under its field.
    expect(editor.problemsByLink.value.get(0)?.fields.to).toEqual(['product "mug" was skipped']);
    expect(editor.otherProblems.value).toEqual([
      'products[1] (mug).price: expected a number ≥ 0, got -1',
      'links[1] (kettle-pro → kettle).weight: expected a number in (0, 1], got 2',
    ]);
    editor.anchor.value = 'kettle-pro';
    expect(editor.problemsByLink.value.get(1)?.other).toEqual(['weight: expected a number in (0, 1], got 2']);
    expect(editor.otherProblems.value).toEqual(['products[1] (mug).price: expected a number ≥ 0, got -1', 'links[0] (kettle → mug).to: product "mug" was skipped']);
  });

  it('loads another catalog in place of the current one', () => {
    const editor = createLinkEditor(demo(), 'the demo catalog');
    editor.load(structuredClone(SMALL), 'small.json');
    expect(editor.source.value).toBe('small.json');
    expect(editor.anchor.value).toBe('kettle');
    expect(editor.anchors.value.map((a) => a.id)).toEqual(['kettle', 'mug', 'kettle-pro']);
    expect(editor.anchorLinks.value).toHaveLength(1);
  });
});

describe('applyEdit', () => {
  it('drops an emptied to or reason, the upsell type of a cross-sell, and placements when none is checked', () => {
    const link = { from: 'a', to: 'b', kind: 'upsell', upsell: 'addon', reason: 'r', placements: ['cart'] };
    expect(applyEdit(link, 'to', '')).not.toHaveProperty('to');
    expect(applyEdit(link, 'reason', '')).not.toHaveProperty('reason');
    expect(applyEdit(link, 'kind', 'cross-sell')).not.toHaveProperty('upsell');
    expect(applyEdit(link, 'placements', [])).not.toHaveProperty('placements');
    expect(applyEdit({ from: 'a', to: 'b', kind: 'cross-sell' }, 'kind', 'upsell')).toEqual({ from: 'a', to: 'b', kind: 'upsell', upsell: 'premium' });
    expect(applyEdit(link, 'kind', 'upsell')).toMatchObject({ upsell: 'addon' });
  });
});

describe('readCatalogFile', () => {
  it('refuses what offerwise validate rejects whole, with its words', () => {
    expect(readCatalogFile('{"version": 2, "products": []}', 'old.json')).toEqual({ ok: false, problems: ['version: expected 1, got 2'] });
    const list = readCatalogFile('[]', 'list.json');
    expect(!list.ok && list.problems).toEqual([expect.stringMatching(/^\$: expected an object/)]);
    const bad = readCatalogFile('{"version": 1,', 'cut.json');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems[0]).toMatch(/^cut\.json: not valid JSON \(.+\)$/);
    // Located as the command locates it, by line and column.
    expect(readCatalogFile('{\n  "version": 1,\n  "products": [1,]\n}', 'comma.json')).toEqual({
      ok: false,
      problems: ['comma.json: not valid JSON (line 3, column 17: trailing comma before "]")'],
    });
  });

  it('reads a catalog with a byte-order mark, problems in its items and all', () => {
    const read = readCatalogFile(`\uFEFF${JSON.stringify({ version: 1, products: [{ id: 'x' }] })}`, 'shop.json');
    expect(read).toEqual({ ok: true, doc: { version: 1, products: [{ id: 'x' }] } });
  });
});

describe('linkNote', () => {
  const anchor = pricedProduct(SMALL.products, 'kettle');

  it('says why a valid link shows no card: stock, placements, price fit, segments', () => {
    const mug = pricedProduct(SMALL.products, 'mug');
    const pro = pricedProduct(SMALL.products, 'kettle-pro');
    expect(linkNote({ kind: 'cross-sell' }, anchor, mug, { currency: 'EUR' })).toBeUndefined();
    expect(linkNote({ kind: 'cross-sell' }, anchor, pro, { currency: 'EUR' })).toBe(
      'Not offered: a cross-sell costs at most its anchor (€40.00), and Kettle Pro costs €70.00.',
    );
    expect(linkNote({ kind: 'upsell', upsell: 'tier' }, anchor, pro, { maxUpsellRatio: 0.5 })).toMatch(/^Not offered: a tier upsell costs more than its anchor, at most \$60\.00/);
    expect(linkNote({ kind: 'upsell', upsell: 'addon' }, pro, mug)).toBeUndefined();
    expect(linkNote({ kind: 'cross-sell' }, anchor, { ...mug!, inStock: false })).toBe('Not offered: Mug is out of stock.');
    expect(linkNote({ kind: 'cross-sell', placements: ['checkout'] }, anchor, mug)).toBe(
      'Never shown: a cross-sell is offered only at product, cart, post-purchase, account (rules.md R3), and its placements are checkout.',
    );
    expect(linkNote({ kind: 'upsell', upsell: 'addon', placements: ['cart', 'checkout'] }, anchor, mug)).toBeUndefined();
    expect(linkNote({ kind: 'cross-sell', segments: ['vip'] }, anchor, mug)).toBe(
      "Only for vip shoppers (its segments); the preview's shopper is returning.",
    );
  });
});

describe('the link preview', () => {
  it('makes the anchor the anchor of each placement', () => {
    const today = '2026-11-22';
    expect(previewAttributes('kettle', 'product', today, '/c.json')).toEqual({
      'data-catalog': '/c.json',
      'data-placement': 'product',
      'data-product': 'kettle',
      'data-orders': '1',
      'data-last-order': '2026-10-23',
      'data-locale': 'en-US',
    });
    expect(previewAttributes('kettle', 'checkout', today)).toMatchObject({ 'data-cart': 'kettle:1' });
    expect(previewAttributes('kettle', 'checkout', today)).not.toHaveProperty('data-catalog');
    expect(previewAttributes('kettle', 'account', today)).toMatchObject({ 'data-owned': 'kettle@2026-10-23' });
  });

  it('points the slot at the edited catalog once the mock APIs are up, a new URL for every edit', () => {
    const editor = createLinkEditor(structuredClone(SMALL), 'small.json');
    const up = signal(false);
    const preview = createLinkPreview(editor.catalog, editor.anchor, up, '2026-11-22');
    expect(preview.slotAttributes.value).not.toHaveProperty('data-catalog');
    up.value = true;
    const first = preview.slotAttributes.value['data-catalog']!;
    expect(first).toMatch(/^\/demo-catalog\.json\?v=/);
    editor.editLink(editor.anchorLinks.value[0]!.key, 'reason', 'Tea tastes better from it');
    const second = preview.slotAttributes.value['data-catalog']!;
    expect(second).not.toBe(first);
    expect(JSON.parse(editedCatalog(new URL(second, 'http://x').searchParams.get('v')!)!)).toEqual(editor.catalog.value);
  });

  it('notes a render with no cards', () => {
    const editor = createLinkEditor(structuredClone(SMALL), 'small.json');
    const preview = createLinkPreview(editor.catalog, editor.anchor, signal(true), '2026-11-22');
    preview.onEvent(new CustomEvent('offerwise:render', { detail: { offers: [] } }));
    expect(preview.empty.value).toBe(true);
    preview.onEvent(new CustomEvent('offerwise:render', { detail: { offers: [{}] } }));
    expect(preview.empty.value).toBe(false);
  });
});
