import type { Strings } from './strings';

/** German, the `de` language pack (loaded as the `offerwise-de.js` chunk by the script tag). */
export const DE: Partial<Strings> = {
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
