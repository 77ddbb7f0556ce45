import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, PLACEMENTS, segmentAttributes, SEGMENTS } from './preview-model';
import {
  buildSnippet,
  buildSnippets,
  BEACON_URL_PLACEHOLDER,
  CATALOG_URL_PLACEHOLDER,
  ENDPOINT_URL_PLACEHOLDER,
  PLATFORMS,
  SCRIPT_URL_PLACEHOLDER,
  snippetChoices,
  type SnippetChoices,
} from './snippet';

/** embed.md §3's attributes, in its order: the only names a snippet may use. */
const SPEC_ATTRIBUTES = [
  'data-catalog',
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
  'data-currency',
  'data-theme',
  'data-heading-level',
  'data-cart-adapter',
  'data-holdout',
  'data-beacon',
  'data-consent',
  'data-target',
];

const BASE: SnippetChoices = snippetChoices(DEFAULT_SETTINGS);
const choices = (overrides: Partial<SnippetChoices>): SnippetChoices => ({ ...BASE, ...overrides });

/** The script tag's attribute names, in order (the slot `<div data-offerwise>` and comments left out). */
function tagAttributes(snippet: string): string[] {
  const tag = snippet.slice(snippet.indexOf('<script src='));
  return [...tag.matchAll(/^\s+(data-[a-z-]+)=/gm)].map((m) => m[1]!);
}

