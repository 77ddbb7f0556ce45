import { afterEach, describe, expect, it } from 'vitest';
import { safeJson } from './safe-json';

describe('safeJson', () => {
  afterEach(() => {
    delete (Array.prototype as { toJSON?: unknown }).toJSON;
    delete (Object.prototype as { toJSON?: unknown }).toJSON;
    delete (Object.prototype as { polluted?: unknown }).polluted;
  });

  const event = { t: 'purchase', orderId: 'o-1', value: 12.5, items: [{ id: 'a"b', qty: 1, offer: undefined }, { id: 'c' }], n: null };

  it('equals JSON.stringify on a clean page', () => {
    expect(safeJson(event)).toBe(JSON.stringify(event));
  });

  it("is not changed by a page's polluted prototypes", () => {
    const clean = JSON.stringify(event);
    Object.defineProperty(Array.prototype, 'toJSON', { value: () => 'hijacked', configurable: true, writable: true });
    Object.defineProperty(Object.prototype, 'polluted', { value: 1, enumerable: true, configurable: true, writable: true });
    expect(JSON.stringify(event)).not.toBe(clean); // the pollution does bite JSON.stringify
    expect(safeJson(event)).toBe(clean);
    Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'hijacked', configurable: true, writable: true });
    expect(safeJson(event)).toBe(clean);
  });
});
