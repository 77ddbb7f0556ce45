import { describe, expect, it } from 'vitest';
import { createBasketStore } from './basket-store';

const baskets = (store: ReturnType<typeof createBasketStore>) => {
  const out: number[][] = [];
  store.forEach((items) => out.push([...items].sort((a, b) => a - b)));
  return out;
};

describe('createBasketStore', () => {
  it('gathers scattered lines into one basket per order, each product once', () => {
    const store = createBasketStore(5);
    for (const [order, item] of [['A-1000000000001', 0], ['7', 1], ['A-1000000000001', 2], ['7', 1], ['A-1000000000001', 0], ['9', 4]] as const)
      store.add(order, item);
    expect(store.orders).toBe(3);
    expect(baskets(store)).toEqual([[0, 2], [1], [4]]);
  });

  it('keeps ids that only look alike apart ("0123" and "123", "1e3" and "1000")', () => {
    const store = createBasketStore(2);
    for (const id of ['123', '0123', '1000', '1e3', '1000.0']) store.add(id, 0);
    expect(store.orders).toBe(5);
  });

  it('grows past its first capacity', () => {
    const store = createBasketStore(3);
    for (let i = 0; i < 100_000; i++) store.add(String(i % 20_000), i % 3);
    expect(store.orders).toBe(20_000);
    const all = baskets(store);
    expect(all[0]).toEqual([0, 1, 2]);
    expect(all.every((b) => b.length === 3)).toBe(true);
  });
});
