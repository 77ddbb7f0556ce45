// @vitest-environment happy-dom
import { h } from 'preact';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { contextEvents, productFromJsonLd, StructuredDataPage } from './structured-data-page';

const JSON_LD = JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: 'Phone X', sku: 'phone-x', offers: { '@type': 'Offer', price: '799.00' } });
const item = (id: string) => ({ item_id: id, quantity: 1 });

afterEach(() => {
  cleanup();
  document.head.innerHTML = '';
  Reflect.deleteProperty(window, 'dataLayer');
});

describe('the JSON-LD + dataLayer page', () => {
  it('reads the JSON-LD Product and lists only the ecommerce events that give context', () => {
    expect(productFromJsonLd(['{oops', JSON_LD])).toEqual({ sku: 'phone-x', name: 'Phone X', price: 799 });
    expect(productFromJsonLd(['{"@type":"Organization"}'])).toBeUndefined();
    const layer = [
      { ecommerce: null },
      { event: 'view_item', ecommerce: { items: [item('phone-x')] } },
      { event: 'view_item_list', ecommerce: { items: [item('phone-case')] } },
      { event: 'add_to_cart', ecommerce: { items: [item('phone-x')] } },
    ];
    expect(contextEvents(layer).map((e) => e.event)).toEqual(['view_item', 'add_to_cart']);
  });

  it('renders a slot with neither data-product nor data-cart, and shows where the context comes from', () => {
    const ld = document.createElement('script');
    ld.type = 'application/ld+json';
    ld.textContent = JSON_LD;
    document.head.append(ld);
    Reflect.set(window, 'dataLayer', [{ event: 'view_item', ecommerce: { items: [item('phone-x')] } }, { event: 'add_to_cart', ecommerce: { items: [item('phone-x')] } }]);
    const { container } = render(<StructuredDataPage />);
    expect(screen.getByRole('heading', { level: 1, name: 'Phone X' })).toBeTruthy();
    const slot = container.querySelector('[data-offerwise]');
    expect(slot?.hasAttribute('data-product')).toBe(false);
    expect(slot?.hasAttribute('data-cart')).toBe(false);
    const sources = screen.getByRole('region', { name: "Where these offers' context comes from" });
    expect(within(sources).getByRole('list', { name: 'dataLayer ecommerce events' }).textContent).toBe('view_item: phone-x × 1add_to_cart: phone-x × 1');
    expect(sources.textContent).toContain('sku: phone-x');
  });
});
