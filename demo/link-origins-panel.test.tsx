// @vitest-environment happy-dom
import { h } from 'preact';
import { signal } from '@preact/signals';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogLinks, storeProducts, type StoreProduct } from './catalog-data';
import { LinkOriginsPanel } from './link-origins-panel';
import type { RenderedOffer } from './link-origins';

const PRODUCTS: StoreProduct[] = [
  { id: 'necklace-gold', title: '14k Gold Pendant Necklace', price: 220, url: '/p/n', category: 'necklaces' },
  { id: 'ring-gold', title: '14k Gold Band Ring', price: 160, url: '/p/r', category: 'rings' },
  { id: 'express-shipping', title: 'Express Shipping', price: 15, url: '/p/e' },
];

afterEach(cleanup);
beforeEach(() => {
  storeProducts.value = new Map(PRODUCTS.map((p) => [p.id, p]));
  catalogLinks.value = [
    { from: 'necklace-gold', to: 'ring-gold', kind: 'cross-sell', reason: 'Matches the look of 14k Gold Pendant Necklace', weight: 0.49, source: 'visual', similarity: 0.984 },
    { from: 'necklace-gold', to: 'express-shipping', kind: 'upsell', reason: 'Arrives in time', source: 'curated' },
  ];
});

describe('LinkOriginsPanel', () => {
  it('shows, once asked, each card\'s anchor and where its link came from', () => {
    const offers = signal<readonly RenderedOffer[]>([
      { productId: 'ring-gold', kind: 'cross-sell', reason: 'Matches the look of 14k Gold Pendant Necklace' },
      { productId: 'express-shipping', kind: 'upsell', reason: 'Arrives in time' },
    ]);
    render(<LinkOriginsPanel offers={offers} attributes={signal({ 'data-product': 'necklace-gold' })} />);
    expect(screen.queryByRole('table')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show where each card’s link came from' }));
    const table = screen.getByRole('table', { name: 'Where each card’s link came from' });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['14k Gold Band Ring', '14k Gold Pendant Necklace', 'visual (similarity 0.98)'],
      ['Express Shipping', '14k Gold Pendant Necklace', 'curated'],
    ]);
  });

  it('says so when the latest render had no card', () => {
    render(<LinkOriginsPanel offers={signal([])} attributes={signal({})} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show where each card’s link came from' }));
    expect(screen.getByText('No cards in the latest render.')).toBeTruthy();
  });

  it('names, in aria-controls, an element that exists whether the origins are shown or not', () => {
    render(<LinkOriginsPanel offers={signal([])} attributes={signal({})} />);
    const box = screen.getByRole('checkbox', { name: 'Show where each card’s link came from' });
    const controlled = () => document.getElementById(box.getAttribute('aria-controls') ?? '');
    expect(controlled()?.hidden).toBe(true);
    fireEvent.click(box);
    expect(controlled()?.hidden).toBe(false);
    expect(within(controlled()!).getByText('No cards in the latest render.')).toBeTruthy();
  });
});
