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

const DE: Partial<Strings> = {
  headingProduct: 'Passt gut dazu',
  headingCart: 'Vervollständigen Sie Ihre Bestellung',
  headingCheckout: 'Bevor Sie bezahlen',
  headingPostPurchase: 'Holen Sie mehr aus Ihrer Bestellung',
  headingAccount: 'Empfehlungen für Sie',
  headingAddon: 'Zu Ihrer Bestellung hinzufügen',
  add: '{title} in den Warenkorb legen',
  addAddon: '{title} zur Bestellung hinzufügen',
  upgrade: 'Upgrade auf {title}',
  dismiss: 'Kein Interesse an {title}',
  adding: 'Wird hinzugefügt…',
  addedButton: 'Hinzugefügt',
  added: '{title} wurde in den Warenkorb gelegt',
  addedAddon: '{title} wurde Ihrer Bestellung hinzugefügt',
  failed: '{title} konnte nicht hinzugefügt werden. Bitte erneut versuchen.',
  dismissed: '{title} wird nicht mehr vorgeschlagen',
  reasonCrossSell: 'Passt zu {anchor}',
  reasonUpsell: 'Ein Upgrade für {anchor}',
  reasonReorder: 'Zeit zum Nachkaufen: Ihr letzter Kauf ist eine Weile her',
  proofCrossSell: '{percent} der Kunden, die {anchor} gekauft haben, nahmen dies dazu',
  proofUpsell: '{percent} der Kunden, die {anchor} gekauft haben, wählten dieses Upgrade',
  proofRating: '{rating} von 5 ({count} Bewertungen)',
  priceDeltaLabel: '{amount} mehr als {anchor}',
  freeShipping: 'Damit ist der Versand kostenlos',
};


/** Built-in languages by primary subtag; others fall back to English (overridable). */
const LANGUAGES: Record<string, Partial<Strings>> = { de: DE };

/**
 * Strings for a locale: English, then the locale's language, then the store's overrides
 * (the context block's `strings`, already read to known keys with text of 1 to 300 characters).
 */
export const stringsFor = (locale: string, overrides?: Record<string, string>): Strings => ({
  ...EN,
  ...LANGUAGES[locale.split('-')[0]!.toLowerCase()],
  ...overrides,
});

/** Fill `{name}` placeholders; unknown ones are left as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) =>
    Object.hasOwn(values, k) ? String(values[k]) : m,
  );
}
