import { describe, expect, it } from 'vitest';
import { formatCart, parseCart } from './cart-lines';

describe('cart lines', () => {
  it('formats id:qty pairs', () => {
    expect(formatCart([{ id: 'a', qty: 1 }, { id: 'b', qty: 3 }])).toBe('a:1,b:3');
  });

  it('parses what it formats, with :qty optional', () => {
    expect(parseCart('a:1, b:3,c,,d:x')).toEqual([
      { id: 'a', qty: 1 },
      { id: 'b', qty: 3 },
      { id: 'c', qty: 1 },
      { id: 'd', qty: 1 },
    ]);
  });
});
