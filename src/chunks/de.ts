/** The German strings, a chunk loaded on pages whose locale is German (embed.md §1). */
export { DE as strings } from '../i18n/de';
