/**
 * `offerwise/server`: the offers API for any runtime with `fetch` (Workers, Deno, Bun, Node
 * 18+). Nothing here touches Node or the DOM.
 */
export { createFetchHandler } from './create-fetch-handler';
export { handleOffersRequest, type OffersResponse, type OfferJson, type RequestError } from './offers-handler';
export { mergeShards, readShardIndex, shardPath, type ShardIndex } from './merge-shards';
export { parseCatalog } from '../catalog/parse-catalog';
export { indexCatalog } from '../catalog/index-catalog';
export { choose } from '../engine/choose';
