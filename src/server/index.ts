/**
 * `offerwise/server`: the offers API for any runtime with `fetch` (Workers, Deno, Bun, Node
 * 18+). Nothing here touches Node or the DOM.
 */
export { createFetchHandler, type FetchHandlerOptions } from './create-fetch-handler';
export type { ApiOptions } from './route-api-request';
export {
  DEFAULT_MAX_SHARD_BYTES,
  DEFAULT_MAX_SHARDS,
  ShardError,
  type CatalogSource,
  type ShardCacheOptions,
  type ShardedSource,
} from './sharded-catalog';
export { handleOffersRequest, type OffersResponse, type OfferJson, type RequestError } from './offers-handler';
export { mergeShards, readShardIndex, shardPath, type ShardIndex } from './merge-shards';
export { parseCatalog } from '../catalog/parse-catalog';
export { indexCatalog } from '../catalog/index-catalog';
export { choose } from '../engine/choose';
