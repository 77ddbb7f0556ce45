import { describe, expect, it } from 'vitest';
import { blankSource, checkFile, checkProject, declaredNames, GLOBALS } from './architecture-rules.mjs';

const WIDGET = 'src/widget.ts';
/** The rules that flag `code` in `path`, one entry per problem. */
const rules = (code: string, path = WIDGET) => checkFile(path, code).map((p) => p.rule);
/** The globals flagged in `code` (in a file that may not touch them). */
const globals = (code: string, path = WIDGET) =>
  checkFile(path, code)
    .filter((p) => p.rule === 'globals')
    .map((p) => /global `([^`]+)`/.exec(p.message)?.[1]);

describe('blankSource', () => {
  it('blanks comments, strings, templates and regexes, and keeps offsets and newlines', () => {
    const text = "a('x // y'); // fetch(\n/* setTimeout( */ b(`t ${c('d')} e`, /fetch\\(/g)";
    const { comments, code } = blankSource(text);
    expect(code).toHaveLength(text.length);
    expect(code.split('\n')).toHaveLength(2);
    expect(code).not.toMatch(/fetch|setTimeout|x \/\/ y|\bt\b|\be\b/);
    expect(code).toContain('c(');
    expect(comments).toContain("'x // y'");
    expect(comments).not.toContain('setTimeout');
  });

  it('does not take a JSX closing tag or a division for a regex', () => {
    const { code } = blankSource('const x = <p>{a / b}</p>; setTimeout(f);\nconst y = <img src={s} />; fetch(u);');
    expect(code).toContain('setTimeout(f)');
    expect(code).toContain('fetch(u)');
  });

  it('ends a quote in JSX text at the end of its line', () => {
    const { code } = blankSource("const x = <p>Don't</p>;\nfetch(u);");
    expect(code).toContain('fetch(u)');
  });
});

describe('globals outside src/embed.ts', () => {
  it('keeps the old list: window, document, localStorage, navigator, console…', () => {
    expect(globals('window.addEventListener("x", f)')).toEqual(['window']);
    expect(globals('const d = document.createElement("div")')).toEqual(['document']);
    expect(globals('localStorage.getItem(k); console.warn(x)')).toEqual(['localStorage', 'console']);
    expect(globals('env.window.x; visitor.localStorage.y; config.document')).toEqual([]);
  });

  it.each([
    ['AbortSignal.timeout(1000)', 'AbortSignal'],
    ['new AbortController()', 'AbortController'],
    ['el.dispatchEvent(new CustomEvent("offerwise:render", { detail }))', 'CustomEvent'],
    ['el.dispatchEvent(new Event("change"))', 'Event'],
    ['setTimeout(run, 10)', 'setTimeout'],
    ['const id = setInterval(tick, 100)', 'setInterval'],
    ['clearTimeout(timer)', 'clearTimeout'],
    ['requestIdleCallback(work)', 'requestIdleCallback'],
    ['requestAnimationFrame(() => paint())', 'requestAnimationFrame'],
    ['const res = await fetch(url)', 'fetch'],
    ['const t0 = performance.now()', 'performance'],
    ['new IntersectionObserver(seen, { rootMargin })', 'IntersectionObserver'],
    ['new MutationObserver(changed).observe(slot, opts)', 'MutationObserver'],
    ['const dark = matchMedia("(prefers-color-scheme: dark)").matches', 'matchMedia'],
    ['const s = getComputedStyle(el)', 'getComputedStyle'],
    ['addEventListener("pagehide", flush)', 'addEventListener'],
    ['const id = crypto.randomUUID()', 'crypto'],
    ['trustedTypes.createPolicy("offerwise", rules)', 'trustedTypes'],
    ['const sheet = new CSSStyleSheet()', 'CSSStyleSheet'],
    ['self.postMessage(x)', 'self'],
    ['if (top.location !== location) leave()', 'top'],
    ['parent.postMessage(msg, "*")', 'parent'],
    ['if (typeof requestIdleCallback === "function") later()', 'requestIdleCallback'],
    ['if (e instanceof CustomEvent) read(e.detail)', 'CustomEvent'],
    ['class OfferwiseEvent extends CustomEvent<Detail> {}', 'CustomEvent'],
    ['const r = fetch?.(url)', 'fetch'],
  ])('flags %s', (code, name) => {
    expect(globals(code)).toEqual([name]);
  });

  it.each([
    ['a method call', 'el.addEventListener("click", f); slot.dispatchEvent(e); env.setTimeout(f, 1)'],
    ['optional method calls', 'env?.fetch(url); timers?.setTimeout(f)'],
    ['property names', 'const f = env.fetch; config.performance; x.top.y; node.parent.id'],
    ['object keys', 'const env = { fetch: pageFetch, setTimeout: later, performance: clock }'],
    ['a method definition', 'const server = { fetch(request) { return handle(request); } }'],
    ['a method signature in a type', 'interface Env {\n  fetch(url: string): Promise<Response>;\n  setTimeout(f: () => void, ms: number): number;\n}'],
    ['a type annotation', 'function load(url: string, signal?: AbortSignal, e?: CustomEvent<Detail>): void {}'],
    ['typeof in a type', 'type Env = { fetch: typeof fetch; later: typeof setTimeout; t: ReturnType<typeof setTimeout> }'],
    ['typeof in a parameter type', 'export async function fetchJson(url: string, fetchFn: typeof fetch, signal?: AbortSignal) {}'],
    ['a generic constraint', 'function on<E extends Event>(e: E): E { return e; }'],
    ['comments', '// setTimeout(f) and new CustomEvent("x")\n/* fetch(url); AbortSignal.timeout(1) */'],
    ['strings and templates', 'warn("fetch(url) failed"); const m = `setTimeout(${ms})`; const re = /fetch\\(/;'],
    ['a local of the same name', 'const parent = node.parentNode; parent.insertBefore(a, b); let top = 0; top.toFixed()'],
    ['a parameter of the same name', 'function patch(parent: Element, doc: Document) { parent.appendChild(doc.body); }'],
    ['a destructured local', 'const { fetch, setTimeout } = env; setTimeout(() => fetch(url), 5)'],
    ['an arrow parameter', 'const each = (self: Node) => self.childNodes; const f = (fetch) => fetch(u)'],
    ['queueMicrotask (allowed)', 'queueMicrotask(flush)'],
    ['prose in JSX text', 'const note = <p>Played by Mock Service Worker. See the top (of the page).</p>'],
    ['language globals', 'new Intl.NumberFormat(l); JSON.parse(t); new URL(u, base); Date.now(); Math.max(1, 2)'],
  ])('allows %s', (_what, code) => {
    expect(globals(code)).toEqual([]);
  });

  it('exempts src/embed.ts, src/cli/**, tests and declaration files', () => {
    const code = 'setTimeout(f); new CustomEvent("x"); window.x';
    expect(globals(code, 'src/embed.ts')).toEqual([]);
    expect(globals(code, 'src/cli/serve/start-server.ts')).toEqual([]);
    expect(globals(code, 'src/widget.test.ts')).toEqual([]);
    expect(globals(code, 'src/ui/OfferSection.test.tsx')).toEqual([]);
    expect(globals(code, 'src/globals.d.ts')).toEqual([]);
    expect(globals(code, 'src/actions/emit.ts')).toEqual(['setTimeout', 'CustomEvent', 'window']);
  });

  it('says where and what to do', () => {
    const [problem] = checkFile('src/widget.ts', 'const a = 1;\nconst s = AbortSignal.timeout(8000);');
    expect(problem).toMatchObject({ path: 'src/widget.ts', line: 2, rule: 'globals', source: 'const s = AbortSignal.timeout(8000);' });
    expect(problem!.message).toContain('only src/embed.ts may');
    expect(problem!.message).toContain('env');
  });

  it('gives every global a kind', () => {
    for (const g of GLOBALS) expect(['object', 'function', 'class']).toContain(g.kind);
    expect(GLOBALS.map((g) => g.name)).not.toContain('queueMicrotask');
  });
});

describe('declaredNames', () => {
  it('collects variables, functions, imports, parameters and destructured names', () => {
    const names = declaredNames(
      'import top, { a as parent, b } from "m"; const { self, x: frames } = o; function f(opener: X, { screen }: Y) {} const g = (history) => 1; h(q => q);',
    );
    for (const n of ['top', 'parent', 'b', 'self', 'frames', 'f', 'opener', 'screen', 'g', 'history', 'q']) expect(names).toContain(n);
    expect(names).not.toContain('a');
    expect(names).not.toContain('x');
  });
});

describe('portable code', () => {
  it('flags Node built-ins in engine, catalog and server', () => {
    expect(rules('import { readFileSync } from "node:fs";', 'src/engine/choose.ts')).toEqual(['portable']);
    expect(rules("import { join } from 'path';", 'src/catalog/load-catalog.ts')).toEqual(['portable']);
  });
  it('allows them elsewhere and in comments', () => {
    expect(rules('import { readFileSync } from "node:fs";', 'src/cli/main.ts')).toEqual([]);
    expect(rules('// import { readFileSync } from "node:fs";', 'src/engine/choose.ts')).toEqual([]);
  });
});

describe('src/ui renders through Preact', () => {
  it.each([
    'const el = doc.createElement("div")',
    'root.appendChild(card)',
    'parent.insertBefore(node, next)',
    'el.innerHTML = html',
    'button.setAttribute("aria-busy", "true")',
    'root.replaceChildren(...nodes)',
    'node.appendChild(doc.createTextNode(text))',
  ])('flags %s in src/ui', (code) => {
    expect(rules(code, 'src/ui/OfferCard.tsx')).toContain('preact-render');
  });

  it('allows JSX, Preact calls, tests, and the same calls outside src/ui', () => {
    expect(rules('export const Card = ({ offer }: Props) => <article aria-busy="true">{offer.title}</article>;', 'src/ui/OfferCard.tsx')).toEqual([]);
    expect(rules('import { createElement, render } from "preact"; render(createElement(App, null), root);', 'src/ui/mount.ts')).toEqual([]);
    expect(rules('document.body.appendChild(slot)', 'src/ui/OfferSection.test.tsx')).toEqual([]);
    expect(rules('slot.setAttribute("data-x", "1")', 'src/embed.ts')).toEqual([]);
    expect(rules('// never el.innerHTML = html', 'src/ui/OfferCard.tsx')).toEqual([]);
  });

  const state = { path: 'src/ui/slot-state.ts', text: "import { batch, computed, signal } from '@preact/signals';" };
  const mount = { path: 'src/ui/OfferSection.tsx', text: "import { Component, render, type ComponentChildren } from 'preact';" };

  it('flags a src/ui that never imports render from preact', () => {
    const problems = checkProject([state, { path: 'src/ui/OfferSection.tsx', text: "import { Component } from 'preact';\nimport { render } from './dom';" }]);
    expect(problems.map((p) => p.rule)).toEqual(['preact-render']);
    expect(problems[0]!.message).toContain("import { render } from 'preact'");
    // A type-only import or a commented one does not count.
    expect(checkProject([state, { path: 'src/ui/a.ts', text: "import type { render } from 'preact';\n// import { render } from 'preact';" }])).toHaveLength(1);
  });

  it('passes a src/ui that does, also under another local name', () => {
    expect(checkProject([state, mount])).toEqual([]);
    expect(checkProject([state, { path: 'src/ui/mount.ts', text: "import { h, render as draw } from 'preact';" }])).toEqual([]);
  });
});

describe('slot state lives in @preact/signals', () => {
  const mount = { path: 'src/ui/OfferSection.tsx', text: "import { render } from 'preact';" };

  it('flags a missing slot-state.ts', () => {
    const problems = checkProject([mount]);
    expect(problems).toMatchObject([{ path: 'src/ui/slot-state.ts', rule: 'preact-signals' }]);
    expect(problems[0]!.message).toContain('is missing');
  });

  it('flags a slot-state.ts without signal and computed from @preact/signals', () => {
    const mine = checkProject([mount, { path: 'src/ui/slot-state.ts', text: "import { signal } from './my-signals';\nimport { computed } from '@preact/signals';" }]);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.message).toContain('`signal`');
    expect(mine[0]!.message).not.toContain('`computed`');
    expect(checkProject([mount, { path: 'src/ui/slot-state.ts', text: "import type { Signal } from '@preact/signals';" }])[0]!.message).toContain('`signal` and `computed`');
  });

  it('passes one that imports both', () => {
    expect(checkProject([mount, { path: 'src/ui/slot-state.ts', text: "import {\n  batch,\n  computed,\n  signal,\n} from '@preact/signals';" }])).toEqual([]);
  });

  it.each([
    ['a subscribe method', 'const store = {\n  subscribe(listener: () => void) {\n    return () => {};\n  },\n};'],
    ['a subscribe property', 'const store = { subscribe: (fn: () => void) => () => {} };'],
    ['a subscribe function', 'export function subscribe(fn: () => void) {}'],
    ['a Set of callbacks', 'const watchers = new Set<() => void>();'],
    ['listeners', 'for (const l of listeners) l();'],
  ])('flags %s in src/ui', (_what, code) => {
    expect(rules(code, 'src/ui/slot-state.ts')).toContain('preact-signals');
  });

  it.each([
    ['subscribing to a signal', 'const stop = cards.subscribe((list) => announce(list));'],
    ['a comment that names listeners', '// no listeners here: components read signals'],
    ['the same outside src/ui', 'const listeners = new Set<() => void>();'],
  ])('allows %s', (_what, code) => {
    const path = _what === 'the same outside src/ui' ? 'src/actions/measure.ts' : 'src/ui/slot-state.ts';
    expect(rules(code, path)).toEqual([]);
  });
});
