// Where a built file's bytes come from: its characters put to source modules through its
// source map, grouped (preact, @preact/signals, src/ui, CSS, …) and scaled to its gzip size.
// Used by check-size.mjs; pure functions, so the tests can feed them small maps.
import { posix } from 'node:path';
import { blankSource } from './architecture-rules.mjs';

const BUNDLER = '(bundler output: wrapper, helpers)';

/**
 * A source of a map as a path from the repository (`src/ui/OfferCard.tsx`,
 * `node_modules/preact/dist/preact.mjs`), given the map's folder relative to the repository.
 */
export function moduleOf(source, mapDir = 'dist') {
  if (source == null) return BUNDLER;
  let s = String(source).replace(/^\0/, '').replace(/[?#].*$/, '').replace(/\\/g, '/');
  if (/^(?:rolldown|vite|\/?@vite|\/?@id)[:/]/.test(s) || s.startsWith('vite/')) return BUNDLER;
  s = s.replace(/^webpack:\/\/\/?|^file:\/\//, '');
  if (!s.startsWith('/')) s = posix.normalize(posix.join(mapDir, s));
  const nm = s.lastIndexOf('node_modules/');
  return nm >= 0 ? s.slice(nm) : s.replace(/^.*?\/?(src\/)/, '$1');
}

/**
 * The group a source of a map belongs to. `source` is as the map names it, `mapDir` the map's
 * folder relative to the repository (`dist`), so `../src/ui/OfferCard.tsx` is `src/ui`.
 */
export function groupOf(source, mapDir = 'dist') {
  const s = moduleOf(source, mapDir);
  if (s === BUNDLER) return s;
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = s.slice(nm + 'node_modules/'.length).split('/');
    const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    if (name === 'preact') {
      const sub = rest[1] === 'dist' ? '' : rest[1];
      return sub && sub !== 'src' ? `preact/${sub}` : 'preact';
    }
    return name;
  }
  if (/\.(css|scss)$/.test(s)) return `CSS (${s})`;
  const parts = s.split('/');
  if (parts[0] === 'src' && parts.length > 2) return `src/${parts[1]}`;
  if (parts[0] === 'src') return ['src/widget.ts', 'src/embed.ts', 'src/main.ts'].includes(s) ? 'widget + embed (src/widget.ts, embed.ts, main.ts)' : `src (${parts[1]})`;
  return s;
}

/** The group of a stylesheet inlined as a string (`import css from './styles.css?inline'`). */
export const CSS_GROUP = 'CSS (inlined stylesheets)';

/**
 * String literals of at least 200 characters that read as CSS (`:host`, or many `{…:…}`
 * rules): the bundler maps an inlined stylesheet to the module that imports it, so they are
 * found by their text (literals found by the architecture check's lexer).
 * @returns {Array<[number, number]>} [start, end) offsets of their contents
 */
export function cssLiterals(code) {
  return blankSource(code).literals.filter(([from, to]) => {
    if (to - from < 200) return false;
    const body = code.slice(from, to);
    return /:host\b/.test(body) || (body.match(/[{;][\w-]+:[^;{}]+[;}]/g) ?? []).length >= 10;
  });
}

/**
 * Characters of `code` per source of `map`, by walking the map's mappings in order: each
 * character belongs to the mapping at or before it on its line (none before the first: the
 * wrapper), and CSS-looking string literals to CSS_GROUP. `consumer` is a source-map-js
 * SourceMapConsumer. @returns {Map<string | null, number>} source (or CSS_GROUP) → characters
 */
export function charsBySource(code, consumer) {
  const sources = [null];
  const indexOf = new Map([[null, 0]]);
  const idOf = (source) => {
    if (!indexOf.has(source)) indexOf.set(source, sources.push(source) - 1);
    return indexOf.get(source);
  };
  const owner = new Uint32Array(code.length);
  const lineStarts = [0];
  for (let k = 0; k < code.length; k++) if (code.charCodeAt(k) === 10) lineStarts.push(k + 1);
  const byLine = lineStarts.map(() => []);
  consumer.eachMapping(
    (m) => {
      const at = byLine[m.generatedLine - 1];
      if (at) at.push({ column: m.generatedColumn, id: idOf(m.source ?? null) });
    },
    null,
    1, // SourceMapConsumer.GENERATED_ORDER
  );
  lineStarts.forEach((start, i) => {
    const end = i + 1 < lineStarts.length ? lineStarts[i + 1] : code.length;
    const at = byLine[i].sort((a, b) => a.column - b.column);
    at.forEach((m, k) => owner.fill(m.id, Math.min(start + m.column, end), Math.min(start + (at[k + 1]?.column ?? end - start), end)));
  });
  const css = idOf(CSS_GROUP);
  for (const [from, to] of cssLiterals(code)) owner.fill(css, from, to);
  const chars = new Map();
  for (let k = 0; k < owner.length; k++) {
    const source = sources[owner[k]];
    chars.set(source, (chars.get(source) ?? 0) + 1);
  }
  return chars;
}

/**
 * Estimated gzip bytes per group (`by`: groupOf, or moduleOf for one row per module) of one file: characters per group, as a share of the file's
 * characters, times the file's gzip size (minified code compresses about evenly; a long CSS
 * string a little better). Rounded so the groups add up to `gzip` exactly.
 * @returns {Array<{ group: string, chars: number, gzip: number }>} largest first
 */
export function attribute(code, consumer, gzip, { mapDir = 'dist', by = groupOf } = {}) {
  const groups = new Map();
  for (const [source, n] of charsBySource(code, consumer)) {
    const g = source === CSS_GROUP ? CSS_GROUP : by(source, mapDir);
    groups.set(g, (groups.get(g) ?? 0) + n);
  }
  const total = [...groups.values()].reduce((s, n) => s + n, 0) || 1;
  const rows = [...groups].map(([group, chars]) => ({ group, chars, exact: (chars / total) * gzip }));
  // Largest remainder, so the column sums to the measured gzip size.
  rows.forEach((r) => (r.gzip = Math.floor(r.exact)));
  let left = gzip - rows.reduce((s, r) => s + r.gzip, 0);
  for (const r of [...rows].sort((a, b) => (b.exact % 1) - (a.exact % 1))) if (left-- > 0) r.gzip++;
  return rows.map(({ group, chars, gzip: g }) => ({ group, chars, gzip: g })).sort((a, b) => b.gzip - a.gzip || a.group.localeCompare(b.group));
}
