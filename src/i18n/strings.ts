/**
 * Every word the cards show. English is the fallback; a store overrides any key through
 * the `strings` object of the page's context block (README, "Text and languages").
 * Placeholders: {title} the offered product, {anchor} the product it relates to,
 * {amount} a formatted price, {percent}, {rating}, {count}.
 */
export const EN = {
  headingProduct: 'Goes well with this',
  headingCart: 'Complete your order',
  headingCheckout: 'Before you pay',
  headingPostPurchase: 'Make the most of your order',
  headingAccount: 'Recommended for you',
  headingAddon: 'Add to your order',
  headingUpgrade: 'Also consider',
  add: 'Add {title} to cart',
  addAddon: 'Add {title} to order',
  upgrade: 'Upgrade to {title}',
  dismiss: 'Not interested in {title}',
  adding: 'Adding…',
  addedButton: 'Added',
  added: '{title} added to cart',
  addedAddon: '{title} added to your order',
  failed: "Couldn't add {title}. Try again.",
  dismissed: "{title} won't be suggested again",
  reasonCrossSell: 'Goes well with {anchor}',
  reasonUpsell: 'An upgrade to {anchor}',
  reasonAddon: 'An add-on for {anchor}',
  reasonReorder: 'Time to restock: you bought this a while ago',
  proofCrossSell: '{percent} of customers who bought {anchor} added this',
  proofUpsell: '{percent} of customers who bought {anchor} chose this upgrade',
  proofRating: '{rating} out of 5 ({count} reviews)',
  priceDelta: '+{amount}',
  priceDeltaLabel: '{amount} more than {anchor}',
  freeShipping: 'Unlocks free shipping',
};

export type StringKey = keyof typeof EN;
export type Strings = Record<StringKey, string>;




/**
 * Built-in languages besides English, by primary subtag. Each is a chunk (`offerwise-de.js`,
 * src/chunks/de.ts) that a page with that locale loads while its catalog downloads; others
 * fall back to English (overridable).
 */
export const LANGUAGES = ['de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const languageOf = (locale: string): Language | undefined =>
  LANGUAGES.find((l) => l === locale.split('-')[0]!.toLowerCase());

/**
 * Strings: English, then the locale's language pack, then the store's overrides (the context
 * block's `strings`, already read to known keys with text of 1 to 300 characters).
 */
export const stringsFor = (pack?: Partial<Strings>, overrides?: Record<string, string>): Strings => ({
  ...EN,
  ...pack,
  ...overrides,
});

/** Fill `{name}` placeholders; unknown ones are left as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) =>
    Object.hasOwn(values, k) ? String(values[k]) : m,
  );
}
