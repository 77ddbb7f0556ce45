/**
 * The link editor's catalog as the preview's widget fetches it: `GET /demo-catalog.json?v=…`,
 * played by MSW (handlers.ts) from what `publishCatalog` was handed, without MSW, so the
 * editor can publish without loading MSW up front (as beacon-inbox.ts and cart-store.ts do).
 *
 * Why a URL per version: the widget fetches each catalog URL once per page view, so an edit
 * must change the URL for the preview to see it. And why MSW, not a `blob:` URL: the widget
 * reads `data-catalog` with the rule of a product's `url` (http(s) or relative, see
 * src/config/read-config.ts), so it would refuse a `blob:` one.
 */
import { fnv1a32 } from '../../src/util/hash';

export const EDITED_CATALOG_PATH = '/demo-catalog.json';

/** Versions kept: the widget asks for a URL right after it is published, and never twice. */
const KEEP = 20;
const versions = new Map<string, string>();

/** Keep `json` and return the URL it is served at; the same text always gets the same URL. */
export function publishCatalog(json: string): string {
  const version = `${fnv1a32(json).toString(16)}-${json.length.toString(16)}`;
  versions.delete(version);
  versions.set(version, json);
  while (versions.size > KEEP) versions.delete(versions.keys().next().value!);
  return `${EDITED_CATALOG_PATH}?v=${version}`;
}

/** The text published as `version`, if it is still kept. */
export function editedCatalog(version: string): string | undefined {
  return versions.get(version);
}
