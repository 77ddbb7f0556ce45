import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Customer, type OwnedItem, type Segment } from '../types';
import { segmentOf } from './segment';
import { TODAY, daysAgo } from './test-fixtures';

const owns: OwnedItem[] = [{ id: 'case-x', purchasedAt: daysAgo(20) }];

describe('segmentOf (default settings: vip 5 orders or 1000 spent, lapsed after 180 days)', () => {
  it.each<[string, Customer, OwnedItem[], Segment]>([
    ['nothing known', {}, [], 'new'],
    ['zero orders', { orders: 0 }, [], 'new'],
    ['zero orders and zero spend', { orders: 0, spent: 0 }, [], 'new'],
    ['an unparseable last order only', { lastOrder: 'last week' }, [], 'new'],
    ['nothing known but something owned', {}, owns, 'returning'],
    ['zero orders but something owned', { orders: 0 }, owns, 'returning'],
    ['unknown orders but a known spend', { spent: 50 }, [], 'returning'],
    ['unknown orders but a known recent last order', { lastOrder: daysAgo(3) }, [], 'returning'],
    ['one order', { orders: 1 }, [], 'returning'],
    ['4 orders, 999 spent (just below both vip bounds)', { orders: 4, spent: 999 }, [], 'returning'],
    ['5 orders (vip bound inclusive)', { orders: 5 }, [], 'vip'],
    ['1000 spent (vip bound inclusive)', { orders: 1, spent: 1000 }, [], 'vip'],
    ['last order exactly 180 days ago', { orders: 2, lastOrder: daysAgo(180) }, [], 'returning'],
    ['last order 181 days ago', { orders: 2, lastOrder: daysAgo(181) }, [], 'lapsed'],
    ['an old last order with unknown orders', { lastOrder: daysAgo(400) }, [], 'lapsed'],
    ['vip and 400 days away (vip before lapsed)', { orders: 9, lastOrder: daysAgo(400) }, [], 'vip'],
    ['big spender and 400 days away (vip before lapsed)', { orders: 2, spent: 5000, lastOrder: daysAgo(400) }, [], 'vip'],
    ['an impossible last-order date', { orders: 2, lastOrder: '2026-02-30' }, [], 'returning'],
    ['a last order dated in the future', { orders: 2, lastOrder: '2027-01-01' }, [], 'returning'],
    ['unknown lastOrder', { orders: 2 }, [], 'returning'],
  ])('R6: %s → %s', (_, customer, owned, segment) => {
    expect(segmentOf(customer, owned, DEFAULT_SETTINGS, TODAY)).toBe(segment);
  });

  it.each<[string, Customer, Segment]>([
    ['3 orders with vipOrders 3', { orders: 3 }, 'vip'],
    ['200 spent with vipSpend 200', { orders: 1, spent: 200 }, 'vip'],
    ['last order 31 days ago with lapsedDays 30', { orders: 1, lastOrder: daysAgo(31) }, 'lapsed'],
    ['last order 30 days ago with lapsedDays 30', { orders: 1, lastOrder: daysAgo(30) }, 'returning'],
  ])('R6: catalog settings move the bounds: %s → %s', (_, customer, segment) => {
    const settings = { ...DEFAULT_SETTINGS, vipOrders: 3, vipSpend: 200, lapsedDays: 30 };
    expect(segmentOf(customer, [], settings, TODAY)).toBe(segment);
  });

  it('R6: an invalid today never makes anyone lapsed', () => {
    expect(segmentOf({ orders: 2, lastOrder: '2020-01-01' }, [], DEFAULT_SETTINGS, 'today')).toBe('returning');
  });
});
