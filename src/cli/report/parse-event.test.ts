import { describe, expect, it } from 'vitest';
import { parseEvent } from './parse-event';

const purchase = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ t: 'purchase', group: 'treatment', orderId: 'o-1', value: 10, items: [], ...extra });
const item = (extra: Record<string, unknown> = {}) => purchase({ items: [{ id: 'a', price: 5, qty: 2, ...extra }] });

describe('parseEvent: accepted', () => {
  it.each([
    ['an impression', '{"t":"impression","group":"treatment","segment":"new","placement":"cart"}', { t: 'impression', group: 'treatment', segment: 'new', placement: 'cart' }],
    ['no segment or placement', '{"t":"click","group":"holdout"}', { t: 'click', group: 'holdout' }],
    ['null or empty labels count as absent', '{"t":"add","group":"holdout","segment":null,"placement":""}', { t: 'add', group: 'holdout' }],
    ['extra fields are ignored', '{"t":"render","group":"treatment","ts":1,"visitor":"v"}', { t: 'render', group: 'treatment' }],
    ['a purchase', purchase(), { t: 'purchase', group: 'treatment', orderId: 'o-1', value: 10, items: [] }],
    ['a numeric orderId becomes a string', purchase({ orderId: 1001 }), { orderId: '1001' }],
    ['an item with cost and offer', item({ cost: 3, offer: 'upsell' }), { items: [{ id: 'a', price: 5, qty: 2, cost: 3, offer: 'upsell' }] }],
    ['null cost and offer count as absent', item({ cost: null, offer: null }), { items: [{ id: 'a', price: 5, qty: 2 }] }],
    ['a numeric item id becomes a string', purchase({ items: [{ id: 7, price: 1, qty: 1 }] }), { items: [{ id: '7', price: 1, qty: 1 }] }],
  ])('%s', (_, line, expected) => {
    const r = parseEvent(line);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.event).toMatchObject(expected);
  });
});

describe('parseEvent: visitor, productId and currency (for placement attribution and amounts)', () => {
  const line = (extra: Record<string, unknown>) => JSON.stringify({ t: 'add', group: 'treatment', placement: 'cart', ...extra });
  // `toStrictEqual` on the whole event: a field read as absent must not be there at all.
  it.each<[string, string, object]>([
    ['an add keeps its visitor and productId', line({ visitor: 'v_1', productId: 'case-x' }), { t: 'add', group: 'treatment', placement: 'cart', visitor: 'v_1', productId: 'case-x' }],
    ['numeric ids become strings', line({ visitor: 42, productId: 7 }), { t: 'add', group: 'treatment', placement: 'cart', visitor: '42', productId: '7' }],
    ['ids of the wrong type count as absent, not as an error', line({ visitor: {}, productId: ['x'] }), { t: 'add', group: 'treatment', placement: 'cart' }],
    ['empty ids count as absent', line({ visitor: '', productId: '' }), { t: 'add', group: 'treatment', placement: 'cart' }],
    ['a purchase keeps its visitor and currency', purchase({ visitor: 'v_1', currency: 'EUR' }), { t: 'purchase', group: 'treatment', visitor: 'v_1', currency: 'EUR', orderId: 'o-1', value: 10, items: [] }],
    ['a currency code is upper-cased', purchase({ currency: 'gbp' }), { t: 'purchase', group: 'treatment', currency: 'GBP', orderId: 'o-1', value: 10, items: [] }],
    ['a currency that is no 3-letter code counts as absent', purchase({ currency: 'US$' }), { t: 'purchase', group: 'treatment', orderId: 'o-1', value: 10, items: [] }],
    ['other events keep a currency but no visitor or productId', '{"t":"impression","group":"treatment","visitor":"v","productId":"x","currency":"USD"}', { t: 'impression', group: 'treatment', currency: 'USD' }],
  ])('%s', (_, text, expected) => {
    const r = parseEvent(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.event).toStrictEqual(expected);
  });
});

describe('parseEvent: rejected, with the reason', () => {
  it.each([
    ['not JSON', '{"t":', /^not valid JSON/],
    ['an array', '[1,2]', 'not a JSON object'],
    ['null', 'null', 'not a JSON object'],
    ['a string', '"impression"', 'not a JSON object'],
    ['no t', '{"group":"treatment"}', 't must be one of render|impression|click|add|dismiss|holdout|purchase'],
    ['an unknown t', '{"t":"view","group":"treatment"}', /^t must be one of/],
    ['no group', '{"t":"click"}', 'group must be one of treatment|holdout'],
    ['an unknown group', '{"t":"click","group":"control"}', 'group must be one of treatment|holdout'],
    ['a numeric segment', '{"t":"click","group":"holdout","segment":3}', 'segment must be a string'],
    ['an object placement', '{"t":"click","group":"holdout","placement":{}}', 'placement must be a string'],
    ['no orderId', purchase({ orderId: undefined }), 'orderId must be a non-empty string or a number'],
    ['an empty orderId', purchase({ orderId: '' }), 'orderId must be a non-empty string or a number'],
    ['a string value', purchase({ value: '10' }), 'value must be a number ≥ 0'],
    ['a negative value', purchase({ value: -1 }), 'value must be a number ≥ 0'],
    ['a value over 1e15', purchase({ value: 1e154 }), 'value must be a number ≥ 0 and at most 1e15'],
    ['a price over 1e15', item({ price: 2e15 }), 'items[0].price must be a number ≥ 0 and at most 1e15'],
    ['a qty over 1e15', item({ qty: 1e300 }), 'items[0].qty must be a number > 0 and at most 1e15'],
    ['a cost over 1e15', item({ cost: 1e16 }), 'items[0].cost must be a number ≥ 0 and at most 1e15'],
    ['no items', purchase({ items: undefined }), 'items must be an array'],
    ['a non-object item', purchase({ items: [1] }), 'items[0] must be an object'],
    ['an item without id', purchase({ items: [{ price: 1, qty: 1 }] }), 'items[0].id must be a non-empty string or a number'],
    ['a negative price', item({ price: -5 }), 'items[0].price must be a number ≥ 0'],
    ['a zero qty', item({ qty: 0 }), 'items[0].qty must be a number > 0'],
    ['a string cost', item({ cost: '3' }), 'items[0].cost must be a number ≥ 0'],
    ['an unknown offer kind', item({ offer: 'bundle' }), 'items[0].offer must be one of cross-sell|upsell'],
    ['the second item bad', purchase({ items: [{ id: 'a', price: 1, qty: 1 }, { id: 'b', price: 1 }] }), 'items[1].qty must be a number > 0'],
  ])('%s', (_, line, reason) => {
    const r = parseEvent(line);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(reason);
  });

  it('never quotes a long line in full', () => {
    const r = parseEvent('x'.repeat(10_000));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeLessThan(120);
  });
});