/** The value of one attribute in a snippet. */
const valueOf = (snippet: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(snippet)?.[1];

describe('buildSnippet, on every platform', () => {
  it.each(PLATFORMS)('%s: uses placeholders for the script and catalog URLs, never the demo\'s', (platform) => {
    const snippet = buildSnippet(platform, choices({ endpoint: true }));
    expect(snippet).toContain(`<div data-offerwise></div>\n<script src="${SCRIPT_URL_PLACEHOLDER}" defer\n`);
    expect(valueOf(snippet, 'data-catalog')).toBe(CATALOG_URL_PLACEHOLDER);
    expect(valueOf(snippet, 'data-endpoint')).toBe(ENDPOINT_URL_PLACEHOLDER);
    expect(snippet).not.toMatch(/127\.0\.0\.1|localhost|\/demo-offers|"\/catalog\.json"/);
    // The comment says which URLs to replace.
    expect(snippet).toMatch(/replace the script URL[^\n]*data-endpoint[^\n]*\n[^\n]*data-catalog/);
  });

  it.each(PLATFORMS)('%s: carries none of the demo shopper\'s values, in any segment', (platform) => {
    for (const segment of SEGMENTS) {
      const snippet = buildSnippet(platform, snippetChoices({ ...DEFAULT_SETTINGS, segment, cart: [{ id: 'phone-x', qty: 2 }] }));
      const shopper = segmentAttributes(segment, new Date().toISOString().slice(0, 10));
      for (const value of Object.values(shopper)) expect(snippet).not.toContain(`"${value}"`);
      expect(snippet).not.toMatch(/phone-x|coffee-filters|blender-basic/);
    }
  });

  it.each(PLATFORMS)('%s: uses only embed.md §3 attribute names, in its order', (platform) => {
    for (const placement of PLACEMENTS) {
      const names = tagAttributes(buildSnippet(platform, choices({ placement, endpoint: true, max: 1, freeShipping: 50, theme: 'dark', holdout: 10 })));
      expect(names.every((name) => SPEC_ATTRIBUTES.includes(name))).toBe(true);
      const positions = names.map((name) => SPEC_ATTRIBUTES.indexOf(name));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it.each(PLATFORMS)('%s: keeps the preview\'s choices as chosen', (platform) => {
    const snippet = buildSnippet(platform, choices({ placement: 'checkout', max: 1, freeShipping: 75, locale: 'de-DE', theme: 'dark', holdout: 50 }));
    expect(valueOf(snippet, 'data-placement')).toBe('checkout');
    expect(valueOf(snippet, 'data-max')).toBe('1');
    expect(valueOf(snippet, 'data-free-shipping')).toBe('75');
    expect(valueOf(snippet, 'data-locale')).toBe('de-DE');
    expect(valueOf(snippet, 'data-theme')).toBe('dark');
    expect(valueOf(snippet, 'data-holdout')).toBe('50');
  });

  it.each(PLATFORMS)('%s: with a holdout, also sends the events somewhere (a beacon placeholder), or the holdout measures nothing', (platform) => {
    const snippet = buildSnippet(platform, choices({ holdout: 10 }));
    expect(tagAttributes(snippet).slice(-2)).toEqual(['data-holdout', 'data-beacon']);
    expect(valueOf(snippet, 'data-beacon')).toBe(BEACON_URL_PLACEHOLDER);
    expect(snippet).toMatch(/replace the script URL[^\n]*data-beacon \(where you collect events/);
  });

  it.each(PLATFORMS)('%s: leaves out what the widget defaults to, but always writes the locale', (platform) => {
    const names = tagAttributes(buildSnippet(platform, BASE));
    for (const name of ['data-endpoint', 'data-max', 'data-free-shipping', 'data-theme', 'data-holdout', 'data-beacon']) expect(names).not.toContain(name);
    expect(names).toContain('data-locale');
  });

  it.each(PLATFORMS)('%s: marks the per-page and per-shopper values in its comment', (platform) => {
    const snippet = buildSnippet(platform, choices({ placement: 'product' }));
    const comment = snippet.slice(0, snippet.indexOf('<div data-offerwise>'));
    expect(comment).toMatch(/per page:\n.*data-product.*\n.*data-cart/);
    expect(comment).toMatch(/per shopper[^\n]*\n.*data-owned.*\n.*data-orders.*\n.*data-spent.*\n.*data-last-order/);
  });
});

describe('which values the store fills in', () => {
  const fills = (placement: SnippetChoices['placement']) => tagAttributes(buildSnippet('html', choices({ placement })));
  const SHOPPER = ['data-owned', 'data-orders', 'data-spent', 'data-last-order'];

  it('asks for the product and the cart on a product page, the cart in the cart and at checkout', () => {
    expect(fills('product')).toEqual(expect.arrayContaining(['data-product', 'data-cart', ...SHOPPER]));
    for (const placement of ['cart', 'checkout', 'post-purchase'] as const) {
      expect(fills(placement)).toContain('data-cart');
      expect(fills(placement)).not.toContain('data-product');
    }
  });

  it('asks only for the shopper on the account page', () => {
    expect(fills('account')).toEqual(['data-catalog', 'data-placement', ...SHOPPER, 'data-locale']);
    expect(buildSnippet('html', choices({ placement: 'account' }))).toContain('Nothing to fill in per page');
  });
});

describe('the HTML tab', () => {
  it('holds placeholders in the formats of embed.md §3', () => {
    const snippet = buildSnippet('html', BASE);
    expect(valueOf(snippet, 'data-product')).toBe('PRODUCT-ID');
    expect(valueOf(snippet, 'data-cart')).toBe('PRODUCT-ID:QTY,PRODUCT-ID:QTY');
    expect(valueOf(snippet, 'data-owned')).toBe('PRODUCT-ID@YYYY-MM-DD,PRODUCT-ID@YYYY-MM-DD');
    expect(valueOf(snippet, 'data-orders')).toBe('ORDER-COUNT');
    expect(valueOf(snippet, 'data-spent')).toBe('LIFETIME-SPEND');
    expect(valueOf(snippet, 'data-last-order')).toBe('YYYY-MM-DD');
  });

  it('is one HTML comment, the slot and the tag, and tells how to wire adds (the event adapter)', () => {
    const snippet = buildSnippet('html', BASE);
    expect(snippet.startsWith('<!-- ')).toBe(true);
    expect(snippet.match(/<!--/g)).toHaveLength(1);
    expect(snippet).toMatch(/offerwise:add[^\n]*waitUntil/);
    expect(snippet).not.toContain('data-cart-adapter');
    expect(snippet.endsWith('></script>')).toBe(true);
  });
});

describe('the Shopify Liquid tab', () => {
  const snippet = buildSnippet('liquid', BASE);

  it('fills the page from product and cart.items, rendered as id:qty', () => {
    expect(valueOf(snippet, 'data-product')).toBe('{{ product.id }}');
    expect(valueOf(snippet, 'data-cart')).toBe(
      '{% for item in cart.items %}{{ item.product_id }}:{{ item.quantity }}{% unless forloop.last %},{% endunless %}{% endfor %}',
    );
  });

  it('fills the shopper from customer, only when signed in', () => {
    expect(valueOf(snippet, 'data-orders')).toBe('{{ customer.orders_count }}');
    expect(valueOf(snippet, 'data-spent')).toBe('{{ customer.total_spent | divided_by: 100.0 }}');
    expect(valueOf(snippet, 'data-last-order')).toBe("{{ customer.last_order.created_at | date: '%Y-%m-%d' }}");
    expect(snippet).toMatch(/\{%- if customer %\}\n\s+data-owned=[\s\S]*data-last-order=[\s\S]*\{%- endif %\}\n\s+data-locale/);
  });

  it('balances its tags and uses the Shopify cart adapter', () => {
    const count = (re: RegExp) => snippet.match(re)?.length ?? 0;
    expect(count(/\{%-? (if|for|capture|comment|unless)\b/g)).toBe(count(/\{%-? end(if|for|capture|comment|unless)\b/g));
    expect(count(/\{\{/g)).toBe(count(/\}\}/g));
    expect(valueOf(snippet, 'data-cart-adapter')).toBe('shopify');
  });

  it('reads a just-placed order from checkout.line_items after the purchase', () => {
    expect(valueOf(buildSnippet('liquid', choices({ placement: 'post-purchase' })), 'data-cart')).toContain('checkout.line_items');
  });
});

describe('the WooCommerce PHP tab', () => {
  const snippet = buildSnippet('woocommerce', BASE);

  it('fills the page from $product and WC()->cart', () => {
    expect(valueOf(snippet, 'data-product')).toBe('<?php echo esc_attr( $product->get_id() ); ?>');
    expect(snippet).toContain('global $product;');
    expect(snippet).toContain('WC()->cart->get_cart()');
    expect(valueOf(snippet, 'data-cart')).toBe('<?php echo esc_attr( $offerwise_lines ); ?>');
  });

  it('fills the shopper from WooCommerce customer functions, only when signed in, every value escaped', () => {
    expect(valueOf(snippet, 'data-orders')).toBe('<?php echo esc_attr( wc_get_customer_order_count( $offerwise_customer ) ); ?>');
    expect(snippet).toContain('wc_get_customer_total_spent( $offerwise_customer )');
    expect(snippet).toContain('wc_get_customer_last_order( $offerwise_customer )');
    expect(snippet).toMatch(/<\?php if \( \$offerwise_customer \) : \?>\n\s+data-owned=/);
    for (const [, value] of snippet.matchAll(/data-[a-z-]+="(<\?php[^"]*)"/g)) expect(value).toMatch(/^<\?php echo esc_attr\( .* \); \?>$/);
  });

  it('balances its PHP blocks and uses the WooCommerce cart adapter', () => {
    expect(snippet.match(/<\?php/g)?.length).toBe(snippet.match(/\?>/g)?.length);
    expect(snippet.match(/ : \?>/g)?.length).toBe(snippet.match(/endif; \?>/g)?.length);
    expect(valueOf(snippet, 'data-cart-adapter')).toBe('woocommerce');
  });

  it('only asks for the cart where the placement uses one', () => {
    expect(buildSnippet('woocommerce', choices({ placement: 'account' }))).not.toContain('WC()->cart');
    expect(buildSnippet('woocommerce', choices({ placement: 'post-purchase' }))).toContain('$order->get_items()');
  });
});

describe('buildSnippets', () => {
  it('gives one snippet per platform for the same choices', () => {
    const all = buildSnippets(choices({ holdout: 10 }));
    expect(Object.keys(all)).toEqual([...PLATFORMS]);
    for (const platform of PLATFORMS) expect(all[platform]).toBe(buildSnippet(platform, choices({ holdout: 10 })));
  });
});

describe('snippetChoices', () => {
  it('keeps the store\'s choices and drops the demo shopper', () => {
    const picked = snippetChoices({ ...DEFAULT_SETTINGS, offersFrom: 'endpoint', segment: 'vip', priceSensitive: true, freeShipping: 40 });
    expect(picked).toEqual({ placement: 'product', endpoint: true, max: 2, freeShipping: 40, locale: 'en-US', theme: 'auto', holdout: 0 });
  });
});
