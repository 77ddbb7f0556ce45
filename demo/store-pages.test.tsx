// @vitest-environment happy-dom
import { h } from 'preact';
import { act, cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cart } from './cart-client';
import { formatPrice, storeProducts, type StoreProduct } from './catalog-data';
import { createProductSlot, ProductPage } from './product-page';
import { CART_SLOT, shippingNote } from './store-scenarios';
import { AccountPage, CartPage } from './store-pages';

const PRODUCTS: StoreProduct[] = [
  { id: 'skincare-starter', title: 'Skincare Starter Kit', price: 34, url: '/p/skincare' },
  { id: 'blister-tape', title: 'Blister Tape', price: 8, url: '/p/tape' },
  { id: 'phone-x', title: 'Phone X', price: 799, url: '/p/phone-x', rating: 4.6, reviewCount: 1200 },
  { id: 'coffee-filters', title: 'Coffee Filters', price: 9, url: '/p/filters' },
];

afterEach(cleanup);
beforeEach(() => {
  storeProducts.value = new Map(PRODUCTS.map((p) => [p.id, p]));
  cart.value = { items: [], count: 0, subtotal: 0 };
});

describe('the product page', () => {
  it('renders the product of its id, and a slot that names it, inside the one layout', () => {
    const { container } = render(<ProductPage productId="phone-x" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Phone X' })).toBeTruthy();
    expect(screen.getByText('Rated 4.6 out of 5 (1,200 reviews)')).toBeTruthy();
    const slot = container.querySelector('[data-offerwise]');
    expect(slot?.getAttribute('data-product')).toBe('phone-x');
    expect(slot?.hasAttribute('data-cart')).toBe(false);
    expect(within(screen.getByRole('main')).getByRole('button', { name: 'Add to cart' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Browse the demo catalog' })).toBeTruthy();
  });

  it('says so for an unknown id', () => {
    render(<ProductPage productId="nope" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Product not found' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add to cart' })).toBeNull();
  });

  it('tells the slot the cart only when the page itself changed it, not after the widget\'s own adds', () => {
    const slot = createProductSlot('phone-x');
    act(() => void (cart.value = { items: [{ id: 'phone-x', title: 'Phone X', price: 799, quantity: 1 }], count: 1, subtotal: 799 }));
    expect(slot.attributes.value).toEqual({ 'data-product': 'phone-x' });
    slot.syncCart();
    expect(slot.attributes.value).toEqual({ 'data-product': 'phone-x', 'data-cart': 'phone-x:1' });
  });
});

describe('the cart and account pages', () => {
  it('list the same cart as their slot, with the subtotal and the free-shipping note', () => {
    const { container } = render(<CartPage />);
    const table = screen.getByRole('table', { name: 'Items in your cart' });
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Skincare Starter Kit', 'Blister Tape', 'Subtotal']);
    expect(within(table).getByText('$42.00')).toBeTruthy();
    expect(screen.getByText('Add $8.00 more for free shipping (from $50.00).')).toBeTruthy();
    expect(container.querySelector('[data-offerwise]')?.getAttribute('data-cart')).toBe(CART_SLOT['data-cart']);
  });

  it('lists what the account slot says the shopper owns', () => {
    render(<AccountPage />);
    const history = screen.getByRole('region', { name: 'Your purchases' });
    expect(within(history).getByRole('link', { name: 'Coffee Filters' })).toBeTruthy();
    expect(history.textContent).toContain('· bought 2026-08-01');
  });
});

describe('shippingNote', () => {
  it('counts down to free shipping, then says it ships free; no threshold, no note', () => {
    expect(shippingNote(42, 50, formatPrice)).toBe('Add $8.00 more for free shipping (from $50.00).');
    expect(shippingNote(50, 50, formatPrice)).toBe('Your order ships free.');
    expect(shippingNote(10, 0, formatPrice)).toBeNull();
  });
});
