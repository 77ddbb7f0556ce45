import { isObject, own } from '../catalog/field-rules';
import type { CartLine } from '../types';
import { addLines, idOf, quantity } from './page-context';

/**
 * The platform's own cart (embed.md §5, last source) from its answer:
 * - Shopify `GET /cart.js`: `{items: [{id (the variant), product_id, quantity, key, …}]}`; a
 *   line's id is its `product_id` (catalog ids are the platform's product ids).
 * - WooCommerce Store API `GET /wp-json/wc/store/v1/cart`: `{items: [{key, id, quantity, …}]}`;
 *   a line's id is its `id` (for a variation, the variation's: the answer names no parent).
 * Lines of one product (two variants) are summed; an item
 * without an id or a whole quantity ≥ 1 is skipped. Swaps find their line by `key` at swap
 * time (chunks/cart.ts), so no keys are kept here. Undefined for an answer with no `items` list.
 */
export function readPlatformCart(platform: 'shopify' | 'woocommerce', answer: unknown): CartLine[] | undefined {
  const items = isObject(answer) && own(answer, 'items');
  if (!Array.isArray(items)) return undefined;
  const key = platform == 'shopify' ? 'product_id' : 'id';
  const lines = items.slice(0, 500).flatMap((item) => {
    if (!isObject(item)) return [];
    const id = idOf(own(item, key));
    const qty = quantity(own(item, 'quantity'));
    return id && qty ? [{ id, qty }] : [];
  });
  return addLines([], lines);
}
