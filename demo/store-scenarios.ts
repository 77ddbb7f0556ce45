/**
 * The fixed scenario of each store page: what its slot says (embed.md §3). The page's own
 * tables read the same values, so the page and the widget always describe the same cart.
 * The signed-in customer (orders, spent, last order) is on each page's script tag.
 */
import type { SlotAttributes } from './widget-slot';

export const DEFAULT_PRODUCT = 'blender-basic';

/** The cart page's slot, in the cart summary. */
export const CART_SLOT = { 'data-cart': 'skincare-starter:1,blister-tape:1', 'data-free-shipping': '50' } as const satisfies SlotAttributes;

/** The checkout's slot, above the place-order button: add-ons only (warranty, shipping). */
export const CHECKOUT_SLOT = { 'data-cart': 'coffee-machine:1,coffee-filters:2' } as const satisfies SlotAttributes;

/** After the order: care kits and refills for what was just bought. */
export const ORDER_SLOT = { 'data-cart': 'coffee-machine:1' } as const satisfies SlotAttributes;

/** The account area. The filters are past their 60-day refill. */
export const ACCOUNT_SLOT = {
  'data-owned': 'coffee-filters@2026-08-01,coffee-machine@2026-08-01,running-shoes@2026-05-02',
} as const satisfies SlotAttributes;

/** The product page's "Browse the demo catalog" links. */
export const BROWSE = [
  ['phone-x', 'Phone X'],
  ['phone-lite', 'Phone Lite (category fallback)'],
  ['coffee-machine', 'Espresso Machine'],
  ['gooseneck-kettle', 'Gooseneck Kettle (category fallback)'],
  ['blender-basic', 'Blender Basic'],
  ['skincare-starter', 'Skincare Starter Kit'],
  ['necklace-silver', 'Silver Necklace'],
  ['necklace-rose-gold', 'Rose Gold Necklace (visual links)'],
  ['running-shoes', 'Trail Runner Shoes'],
  ['mattress', 'Mattress'],
  ['wireless-charger', 'Wireless Charger (out of stock)'],
] as const;

/** The cart summary's line about free shipping, or null without a threshold. */
export function shippingNote(subtotal: number, threshold: number, format: (value: number) => string): string | null {
  if (!(threshold > 0)) return null;
  return subtotal >= threshold
    ? 'Your order ships free.'
    : `Add ${format(threshold - subtotal)} more for free shipping (from ${format(threshold)}).`;
}
