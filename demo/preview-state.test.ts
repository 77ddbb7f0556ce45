import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { DEMO_ENDPOINT } from './preview-model';
import { createPreviewState } from './preview-state';

const TODAY = '2026-11-22';

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe('createPreviewState', () => {
  it('computes the live slot from the settings, the demo shopper included', () => {
    const state = createPreviewState(TODAY);
    expect(state.slotAttributes.value).toMatchObject({ 'data-placement': 'product', 'data-product': 'blender-basic', 'data-orders': '2' });
    state.settings.placement.value = 'checkout';
    state.settings.cart.value = [{ id: 'phone-x', qty: 1 }];
    expect(state.slotAttributes.value['data-placement']).toBe('checkout');
    expect(state.slotAttributes.value['data-cart']).toBe('phone-x:1');
    expect(state.slotAttributes.value).not.toHaveProperty('data-product');
  });

  it('gives the slot data-endpoint only once the mock endpoint is up', () => {
    const state = createPreviewState(TODAY);
    state.settings.offersFrom.value = 'endpoint';
    expect(state.attributes.value['data-endpoint']).toBe(DEMO_ENDPOINT);
    expect(state.slotAttributes.value).not.toHaveProperty('data-endpoint');
    state.endpointUp.value = true;
    expect(state.slotAttributes.value['data-endpoint']).toBe(DEMO_ENDPOINT);
  });

  it('computes the snippets from the store\'s choices, never the demo shopper or cart', () => {
    const state = createPreviewState(TODAY);
    state.readForm(form([['placement', 'cart'], ['segment', 'vip'], ['cart', 'phone-x'], ['holdout', '10'], ['offersFrom', 'endpoint']]));
    for (const snippet of Object.values(state.snippets.value)) {
      expect(snippet).toContain('data-placement="cart"');
      expect(snippet).toContain('data-holdout="10"');
      expect(snippet).toContain('data-endpoint="https://YOUR-STORE.example/offers"');
      expect(snippet).not.toMatch(/phone-x|"8"|"1850"|\/demo-offers/);
    }
  });

  it('reads the form into the signals, and leaves unchanged settings quiet', () => {
    const state = createPreviewState(TODAY);
    let cartRuns = 0;
    let placementRuns = 0;
    const stops = [effect(() => void (state.settings.cart.value, cartRuns++)), effect(() => void (state.settings.placement.value, placementRuns++))];
    state.readForm(form([['placement', 'account'], ['cart', 'pillows'], ['qty-pillows', '2']]));
    expect(state.current.value).toMatchObject({ placement: 'account', cart: [{ id: 'pillows', qty: 2 }] });
    state.readForm(form([['placement', 'account'], ['cart', 'pillows'], ['qty-pillows', '2']]));
    expect([cartRuns, placementRuns]).toEqual([2, 2]);
    stops.forEach((stop) => stop());
  });

  it('leaves freeShipping out of the settings when there is none', () => {
    const state = createPreviewState(TODAY);
    expect(state.current.value).not.toHaveProperty('freeShipping');
    state.readForm(form([['freeShipping', '50']]));
    expect(state.current.value.freeShipping).toBe(50);
    expect(state.slotAttributes.value['data-free-shipping']).toBe('50');
  });
});
