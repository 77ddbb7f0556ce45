import { fnv1a32 } from '../util/hash';

/**
 * R12: whether a visitor (or, without consent, a page view) is in the holdout group. The
 * FNV-1a bucket of the id is stable, so a visitor stays in their group across page views,
 * and nested: raising the share only moves treatment visitors into the holdout.
 */
export const inHoldout = (id: string, percent: number): boolean => fnv1a32(id) % 10000 < percent * 100;
