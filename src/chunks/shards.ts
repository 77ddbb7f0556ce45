/** Sharded catalogs (catalog.md), loaded only on pages whose `data-catalog` ends in `/`. */
export { loadShards } from '../catalog/load-shards';
