import type { ChunkName, Chunks } from './load-chunk';

/**
 * The script-tag build's chunk loader: `offerwise-<name>.js` from the folder the script
 * itself came from (`base`, from `document.currentScript.src` captured at start), and from
 * nowhere else. A dynamic import inherits the script's nonce under `'strict-dynamic'`, needs
 * no Trusted Types policy, and from a CDN on another origin needs the CDN's CORS header (as
 * any module script does).
 */
export const loadChunk = <N extends ChunkName>(name: N, base = ''): Promise<Chunks[N]> =>
  import(/* @vite-ignore */ `${base}offerwise-${name}.js`);
