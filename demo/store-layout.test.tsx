// @vitest-environment happy-dom
import { h } from 'preact';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cart } from './cart-client';
import { STORE_PAGES } from './demo-pages';
import { StoreLayout } from './store-layout';

// Vitest runs without globals here, so Testing Library cannot register its own cleanup.
afterEach(cleanup);
beforeEach(() => {
  cart.value = { items: [{ id: 'pillows', title: 'Pillows', price: 40, quantity: 2 }], count: 2, subtotal: 80 };
});

describe('StoreLayout', () => {
  it.each(STORE_PAGES.map(({ page, label }) => [page, label] as const))(
    'frames the %s page: skip link, header with its navigation, the notice, main, footer',
    (page, label) => {
      render(<StoreLayout current={page}><h1>Page body</h1></StoreLayout>);
      const nav = within(screen.getByRole('banner')).getByRole('navigation', { name: 'Demo pages' });
      expect(within(nav).getByRole('link', { name: label, exact: true }).getAttribute('aria-current')).toBe('page');
      expect(nav.querySelectorAll('[aria-current]')).toHaveLength(1);
      expect(within(nav).getByRole('link', { name: 'Preview panel' }).getAttribute('href')).toBe('/');
      expect(screen.getByRole('complementary', { name: 'About this demo' }).textContent).toContain('signed in as Ada');
      const main = screen.getByRole('main');
      expect(within(main).getByRole('heading', { level: 1, name: 'Page body' })).toBeTruthy();
      expect(screen.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe(`#${main.id}`);
      expect(main.tabIndex).toBe(-1);
      expect(screen.getByRole('contentinfo').textContent).toContain('Northwind Goods is a demo store');
    },
  );

  it('shows the cart count from the cart signal, and "Empty the demo cart" empties it', () => {
    const onEmptyCart = vi.fn();
    render(<StoreLayout current="cart" onEmptyCart={onEmptyCart}><p>x</p></StoreLayout>);
    expect(screen.getByRole('link', { name: 'Cart items: 2' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Empty the demo cart' }));
    expect(cart.value.count).toBe(0);
    expect(screen.getByRole('link', { name: 'Cart items: 0' })).toBeTruthy();
    expect(onEmptyCart).toHaveBeenCalledOnce();
  });
});
