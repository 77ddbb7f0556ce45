/**
 * Offerwise domain types: the shapes that flow one way through the widget,
 * context → catalog → engine → ui → actions.
 *
 * Everything here is plain data. Validation happens once at the boundary
 * (catalog/parse-catalog.ts, config/read-config.ts); code past it trusts these types.
 */

/** Where on the store the widget runs (embed.md §3, rules.md R2/R3). */
export const PLACEMENTS = ['product', 'cart', 'checkout', 'post-purchase', 'account'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** Shopper segments (rules.md R6). */
export const SEGMENTS = ['new', 'returning', 'vip', 'lapsed'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const LINK_KINDS = ['cross-sell', 'upsell'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Upsell flavours (catalog.md, Link.upsell). */
export const UPSELL_TYPES = ['tier', 'premium', 'quantity', 'addon'] as const;
export type UpsellType = (typeof UPSELL_TYPES)[number];

export const THEMES = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof THEMES)[number];

/** A product node of the catalog graph, validated. */
export interface Product {
  id: string;
  title: string;
  price: number;
  url: string;
  image?: string;
  category?: string;
  /** @default true */
  inStock: boolean;
  cost?: number;
  rating?: number;
  reviewCount?: number;
  replenishDays?: number;
  variantId?: string;
}

/** A directed edge from an anchor product (or `category:<name>`) to an offered product. */
export interface Link {
  /** A product id, or `category:<name>` for a cold-start link (R11). */
  from: string;
  to: string;
  kind: LinkKind;
  /** Set for upsells only. @default 'premium' */
  upsell?: UpsellType;
  reason?: string;
  /** @default 1 */
  weight: number;
  attachRate?: number;
  lift?: number;
  orders?: number;
  placements?: Placement[];
  segments?: Segment[];
  minCartValue?: number;
}

/** Catalog settings with their defaults applied (catalog.md, Settings). */
export interface Settings {
  /** @default 5 */
  vipOrders: number;
  /** @default 1000 */
  vipSpend: number;
  /** @default 180 */
  lapsedDays: number;
  /** @default 1.0 */
  maxUpsellRatio: number;
  /** The fewest `orders` under a link's `attachRate` quoted as proof (R10). @default 20 */
  proofMinOrders: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  vipOrders: 5,
  vipSpend: 1000,
  lapsedDays: 180,
  maxUpsellRatio: 1,
  proofMinOrders: 20,
};

/** A validated, indexed catalog graph. Build it with `indexCatalog`. */
export interface Catalog {
  currency: string;
  settings: Settings;
  /** Products in catalog order. */
  products: Product[];
  /** Valid links in catalog order. */
  links: Link[];
  /** Products by id. */
  byId: Map<string, Product>;
  /** Catalog position of each product id (for the last ranking tie-break, R8). */
  order: Map<string, number>;
  /** Outgoing links per anchor product id. */
  linksFrom: Map<string, Link[]>;
  /** Outgoing links per category name (links `from: "category:<name>"`). */
  linksFromCategory: Map<string, Link[]>;
}

/**
 * What the engine reads of a catalog (choose.ts): its currency, its settings and lookups by
 * key, never a scan (R1). A `Catalog` is one; so is the offers API's view of the few shards a
 * request needs (server/shard-view.ts), which answers each lookup from the shards themselves.
 */
export interface CatalogLookup {
  currency: string;
  settings: Settings;
  byId: Lookup<Product>;
  order: Lookup<number>;
  linksFrom: Lookup<Link[]>;
  linksFromCategory: Lookup<Link[]>;
}

/** A read-only lookup by key (a `Map` is one). */
export interface Lookup<T> {
  get(key: string): T | undefined;
}

/** One cart (or order) line. */
export interface CartLine {
  id: string;
  qty: number;
}

/** A product the shopper owns; `purchasedAt` is `YYYY-MM-DD`. */
export interface OwnedItem {
  id: string;
  purchasedAt?: string;
}

/** What is known about the shopper (all optional: unknown is different from zero). */
export interface Customer {
  orders?: number;
  spent?: number;
  /** `YYYY-MM-DD` */
  lastOrder?: string;
  priceSensitive?: boolean;
}

/** Everything the engine needs to know about the page and the shopper. */
export interface Context {
  placement: Placement;
  /** The product the page shows, if any. */
  product?: string;
  cart: CartLine[];
  owned: OwnedItem[];
  customer: Customer;
  /** Product ids this visitor dismissed within the last 30 days. */
  dismissed: string[];
  /** Product ids already shown in earlier slots on this page. */
  exclude: string[];
  /** 1 or 2. */
  max: 1 | 2;
  /** Cart subtotal from which shipping is free. */
  freeShipping?: number;
}

/** Why an offer is shown, in data form; the UI turns it into words. */
export type Proof =
  | { type: 'attach'; attachRate: number; anchorTitle: string }
  | { type: 'rating'; rating: number; reviewCount: number };

/** One offer the engine chose. */
export interface Offer {
  product: Product;
  kind: LinkKind;
  /** For upsells. */
  upsell?: UpsellType;
  /** `swap` replaces a cart line (a quantity upsell on the cart). */
  action: 'add' | 'swap';
  /** The anchor product id this offer relates to. */
  anchor: string;
  /** The anchor's title, for text. */
  anchorTitle: string;
  /** With `swap`: the replaced line's product id. */
  replaces?: string;
  /** With `swap`: the replaced line's quantity; otherwise 1. */
  quantity: number;
  /** The link's reason, when it has one; otherwise the UI uses a default by kind. */
  reason?: string;
  /** A reorder of an owned consumable (R7). */
  reorder?: boolean;
  /** This offer closes the gap to free shipping (R9). */
  unlocksFreeShipping?: boolean;
  /** For upsells: price − anchor price. */
  priceDelta?: number;
  proof?: Proof;
}

/** The `offer` object carried by every DOM event's `detail` (embed.md §6). */
export interface OfferDetail {
  productId: string;
  kind: LinkKind;
  action: 'add' | 'swap';
  reason: string;
  price: number;
  position: number;
}
