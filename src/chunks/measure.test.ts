import { describe, expect, it } from 'vitest';
import { ga4Item, pushGa4 } from './measure';

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
    pushGa4(layer, 'view_item_list', 'cart', [item]);
    pushGa4(layer, 'select_item', 'product', [item]);
    expect(layer.slice(1)).toEqual([
      { ecommerce: null },
      { event: 'view_item_list', ecommerce: { item_list_id: 'offerwise-cart', item_list_name: 'Offerwise cart', items: [item] } },
      { ecommerce: null },
      { event: 'select_item', ecommerce: { item_list_id: 'offerwise-product', item_list_name: 'Offerwise product', items: [item] } },
    ]);
  });

});
