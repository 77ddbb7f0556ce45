import { Buffer } from 'node:buffer';

/** The orders of one pass over orders.csv, each a set of product indices, until the pass ends. */
export interface BasketStore {
  /** One line item: product `item` (an index) in order `orderId`. */
  add(orderId: string, item: number): void;
  /** Orders held. */
  readonly orders: number;
  /**
   * Each order's distinct products (a product on two lines of one order counts once). The
   * array is reused from one order to the next: copy it to keep it.
   */
  forEach(visit: (items: readonly number[]) => void): void;
}

/**
 * A compact store of baskets, for orders whose lines are scattered over the file.
 *
 * - Order id → order number: one Map entry per order, its value a small integer.
 * - The line items: linked lists in growable typed arrays (`heads[order]` → `product[i]`,
 *   `next[i]`), 8 bytes a line, where an array per order would cost ~100 bytes plus 8 a line
 *   and give the garbage collector an object per order to trace.
 * - Keys: canonical decimal ids (most shops' order numbers) as numbers, which cost less than
 *   strings; other ids kept as copies that pin no chunk of the file (see `detach`).
 */
export function createBasketStore(productCount: number): BasketStore {
  const orderOf = new Map<number | string, number>();
  let heads = new Int32Array(1 << 12);
  let product = new Int32Array(1 << 16);
  let next = new Int32Array(1 << 16);
  let lines = 0;

  return {
    add(orderId, item) {
      const key = orderKey(orderId);
      let order = orderOf.get(key);
      if (order === undefined) {
        order = orderOf.size;
        orderOf.set(typeof key == 'string' ? detach(key) : key, order);
        if (order === heads.length) heads = grow(heads);
        heads[order] = -1;
      }
      if (lines === product.length) {
        product = grow(product);
        next = grow(next);
      }
      product[lines] = item;
      next[lines] = heads[order]!;
      heads[order] = lines++;
    },
    get orders() {
      return orderOf.size;
    },
    forEach(visit) {
      // A stamp per product, so finding an order's distinct products allocates nothing.
      const stamp = new Int32Array(productCount).fill(-1);
      const items: number[] = [];
      for (let order = 0; order < orderOf.size; order++) {
        items.length = 0;
        for (let at = heads[order]!; at >= 0; at = next[at]!) {
          const p = product[at]!;
          if (stamp[p] !== order) {
            stamp[p] = order;
            items.push(p);
          }
        }
        visit(items);
      }
    },
  };
}

/** A copy of `a` with twice the room. */
function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

/**
 * An order id as a map key: a canonical decimal up to 15 digits (exact as a double) as a
 * number; any other id as is. `0123` stays a string, so two ids never share a key.
 */
function orderKey(id: string): number | string {
  return /^(0|[1-9]\d{0,14})$/.test(id) ? Number(id) : id;
}

/**
 * A copy of `s` that shares no memory with the text it was cut from. A string cut from a
 * chunk with `slice` is a V8 "sliced string" pointing into the chunk; keeping one as a map key
 * would keep its whole chunk alive, and memory would grow with the file. (csv-parse's fields
 * are fresh strings, so for them this is only a safeguard. V8 copies slices shorter than
 * 13 characters anyway.)
 */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
