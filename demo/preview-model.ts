/**
 * The preview panel's pure logic: form → settings → slot attributes (the snippet a store
 * pastes is snippet.ts). No DOM here (FormData is a plain web API), so it is unit-tested in Node.
 *
 * The names mirror embed.md §3 on purpose; the panel is a store's view of the public
 * contract, so it does not import the widget's internals.
 */
import { formatCart, type CartLine } from './cart-lines';

export const PLACEMENTS = ['product', 'cart', 'checkout', 'post-purchase', 'account'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** Shopper segments of rules.md R6. */
export const SEGMENTS = ['new', 'returning', 'vip', 'lapsed'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const THEMES = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof THEMES)[number];

export const LOCALES = ['en-US', 'de-DE', 'en-GB'] as const;
export type Locale = (typeof LOCALES)[number];

/** The holdout shares the panel offers (embed.md allows 0 to 50): off, a typical test, the extreme. */
export const HOLDOUTS = [0, 10, 50] as const;
export type Holdout = (typeof HOLDOUTS)[number];

/** Where the preview slot gets its offers: the catalog, in the browser, or the demo's offers endpoint. */
export const OFFER_SOURCES = ['catalog', 'endpoint'] as const;
export type OfferSource = (typeof OFFER_SOURCES)[number];

/** The demo's offers endpoint (offers-api.md), played in the page by MSW (mocks/handlers.ts). */
export const DEMO_ENDPOINT = '/demo-offers';

export interface PreviewSettings {
  /** `endpoint` adds `data-endpoint`; `data-catalog` stays, so a failed request falls back to it. */
  offersFrom: OfferSource;
  placement: Placement;
  segment: Segment;
  priceSensitive: boolean;
  /** The product page's product (used by the `product` placement only). */
  product: string;
  cart: CartLine[];
  theme: Theme;
  locale: Locale;
  max: 1 | 2;
  /** Free-shipping threshold; absent means none. */
  freeShipping?: number;
  /** Percent of visitors in the control group that sees no cards (R12). */
  holdout: Holdout;
}

export const DEFAULT_SETTINGS: Readonly<PreviewSettings> = {
  offersFrom: 'catalog',
  placement: 'product',
  segment: 'returning',
  priceSensitive: false,
  product: 'blender-basic',
  cart: [],
  theme: 'auto',
  locale: 'en-US',
  max: 2,
  holdout: 0,
};

/** Every slot attribute the panel sets or removes, in the order of embed.md §3. */
export const MANAGED_ATTRIBUTES = [
  'data-endpoint',
  'data-placement',
  'data-product',
  'data-cart',
  'data-owned',
  'data-orders',
  'data-spent',
  'data-last-order',
  'data-price-sensitive',
  'data-max',
  'data-free-shipping',
  'data-locale',
  'data-theme',
  'data-holdout',
] as const;
export type ManagedAttribute = (typeof MANAGED_ATTRIBUTES)[number];
export type Attributes = Partial<Record<ManagedAttribute, string>>;

const MAX_QTY = 99;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD`, `days` before `today` (also `YYYY-MM-DD`), in UTC. */
export function daysBefore(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

interface Profile {
  orders: number;
  spent?: number;
  lastOrderDaysAgo?: number;
  /** Owned products and how many days ago they were bought. */
  owned: ReadonlyArray<readonly [id: string, daysAgo: number]>;
}

/**
 * Example shoppers, one per segment, for the catalog's settings (vipOrders 5, vipSpend 1000,
 * lapsedDays 180). Returning and VIP shoppers own coffee filters bought more than their
 * 60 `replenishDays` ago, so the account placement shows a due reorder (R7).
 */
const PROFILES: Readonly<Record<Segment, Profile>> = {
  new: { orders: 0, owned: [] },
  returning: { orders: 2, spent: 240, lastOrderDaysAgo: 30, owned: [['coffee-machine', 30], ['coffee-filters', 75]] },
  vip: {
    orders: 8,
    spent: 1850,
    lastOrderDaysAgo: 12,
    owned: [['phone-x', 12], ['coffee-machine', 120], ['coffee-filters', 70], ['running-shoes', 200]],
  },
  lapsed: { orders: 2, spent: 310, lastOrderDaysAgo: 400, owned: [['running-shoes', 400], ['necklace-silver', 420]] },
};

/** The customer attributes that put a shopper in `segment` under rules.md R6. */
export function segmentAttributes(segment: Segment, today: string): Attributes {
  const profile = PROFILES[segment];
  const attrs: Attributes = {};
  if (profile.owned.length > 0) {
    attrs['data-owned'] = profile.owned.map(([id, ago]) => `${id}@${daysBefore(today, ago)}`).join(',');
  }
  attrs['data-orders'] = String(profile.orders);
  if (profile.spent !== undefined) attrs['data-spent'] = String(profile.spent);
  if (profile.lastOrderDaysAgo !== undefined) {
    attrs['data-last-order'] = daysBefore(today, profile.lastOrderDaysAgo);
  }
  return attrs;
}

/**
 * The live preview slot's attributes for these settings, the demo shopper's included.
 * Defaults the widget already applies (`max` 2, theme `auto`, not price-sensitive, no
 * holdout) are left out; the locale is always written because its default depends on the page.
 */
export function toAttributes(settings: PreviewSettings, today: string): Attributes {
  const segment = segmentAttributes(settings.segment, today);
  const attrs: Attributes = { 'data-placement': settings.placement };
  if (settings.offersFrom === 'endpoint') attrs['data-endpoint'] = DEMO_ENDPOINT;
  if (settings.placement === 'product' && settings.product) attrs['data-product'] = settings.product;
  if (settings.cart.length > 0) attrs['data-cart'] = formatCart(settings.cart);
  Object.assign(attrs, segment);
  if (settings.priceSensitive) attrs['data-price-sensitive'] = 'true';
  if (settings.max === 1) attrs['data-max'] = '1';
  if (settings.freeShipping !== undefined) attrs['data-free-shipping'] = String(settings.freeShipping);
  attrs['data-locale'] = settings.locale;
  if (settings.theme !== 'auto') attrs['data-theme'] = settings.theme;
  if (settings.holdout > 0) attrs['data-holdout'] = String(settings.holdout);
  // Re-key in MANAGED_ATTRIBUTES order, the order of the spec's table.
  const ordered: Attributes = {};
  for (const name of MANAGED_ATTRIBUTES) {
    const value = attrs[name];
    if (value !== undefined) ordered[name] = value;
  }
  return ordered;
}

/** Escape a value for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A one-line JSON view of an event's `detail` for the panel's log: functions dropped
 * (`waitUntil`), offers reduced to what identifies them, cut at `maxLength`.
 */
export function summarizeDetail(detail: unknown, maxLength = 160): string {
  const json = JSON.stringify(detail, (key, value: unknown) => {
    if (typeof value === 'function') return undefined;
    if (key === 'offers' && Array.isArray(value)) return value.map((offer) => idOf(offer) ?? offer);
    if (key === 'offer' && typeof value === 'object' && value !== null) {
      const { productId, kind, action, position } = value as Record<string, unknown>;
      return { productId, kind, action, position };
    }
    return value;
  });
  const text = json ?? String(detail);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function idOf(offer: unknown): unknown {
  return typeof offer === 'object' && offer !== null ? (offer as { productId?: unknown }).productId : undefined;
}

function pick<T extends string | number>(allowed: readonly T[], value: FormDataEntryValue | null, fallback: T): T {
  return allowed.find((item) => String(item) === value) ?? fallback;
}

function toQuantity(value: FormDataEntryValue | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_QTY) : 1;
}

/**
 * Read the panel's form. Field names: `offersFrom`, `placement`, `segment`, `priceSensitive` (checkbox),
 * `product`, `cart` (checkboxes, value = id) with `qty-<id>` quantities, `theme`, `locale`,
 * `max`, `freeShipping` (empty = none), `holdout`. Unknown values fall back to the defaults.
 */
export function settingsFromForm(form: FormData): PreviewSettings {
  const rawShipping = String(form.get('freeShipping') ?? '').trim();
  const freeShipping = Number(rawShipping);
  const settings: PreviewSettings = {
    offersFrom: pick(OFFER_SOURCES, form.get('offersFrom'), DEFAULT_SETTINGS.offersFrom),
    placement: pick(PLACEMENTS, form.get('placement'), DEFAULT_SETTINGS.placement),
    segment: pick(SEGMENTS, form.get('segment'), DEFAULT_SETTINGS.segment),
    priceSensitive: form.get('priceSensitive') !== null,
    product: String(form.get('product') ?? DEFAULT_SETTINGS.product),
    cart: form.getAll('cart').map((id) => ({ id: String(id), qty: toQuantity(form.get(`qty-${String(id)}`)) })),
    theme: pick(THEMES, form.get('theme'), DEFAULT_SETTINGS.theme),
    locale: pick(LOCALES, form.get('locale'), DEFAULT_SETTINGS.locale),
    max: form.get('max') === '1' ? 1 : 2,
    holdout: pick(HOLDOUTS, form.get('holdout'), DEFAULT_SETTINGS.holdout),
  };
  if (rawShipping !== '' && Number.isFinite(freeShipping) && freeShipping >= 0) settings.freeShipping = freeShipping;
  return settings;
}
