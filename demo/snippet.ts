/**
 * The code a store pastes, for three kinds of store. Pure: the preview's choices in, text out.
 *
 * The snippet never carries the demo's own data: the script and catalog URLs are placeholders
 * the store replaces, and the values that change per page (product, cart) and per shopper
 * (owned, orders, spent, last order) are placeholders in plain HTML and template expressions
 * in Shopify Liquid and WooCommerce PHP. What the merchant chose in the preview (placement,
 * endpoint, cards, free shipping, locale, theme, holdout) is written as chosen.
 * Attribute names are embed.md §3's, in its order.
 */
import { escapeAttribute, type Holdout, type Locale, type Placement, type PreviewSettings, type Theme } from './preview-model';

export const PLATFORMS = ['html', 'liquid', 'woocommerce'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = {
  html: 'HTML',
  liquid: 'Shopify Liquid',
  woocommerce: 'WooCommerce PHP',
};

/** Where the store hosts `offerwise.js` (and its chunks, beside it). */
export const SCRIPT_URL_PLACEHOLDER = 'https://YOUR-STORE.example/offerwise.js';
/** The store's catalog (catalog.md). */
export const CATALOG_URL_PLACEHOLDER = '/offerwise/catalog.json';
/** The store's offers API (offers-api.md; `npx offerwise serve` answers `POST /offers`). */
export const ENDPOINT_URL_PLACEHOLDER = 'https://YOUR-STORE.example/offers';
/**
 * Where the store collects the widget's events (analytics.md). Written with a holdout: the
 * control group sees no cards, so only the events tell what the holdout was for (AOV lift).
 */
export const BEACON_URL_PLACEHOLDER = 'https://YOUR-STORE.example/offerwise-events';

/** The preview's choices that go into the snippet as they are. */
export interface SnippetChoices {
  placement: Placement;
  endpoint: boolean;
  max: 1 | 2;
  freeShipping?: number;
  locale: Locale;
  theme: Theme;
  holdout: Holdout;
}

/** The store's choices among the preview's settings (the demo shopper's segment and cart are not). */
export function snippetChoices(settings: PreviewSettings): SnippetChoices {
  const { placement, max, freeShipping, locale, theme, holdout } = settings;
  return { placement, endpoint: settings.offersFrom === 'endpoint', max, freeShipping, locale, theme, holdout };
}

/** A value the store fills in: per page (`product`, `cart`, `order`) or per shopper. */
export type Fill = 'product' | 'cart' | 'order' | 'owned' | 'orders' | 'spent' | 'lastOrder';
const SHOPPER_FILLS: ReadonlySet<Fill> = new Set<Fill>(['owned', 'orders', 'spent', 'lastOrder']);

type Value = { text: string } | { fill: Fill };
type Attribute = readonly [name: `data-${string}`, value: Value];

/** The script tag's attributes for these choices, in embed.md §3 order; `adapter` only where the platform has one. */
export function snippetAttributes(choices: SnippetChoices, adapter?: string): Attribute[] {
  const { placement } = choices;
  const attrs: Attribute[] = [['data-catalog', { text: CATALOG_URL_PLACEHOLDER }]];
  if (choices.endpoint) attrs.push(['data-endpoint', { text: ENDPOINT_URL_PLACEHOLDER }]);
  attrs.push(['data-placement', { text: placement }]);
  if (placement === 'product') attrs.push(['data-product', { fill: 'product' }]);
  // A product page's cart tells whether the shopper has already committed (rules.md R3).
  if (placement === 'product' || placement === 'cart' || placement === 'checkout') attrs.push(['data-cart', { fill: 'cart' }]);
  if (placement === 'post-purchase') attrs.push(['data-cart', { fill: 'order' }]);
  attrs.push(
    ['data-owned', { fill: 'owned' }],
    ['data-orders', { fill: 'orders' }],
    ['data-spent', { fill: 'spent' }],
    ['data-last-order', { fill: 'lastOrder' }],
  );
  // Defaults the widget already applies (2 cards, theme auto, no holdout) are left out; the
  // locale is always written because its default depends on the store's page.
  if (choices.max === 1) attrs.push(['data-max', { text: '1' }]);
  if (choices.freeShipping !== undefined) attrs.push(['data-free-shipping', { text: String(choices.freeShipping) }]);
  attrs.push(['data-locale', { text: choices.locale }]);
  if (choices.theme !== 'auto') attrs.push(['data-theme', { text: choices.theme }]);
  if (adapter) attrs.push(['data-cart-adapter', { text: adapter }]);
  if (choices.holdout > 0) attrs.push(['data-holdout', { text: String(choices.holdout) }], ['data-beacon', { text: BEACON_URL_PLACEHOLDER }]);
  return attrs;
}

interface Dialect {
  /** Wraps the comment's lines in the platform's comment syntax. */
  comment(lines: string[]): string[];
  /** Where each filled-in value comes from, for the comment. */
  source: Readonly<Record<Fill, string>>;
  /** A last line for the comment. */
  note: string;
  /** Template code before the tag (variables the attributes use). */
  prelude(placement: Placement): string[];
  /** The attribute value that fills `fill`, as it goes between the quotes. */
  fill(fill: Fill): string;
  /** Lines around the per-shopper attributes, so guests get none. */
  shopper: readonly [open: string, close: string];
  /** Lines around one attribute that may have no value (a customer with no order has no last order). */
  guard?: Partial<Record<Fill, readonly [open: string, close: string]>>;
  adapter?: string;
}

const INDENT = '        ';

const HTML_FILLS: Readonly<Record<Fill, string>> = {
  product: 'PRODUCT-ID',
  cart: 'PRODUCT-ID:QTY,PRODUCT-ID:QTY',
  order: 'PRODUCT-ID:QTY,PRODUCT-ID:QTY',
  owned: 'PRODUCT-ID@YYYY-MM-DD,PRODUCT-ID@YYYY-MM-DD',
  orders: 'ORDER-COUNT',
  spent: 'LIFETIME-SPEND',
  lastOrder: 'YYYY-MM-DD',
};

const html: Dialect = {
  comment: (lines) => lines.map((line, i) => `${i === 0 ? '<!-- ' : '     '}${line}${i === lines.length - 1 ? ' -->' : ''}`),
  source: {
    product: "the product's id in your catalog",
    cart: "the cart's lines, id:qty",
    order: "the order's lines, id:qty",
    owned: 'products bought, id@YYYY-MM-DD',
    orders: 'number of past orders',
    spent: 'lifetime spend, in catalog currency',
    lastOrder: "the last order's date",
  },
  note: 'Adds: listen for offerwise:add and call event.detail.waitUntil(yourAddToCart(event.detail)).',
  prelude: () => [],
  fill: (fill) => HTML_FILLS[fill],
  shopper: ['', ''],
};

/** `{% for %}` over `items` as `id:qty`, comma-separated. */
const liquidLines = (items: string) =>
  `{% for item in ${items} %}{{ item.product_id }}:{{ item.quantity }}{% unless forloop.last %},{% endunless %}{% endfor %}`;

const liquid: Dialect = {
  comment: (lines) => ['{%- comment -%}', ...lines.map((line) => `  ${line}`), '{%- endcomment -%}'],
  source: {
    product: 'product.id',
    cart: 'cart.items',
    order: 'checkout.line_items (order status page)',
    owned: 'customer.orders (the latest 20)',
    orders: 'customer.orders_count',
    spent: 'customer.total_spent',
    lastOrder: 'customer.last_order',
  },
  note: 'data-cart-adapter="shopify": adds go through /cart/add.js.',
  prelude: () => [
    '{%- capture offerwise_owned -%}',
    "  {%- for order in customer.orders -%}{%- for item in order.line_items -%}{{ item.product_id }}@{{ order.created_at | date: '%Y-%m-%d' }},{%- endfor -%}{%- endfor -%}",
    '{%- endcapture -%}',
  ],
  fill: (fill) =>
    ({
      product: '{{ product.id }}',
      cart: liquidLines('cart.items'),
      order: liquidLines('checkout.line_items'),
      owned: "{{ offerwise_owned | remove_last: ',' }}",
      orders: '{{ customer.orders_count }}',
      // Shopify money is in cents; the catalog's prices are in units.
      spent: '{{ customer.total_spent | divided_by: 100.0 }}',
      lastOrder: "{{ customer.last_order.created_at | date: '%Y-%m-%d' }}",
    })[fill],
  shopper: [`${INDENT}{%- if customer %}`, `${INDENT}{%- endif %}`],
  guard: { lastOrder: [`${INDENT}{%- if customer.last_order %}`, `${INDENT}{%- endif %}`] },
  adapter: 'shopify',
};

const php = (code: string) => `<?php echo esc_attr( ${code} ); ?>`;

const woocommerce: Dialect = {
  comment: (lines) => ['<?php', '/*', ...lines.map((line) => ` * ${line}`), ' */'],
  source: {
    product: 'the global $product',
    cart: 'WC()->cart',
    order: "the thank-you template's $order",
    owned: "the customer's orders (the latest 50)",
    orders: 'wc_get_customer_order_count()',
    spent: 'wc_get_customer_total_spent()',
    lastOrder: 'wc_get_customer_last_order()',
  },
  note: 'data-cart-adapter="woocommerce": adds go through the Store API.',
  prelude: (placement) => [
    ...(placement === 'product' ? ['global $product;'] : []),
    ...(placement === 'product' || placement === 'cart' || placement === 'checkout'
      ? [
          '$offerwise_cart = WC()->cart ? WC()->cart->get_cart() : array();',
          "$offerwise_lines = implode( ',', array_map( fn( $item ) => $item['product_id'] . ':' . $item['quantity'], $offerwise_cart ) );",
        ]
      : []),
    ...(placement === 'post-purchase'
      ? ["$offerwise_lines = implode( ',', array_map( fn( $item ) => $item->get_product_id() . ':' . $item->get_quantity(), $order->get_items() ) );"]
      : []),
    '$offerwise_customer = get_current_user_id();',
    '$offerwise_owned = array();',
    "foreach ( $offerwise_customer ? wc_get_orders( array( 'customer_id' => $offerwise_customer, 'status' => array( 'wc-processing', 'wc-completed' ), 'limit' => 50 ) ) : array() as $offerwise_order ) {",
    '\tforeach ( $offerwise_order->get_items() as $offerwise_item ) {',
    "\t\t$offerwise_owned[] = $offerwise_item->get_product_id() . '@' . $offerwise_order->get_date_created()->date( 'Y-m-d' );",
    '\t}',
    '}',
    '$offerwise_last = $offerwise_customer ? wc_get_customer_last_order( $offerwise_customer ) : false;',
    '?>',
  ],
  fill: (fill) =>
    ({
      product: php('$product->get_id()'),
      cart: php('$offerwise_lines'),
      order: php('$offerwise_lines'),
      owned: php("implode( ',', $offerwise_owned )"),
      orders: php('wc_get_customer_order_count( $offerwise_customer )'),
      spent: php('wc_get_customer_total_spent( $offerwise_customer )'),
      lastOrder: php("$offerwise_last->get_date_created()->date( 'Y-m-d' )"),
    })[fill],
  shopper: ['<?php if ( $offerwise_customer ) : ?>', '<?php endif; ?>'],
  guard: { lastOrder: ['<?php if ( $offerwise_last ) : ?>', '<?php endif; ?>'] },
  adapter: 'woocommerce',
};

/**
 * The comment above the tag: what to replace, then each filled-in attribute and where its
 * value comes from, per page and per shopper.
 */
function commentLines(dialect: Dialect, attrs: readonly Attribute[]): string[] {
  const has = (attribute: string) => attrs.some(([name]) => name === attribute);
  const filled = (shopper: boolean) =>
    attrs.flatMap(([name, value]) =>
      'fill' in value && SHOPPER_FILLS.has(value.fill) === shopper ? [`  ${name.padEnd(16)} ${dialect.source[value.fill]}`] : [],
    );
  const page = filled(false);
  return [
    `Offerwise: replace the script URL (where you host offerwise.js)${has('data-endpoint') ? ', data-endpoint (your offers API)' : ''}${
      has('data-beacon') ? ', data-beacon (where you collect events; the holdout is measured from them)' : ''
    }`,
    'and data-catalog (your catalog) with your own.',
    ...(page.length > 0 ? ['Filled in per page:', ...page] : ['Nothing to fill in per page: this placement works from the shopper.']),
    'Filled in per shopper (signed-in customers only; guests get none):',
    ...filled(true),
    dialect.note,
  ];
}

const DIALECTS: Readonly<Record<Platform, Dialect>> = { html, liquid, woocommerce };

/** The snippet for one platform: comment, template prelude, the slot, then the script tag. */
export function buildSnippet(platform: Platform, choices: SnippetChoices): string {
  const dialect = DIALECTS[platform];
  const attrs = snippetAttributes(choices, dialect.adapter);
  const line = ([name, value]: Attribute): string[] => {
    const text = `${INDENT}${name}="${'text' in value ? escapeAttribute(value.text) : dialect.fill(value.fill)}"`;
    const guard = 'fill' in value ? dialect.guard?.[value.fill] : undefined;
    return guard ? [guard[0], text, guard[1]] : [text];
  };
  const isShopper = ([, value]: Attribute) => 'fill' in value && SHOPPER_FILLS.has(value.fill);
  const before = attrs.slice(0, attrs.findIndex(isShopper));
  const shopper = attrs.filter(isShopper);
  const after = attrs.slice(attrs.findIndex(isShopper) + shopper.length);
  const [open, close] = dialect.shopper;
  const tag = [
    ...before.flatMap(line),
    ...(open ? [open] : []),
    ...shopper.flatMap(line),
    ...(close ? [close] : []),
    ...after.flatMap(line),
  ];
  return [
    ...dialect.comment(commentLines(dialect, attrs)),
    ...dialect.prelude(choices.placement),
    '<div data-offerwise></div>',
    `<script src="${SCRIPT_URL_PLACEHOLDER}" defer`,
    `${tag.join('\n')}></script>`,
  ].join('\n');
}

/** Every platform's snippet, for the preview's tabs. */
export function buildSnippets(choices: SnippetChoices): Record<Platform, string> {
  return { html: buildSnippet('html', choices), liquid: buildSnippet('liquid', choices), woocommerce: buildSnippet('woocommerce', choices) };
}
