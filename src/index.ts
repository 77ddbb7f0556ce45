/**
 * The ES module entry, for stores that bundle. Nothing starts on import: call `mount`.
 * The pure parts (catalog parser, engine) are exported too, for servers and tests.
 */
import type { RawOptions } from './config/read-config';
import { getApi, VERSION } from './embed';

export const version = VERSION;
export const mount = (element: Element, options?: RawOptions): void => getApi().mount(element, options);
export const unmount = (element: Element): void => getApi().unmount(element);
export const refresh = (slot?: Element): Promise<void> => getApi().refresh(slot);

export { choose } from './engine/choose';
export { parseCatalog } from './catalog/parse-catalog';
export { indexCatalog } from './catalog/index-catalog';
export { readConfig } from './config/read-config';
export type { Config, RawOptions, CartAdapter } from './config/read-config';
export type { OfferwiseApi } from './embed';
export type * from './types';
