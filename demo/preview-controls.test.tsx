// @vitest-environment happy-dom
import { h } from 'preact';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeProducts, type StoreProduct } from './catalog-data';
import { PreviewControls } from './preview-controls';
import { createPreviewState } from './preview-state';

const PRODUCTS: StoreProduct[] = [
  { id: 'blender-basic', title: 'Blender Basic', price: 49, url: '/p/blender-basic' },
  { id: 'phone-x', title: 'Phone X', price: 799, url: '/p/phone-x' },
  { id: 'wireless-charger', title: 'Wireless Charger', price: 29, url: '/p/wireless-charger', inStock: false },
];

afterEach(cleanup);
beforeEach(() => {
  storeProducts.value = new Map(PRODUCTS.map((p) => [p.id, p]));
});

function renderControls() {
  const state = createPreviewState('2026-11-22');
  const onBehaviour = vi.fn();
  const onFailAdds = vi.fn();
  render(<PreviewControls state={state} behaviour="ok" onBehaviour={onBehaviour} failAdds={false} onFailAdds={onFailAdds} />);
  return { state, onBehaviour, onFailAdds };
}

describe('PreviewControls', () => {
  it('is a form named Settings whose radios show the settings signals', () => {
    renderControls();
    expect(screen.getByRole('form', { name: 'Settings' })).toBeTruthy();
    const placement = screen.getByRole('group', { name: 'Placement' });
    expect((within(placement).getByRole('radio', { name: 'Product page' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: /^Returning/ }) as HTMLInputElement).checked).toBe(true);
  });

  it('writes a placement, a cart line and a quantity into the state', () => {
    const { state } = renderControls();
    fireEvent.click(screen.getByRole('radio', { name: 'Checkout' }));
    expect(state.settings.placement.value).toBe('checkout');
    fireEvent.input(screen.getByRole('spinbutton', { name: 'Quantity of Phone X' }), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Phone X' }));
    expect(state.slotAttributes.value['data-cart']).toBe('phone-x:3');
    expect((screen.getByRole('checkbox', { name: 'Phone X' }) as HTMLInputElement).checked).toBe(true);
  });

  it('lists the catalog for the product page, out-of-stock products marked', () => {
    const { state } = renderControls();
    const select = screen.getByRole('combobox', { name: 'Product on the product page' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual(['Blender Basic ($49.00)', 'Phone X ($799.00)', 'Wireless Charger ($29.00, out of stock)']);
    fireEvent.input(select, { target: { value: 'phone-x' } });
    expect(state.slotAttributes.value['data-product']).toBe('phone-x');
  });

  it('enables "Endpoint behaviour" only with offers from the endpoint, and reports its choice', () => {
    const { state, onBehaviour } = renderControls();
    const behaviour = screen.getByRole('group', { name: 'Endpoint behaviour' }) as HTMLFieldSetElement;
    expect(behaviour.disabled).toBe(true);
    fireEvent.click(within(screen.getByRole('group', { name: 'Offers from' })).getByRole('radio', { name: /^Endpoint/ }));
    expect(state.settings.offersFrom.value).toBe('endpoint');
    expect(behaviour.disabled).toBe(false);
    fireEvent.click(screen.getByRole('radio', { name: 'Fails with 500' }));
    expect(onBehaviour).toHaveBeenCalledWith('fail');
  });

  it('reports "Make adds fail"', () => {
    const { onFailAdds } = renderControls();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Make adds fail' }));
    expect(onFailAdds).toHaveBeenCalledWith(true);
  });
});
