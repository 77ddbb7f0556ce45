import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../cli-io';
import { describeFsError } from '../../report/open-input';
import { write } from '../write-output';

/**
 * Where fetched images are kept between builds, keyed by URL, so a rerun fetches nothing: the
 * user's cache directory (`$XDG_CACHE_HOME`, else `~/.cache`), `offerwise/images`. Each entry
 * is the thumbnail the descriptor reads (read-image.ts, a few kB), not the original: a
 * catalog of 100,000 products keeps some 2 GB less. A URL whose picture changes keeps its old
 * one until its entry goes: delete the directory (or give another `--image-cache`) to fetch
 * everything again. Stores that version their image URLs (Shopify's `?v=`) need neither.
 */
export function defaultImageCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'offerwise', 'images');
}

export interface ImageCache {
  /** The thumbnail kept for `url`, if any. */
  get(url: string): Promise<Buffer | undefined>;
  /** Keep `thumbnail` for `url` (written whole or not at all). */
  put(url: string, thumbnail: Uint8Array): Promise<void>;
}

/** The cache in `dir` (made when first written): one file per URL, named by the URL's SHA-256. */
export function imageCache(dir: string): ImageCache {
  const path = (url: string) => {
    const key = createHash('sha256').update(url).digest('hex');
    return join(dir, key.slice(0, 2), `${key}.png`);
  };
  return {
    async get(url) {
      try {
        return await readFile(path(url));
      } catch {
        return undefined;
      }
    },
    async put(url, thumbnail) {
      const file = path(url);
      try {
        await mkdir(join(file, '..'), { recursive: true });
      } catch (e) {
        throw new UserError(`--image-cache ${dir}: ${describeFsError(e)}`);
      }
      await write(file, thumbnail);
    },
  };
}
