/**
 * The features a page needs only later, or only with some attributes, load on demand as
 * chunks (embed.md §1). This loader serves the ES module build and the tests: the store's
 * bundler (or Vitest) resolves these imports. The script-tag build swaps in
 * load-chunk.script.ts, which loads `offerwise-<name>.js` beside the script itself.
 */
export interface Chunks {
  /** Beacon batches, GA4 pushes, purchases from the dataLayer. */
  measure: typeof import('./measure');
  /** The offers API client (`data-endpoint`). */
  endpoint: typeof import('./endpoint');
  /** Sharded catalogs (`data-catalog` ending in `/`). */
  shards: typeof import('./shards');
  /** The platform cart adapters (`data-cart-adapter="shopify"` or `"woocommerce"`). */
  cart: typeof import('./cart');
  /** German text (`data-locale`, `<html lang>` or the browser's language `de`). */
  de: typeof import('./de');
}
export type ChunkName = keyof Chunks;

const CHUNKS: { [N in ChunkName]: () => Promise<Chunks[N]> } = {
  measure: () => import('./measure'),
  endpoint: () => import('./endpoint'),
  shards: () => import('./shards'),
  cart: () => import('./cart'),
  de: () => import('./de'),
};

export const loadChunk = <N extends ChunkName>(name: N, _base?: string): Promise<Chunks[N]> => CHUNKS[name]();
