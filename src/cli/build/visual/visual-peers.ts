import type SharpDefault from 'sharp';
import type * as UsearchApi from 'usearch';
import { installCommand, loadOptionalPeer, type OptionalPeer } from '../optional-peer';

/**
 * `--visual`'s two native packages, optional peer dependencies like DuckDB: npm does not
 * install them with offerwise (the widget needs neither), and `build` imports them only when
 * asked. sharp (libvips, its binary inside the package) reads the images; usearch (an HNSW
 * index, its binary inside too) finds neighbours past an exact search's reach.
 */
export type SharpModule = typeof SharpDefault;
export type UsearchModule = typeof UsearchApi.default;

const SHARP: OptionalPeer = { label: 'sharp', name: 'sharp' };
const USEARCH: OptionalPeer = { label: 'usearch', name: 'usearch' };
export const SHARP_INSTALL = installCommand(SHARP);
export const USEARCH_INSTALL = installCommand(USEARCH);

/** How each is imported; tests pass one that fails as a missing package does. */
export interface VisualPeers {
  loadSharp?: () => Promise<SharpModule>;
  loadUsearch?: () => Promise<UsearchModule>;
}

export const loadSharp = (peers: VisualPeers, purpose: string): Promise<SharpModule> =>
  loadOptionalPeer(SHARP, peers.loadSharp ?? (async () => (await import('sharp')).default), purpose);

export const loadUsearch = (peers: VisualPeers, purpose: string): Promise<UsearchModule> =>
  loadOptionalPeer(USEARCH, peers.loadUsearch ?? (async () => (await import('usearch')).default), purpose);
