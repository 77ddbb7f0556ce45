// The rules behind `scripts/check-architecture.mjs`, as data and two functions the tests call:
// `checkFile(path, text)` (rules about one file) and `checkProject(files)` (those plus the rules
// about the whole of src/, such as "some file in src/ui imports render from preact").
//
// Matching runs on the source with comments blanked, and (for code rules) string, template and
// regex contents blanked too, keeping every offset, so line numbers stay true. It is a lexer and
// patterns, not a type checker: type-only mentions are told apart by their shape (`signal?:
// AbortSignal`, `typeof fetch` outside a comparison), and a name the file declares itself
// (`const parent = …`, a parameter `parent: Element`) is not the page's global anywhere in it.

/** Where a rule applies. */
const isTest = (path) => /\.test\.tsx?$/.test(path) || path.endsWith('.d.ts');
const isSource = (path) => /^src\/.*\.tsx?$/.test(path) && !isTest(path);
/** Files that may touch the page's globals: the one wiring file, and the Node CLI. */
const GLOBALS_ALLOWED = (path) => path === 'src/embed.ts' || path.startsWith('src/cli/');
/** Code that must run anywhere (browser, Node, workers): no Node built-ins. */
const PORTABLE = ['src/engine/', 'src/catalog/', 'src/server/'];
const UI = (path) => path.startsWith('src/ui/');
/** The module that holds a slot's state, and what it must import from @preact/signals. */
export const SLOT_STATE = { path: 'src/ui/slot-state.ts', from: '@preact/signals', names: ['signal', 'computed'] };

const TAKE_FROM_ENV = 'take it from the `env` object that src/embed.ts builds and passes in, or move this code into src/embed.ts';

/**
 * The page's globals, by how code uses them:
 * - `object`: flagged when read as `name.x`, `name?.x`, `name[x]`;
 * - `function`: flagged when called bare, `name(…)` (not `x.name(…)`, not a method definition);
 * - `class`: flagged when constructed or used as a value: `new name`, `name.x`, `name(…)`,
 *   `instanceof name`, `class … extends name` (a type annotation `signal?: AbortSignal` is fine).
 * Any of them is also flagged in a runtime `typeof name === …` check; `typeof name` in a type
 * position is a type. The `.` or `(` must touch the name (code is formatted so), which keeps
 * prose in JSX text ("…by Mock Service Worker.") out. `hint` says what to use instead.
 *
 * Not listed, on purpose: `queueMicrotask` (a language-level job queue, the same in every
 * runtime, with no page state and nothing to stub in a test: it is to promises what `await`
 * is), `URL`, `Intl`, `JSON`, `Math`, `Date`, `structuredClone`, `TextEncoder`, and the fetch
 * types `Request`/`Response`/`Headers` that src/server builds on any runtime.
 */
export const GLOBALS = [
  ...['window', 'document', 'globalThis', 'self', 'top', 'parent', 'frames', 'opener'].map((name) => ({ name, kind: 'object' })),
  ...['localStorage', 'sessionStorage', 'indexedDB', 'caches'].map((name) => ({ name, kind: 'object', hint: 'storage goes through the visitor store that embed.ts gives the widget' })),
  ...['navigator', 'location', 'history', 'screen', 'visualViewport', 'customElements', 'scheduler'].map((name) => ({ name, kind: 'object' })),
  { name: 'console', kind: 'object', hint: 'warn through the `warn` function that embed.ts passes in' },
  { name: 'performance', kind: 'object', hint: 'take a clock (`env.now`) from embed.ts' },
  { name: 'crypto', kind: 'object', hint: 'take random ids from embed.ts' },
  { name: 'trustedTypes', kind: 'object' },
  ...['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'requestIdleCallback', 'cancelIdleCallback', 'requestAnimationFrame', 'cancelAnimationFrame'].map((name) => ({
    name,
    kind: 'function',
    hint: 'schedule through `env` (a timer of the widget\'s own that embed.ts wires to the page)',
  })),
  { name: 'fetch', kind: 'function', hint: 'call `env.fetch` (embed.ts passes the page\'s fetch in)' },
  ...['matchMedia', 'getComputedStyle', 'getSelection', 'scrollTo', 'scrollBy', 'postMessage', 'alert', 'confirm', 'prompt'].map((name) => ({ name, kind: 'function' })),
  ...['addEventListener', 'removeEventListener', 'dispatchEvent'].map((name) => ({ name, kind: 'function', hint: 'listen on an element you were given (`el.addEventListener`), or let embed.ts listen on the page' })),
  ...['AbortSignal', 'AbortController'].map((name) => ({ name, kind: 'class', hint: 'take timeouts from `env` (e.g. `env.timeout(ms)` returning a signal)' })),
  ...['Event', 'CustomEvent'].map((name) => ({ name, kind: 'class', hint: 'dispatch through the `emit` function that embed.ts builds' })),
  ...['IntersectionObserver', 'MutationObserver', 'ResizeObserver', 'PerformanceObserver'].map((name) => ({ name, kind: 'class', hint: 'take an observer factory from `env`' })),
  ...['CSSStyleSheet', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'BroadcastChannel', 'Worker', 'DOMParser', 'Image'].map((name) => ({ name, kind: 'class' })),
];

/** Rendering must go through Preact: these build or change DOM by hand. */
export const HAND_DOM = [
  { label: 'createElement(', pattern: /\.\s*createElement(?:NS)?\s*\(/g },
  { label: 'createTextNode(', pattern: /\bcreateTextNode\s*\(/g },
  { label: 'appendChild(', pattern: /\bappendChild\s*\(/g },
  { label: 'insertBefore(', pattern: /\binsertBefore\s*\(/g },
  { label: 'removeChild(', pattern: /\bremoveChild\s*\(/g },
  { label: 'replaceChild(', pattern: /\breplaceChild\s*\(/g },
  { label: 'replaceChildren(', pattern: /\breplaceChildren\s*\(/g },
  { label: 'insertAdjacent…(', pattern: /\binsertAdjacent(?:HTML|Element|Text)\s*\(/g },
  { label: 'setAttribute(', pattern: /\bsetAttribute(?:NS)?\s*\(/g },
  { label: '.innerHTML', pattern: /\.\s*(?:innerHTML|outerHTML)\b/g },
];

/** A slot's state lives in signals: these are an observable made by hand. */
export const HAND_OBSERVABLE = [
  { label: 'a `subscribe` method', pattern: /(?<![\w$.])subscribe\s*(?=\()/g, definitionOnly: true },
  { label: 'a `subscribe` function', pattern: /(?:\bfunction\s+subscribe\b|(?<![\w$.])subscribe\s*[:=]\s*(?:async\s*)?(?:function\b|\(|[\w$]+\s*=>))/g },
  { label: 'a `Set` of callbacks', pattern: /\bSet\s*<\s*\([^()]*\)\s*=>[^>]*>/g },
  { label: '`listeners`', pattern: /(?<![\w$])listeners(?![\w$])/g },
];

// ---------------------------------------------------------------------------------------------
// Lexing

const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

/**
 * `comments`: the text with comments blanked. `code`: also the contents of string, template and
 * regex literals blanked (their quotes stay, `${…}` inside templates stays code). Newlines and
 * offsets are kept. A quote inside JSX text (`<p>Don't</p>`) ends at the line's end.
 * `literals`: the [start, end) offsets of each literal's contents (a template's raw parts).
 */
export function blankSource(text) {
  const comments = text.split('');
  const code = text.split('');
  const literals = [];
  const n = text.length;
  const blank = (arr, from, to) => {
    for (let k = from; k < to; k++) if (arr[k] !== '\n') arr[k] = ' ';
  };
  const lastSignificant = (i) => {
    let k = i - 1;
    while (k >= 0 && /\s/.test(code[k])) k--;
    if (k < 0) return { char: '', word: '' };
    let w = k;
    while (w >= 0 && /[\w$]/.test(code[w])) w--;
    return { char: code[k], word: code.slice(w + 1, k + 1).join('') };
  };
  const templates = []; // brace depth at each open `${`
  let depth = 0;
  let i = 0;
  /** Scan a template's raw text from `i` (just after "`" or "}"); returns where code resumes. */
  const template = (from) => {
    let j = from;
    while (j < n) {
      if (text[j] === '\\') j += 2;
      else if (text[j] === '`') {
        blank(code, from, j);
        literals.push([from, j]);
        return j + 1;
      } else if (text[j] === '$' && text[j + 1] === '{') {
        blank(code, from, j);
        literals.push([from, j]);
        templates.push(depth);
        depth++;
        return j + 2;
      } else j++;
    }
    blank(code, from, n);
    literals.push([from, n]);
    return n;
  };
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      blank(comments, i, j);
      blank(code, i, j);
      i = j;
    } else if (c === '/' && next === '*') {
      let j = text.indexOf('*/', i + 2);
      j = j < 0 ? n : j + 2;
      blank(comments, i, j);
      blank(code, i, j);
      i = j;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      blank(code, i + 1, Math.min(j, n));
      literals.push([i + 1, Math.min(j, n)]);
      i = text[j] === c ? j + 1 : j;
    } else if (c === '`') {
      i = template(i + 1);
    } else if (c === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      depth--;
      if (templates.length && templates[templates.length - 1] === depth) {
        templates.pop();
        i = template(i + 1);
      } else i++;
    } else if (c === '/' && next !== '>' && text[i - 1] !== '<') {
      const { char, word } = lastSignificant(i);
      const regex = char === '' || /[(,=:[!&|?{;+\-*%<>~^]/.test(char) || REGEX_AFTER_WORD.has(word);
      if (!regex) {
        i++;
        continue;
      }
      let j = i + 1;
      let inClass = false;
      while (j < n && text[j] !== '\n' && (inClass || text[j] !== '/')) {
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        j++;
      }
      blank(code, i + 1, Math.min(j, n));
      literals.push([i + 1, Math.min(j, n)]);
      i = j + 1;
      while (i < n && /[a-z]/.test(text[i])) i++;
    } else i++;
  }
  return { comments: comments.join(''), code: code.join(''), literals };
}

/** The index of the `)` that closes the `(` at `open`, or -1. */
function closeParen(code, open) {
  let level = 0;
  for (let k = open; k < code.length; k++) {
    if (code[k] === '(') level++;
    else if (code[k] === ')' && --level === 0) return k;
  }
  return -1;
}

/** Split at top-level commas (outside (), [], {}). */
function topLevelParts(text) {
  const parts = [];
  let level = 0;
  let start = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if ('([{'.includes(c)) level++;
    else if (')]}'.includes(c)) level--;
    else if (c === ',' && level === 0) {
      parts.push(text.slice(start, k));
      start = k + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The names a destructuring pattern (`{ a, b: c, ...d }`, `[e, f = 1]`) binds. */
function patternNames(pattern) {
  return [...pattern.matchAll(/(?:^|[{,[:]|\.\.\.)\s*([A-Za-z_$][\w$]*)\s*(?=[,}\]=]|$)/g)].map((m) => m[1]);
}

/** The names one parameter list (the text between its parentheses) binds. */
function parameterNames(list) {
  const names = [];
  for (let part of topLevelParts(list)) {
    part = part.trim().replace(/^(?:\.\.\.|(?:public|private|protected|readonly|override)\s+)+/, '');
    if (part.startsWith('{') || part.startsWith('[')) {
      const open = part[0];
      const close = open === '{' ? '}' : ']';
      let level = 0;
      let end = part.length;
      for (let k = 0; k < part.length; k++) {
        if (part[k] === open) level++;
        else if (part[k] === close && --level === 0) {
          end = k + 1;
          break;
        }
      }
      names.push(...patternNames(part.slice(0, end)));
    } else {
      const m = /^([A-Za-z_$][\w$]*)/.exec(part);
      if (m && m[1] !== 'this') names.push(m[1]);
    }
  }
  return names;
}

const CONTROL = new Set(['if', 'for', 'while', 'switch', 'with', 'return', 'typeof', 'await', 'new', 'in', 'of', 'void']);

/** Every name the file declares anywhere (variables, functions, classes, imports, parameters). */
export function declaredNames(code) {
  const names = new Set();
  for (const m of code.matchAll(/\b(?:const|let|var|function\s*\*?|class|enum|namespace)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  for (const m of code.matchAll(/\b(?:const|let|var)\s*([{[][^;=]*?[}\]])\s*(?::[^=;]*)?=/g)) for (const name of patternNames(m[1])) names.add(name);
  for (const m of code.matchAll(/\bimport\s+(?:type\s+)?([\w$\s,{}*]*?)\s*\bfrom\b/g)) {
    for (const spec of m[1].replace(/[{}]/g, ',').split(',')) {
      const name = /([A-Za-z_$][\w$]*)\s*$/.exec(spec.trim())?.[1];
      if (name && name !== 'type') names.add(name);
    }
  }
  for (const m of code.matchAll(/([A-Za-z_$][\w$]*)\s*=>/g)) names.add(m[1]);
  for (let open = code.indexOf('('); open >= 0; open = code.indexOf('(', open + 1)) {
    const close = closeParen(code, open);
    if (close < 0) break;
    const before = code.slice(Math.max(0, open - 200), open);
    const after = code.slice(close + 1, close + 400);
    const isFunction = /\bfunction\s*\*?\s*[\w$]*\s*(?:<[^()]*>)?\s*$/.test(before);
    const isArrow = /^\s*(?::[^;\n]*?)?=>/.test(after);
    const word = /([A-Za-z_$][\w$]*)\s*(?:<[^()]*>)?\s*$/.exec(before)?.[1];
    const isMethod = !!word && !CONTROL.has(word) && /^\s*(?::[^;\n{]*)?\{/.test(after);
    if (isFunction || isArrow || isMethod) for (const name of parameterNames(code.slice(open + 1, close))) names.add(name);
  }
  return names;
}

/** Is the `name(` at `index` a method definition or signature (`name(a) {`, `name(a): T;`)? */
function isMethodDefinition(code, index, name) {
  const before = code.slice(Math.max(0, index - 120), index);
  if (!/(?:^|[{;,\n])\s*(?:(?:async|get|set|static|public|private|protected|readonly|override)\s+)*\*?\s*$/.test(before)) return false;
  const open = code.indexOf('(', index + name.length);
  const close = closeParen(code, open);
  return close >= 0 && /^\s*[:{]/.test(code.slice(close + 1, close + 200));
}

const lineOf = (text, index) => {
  let line = 1;
  for (let k = 0; k < index; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
};

// ---------------------------------------------------------------------------------------------
// Rules

const escape = (s) => s.replace(/[$]/g, '\\$');

/** Uses of the page's globals in `code`: [{ index, name, how, hint }]. */
export function findGlobals(code) {
  const declared = declaredNames(code);
  const found = [];
  for (const { name, kind, hint } of GLOBALS) {
    if (declared.has(name)) continue;
    const re = new RegExp(`(?<![\\w$#.])${escape(name)}(?![\\w$])`, 'g');
    for (const m of code.matchAll(re)) {
      const before = code.slice(Math.max(0, m.index - 80), m.index);
      const after = code.slice(m.index + name.length, m.index + name.length + 80);
      let how;
      if (/\btypeof\s*$/.test(before)) {
        // `typeof fetch` in a type is a type; `typeof fetch === 'function'` reads the global.
        if (/^\s*(?:\??\.\s*[\w$]+\s*)*[!=]==?/.test(after) || /[!=]==?\s*typeof\s*$/.test(before)) how = `typeof ${name}`;
      } else if (kind === 'object') {
        const use = /^\s*(\?\.|\.(?=[A-Za-z_$])|\[)/.exec(after);
        if (use) how = `${name}${use[1]}`;
      } else if (kind === 'function') {
        if (/^(?:\?\.)?\(/.test(after) && !isMethodDefinition(code, m.index, name)) how = `${name}(`;
      } else if (/\b(?:new|instanceof)\s+$/.test(before)) how = `${before.trim().split(/\s+/).pop()} ${name}`;
      else if (/\bclass\s+[\w$]+\s*(?:<[^>]*>)?\s+extends\s+$/.test(before)) how = `extends ${name}`;
      else {
        const use = /^(\?\.|\.(?=[A-Za-z_$])|\()/.exec(after);
        if (use) how = `${name}${use[1]}`;
      }
      if (how) found.push({ index: m.index, name, how, hint });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Value imports from `module`: [{ imported, local }] (`import type` and `type x` left out). */
export function importsFrom(withStrings, module) {
  const out = [];
  const re = /\bimport\s+(?!type\s)([^;]*?)\s*\bfrom\s*(['"])([^'"]+)\2/g;
  for (const m of withStrings.matchAll(re)) {
    if (m[3] !== module) continue;
    const braces = /\{([^}]*)\}/.exec(m[1]);
    if (!braces) continue;
    for (const spec of braces[1].split(',')) {
      const s = spec.trim();
      if (!s || /^type\s/.test(s)) continue;
      const [imported, local = imported] = s.split(/\s+as\s+/).map((x) => x.trim());
      out.push({ imported, local });
    }
  }
  return out;
}

/**
 * The problems in one file: [{ path, line, rule, message }]. `path` is relative to the
 * repository, with forward slashes (`src/ui/OfferCard.tsx`).
 */
export function checkFile(path, text) {
  if (!isSource(path)) return [];
  const { comments, code } = blankSource(text);
  const problems = [];
  const lines = text.split('\n');
  const add = (index, rule, message) => {
    const line = lineOf(text, index);
    problems.push({ path, line, rule, message, source: lines[line - 1].trim() });
  };

  if (!GLOBALS_ALLOWED(path)) {
    for (const g of findGlobals(code)) {
      add(g.index, 'globals', `\`${g.how}\` touches the page's global \`${g.name}\`; only src/embed.ts may: ${g.hint ?? TAKE_FROM_ENV}.`);
    }
  }

  if (PORTABLE.some((p) => path.startsWith(p))) {
    for (const m of comments.matchAll(/\bfrom\s+['"](node:[\w/]+|fs|path|http|https|os|url|zlib|crypto|child_process)['"]|\brequire\s*\(/g)) {
      add(m.index, 'portable', `Node-only import in portable code (${PORTABLE.join(', ')} run in browsers and workers too): take what you need as a parameter, or move this to src/cli/.`);
    }
  }

  if (UI(path)) {
    for (const { label, pattern } of HAND_DOM) {
      for (const m of code.matchAll(pattern)) {
        add(m.index, 'preact-render', `\`${label}\` builds DOM by hand in src/ui; render through Preact instead (a component returning JSX, mounted with render() from 'preact'), so the stack cannot be dropped quietly to save bytes.`);
      }
    }
    for (const { label, pattern, definitionOnly } of HAND_OBSERVABLE) {
      for (const m of code.matchAll(pattern)) {
        if (definitionOnly && !isMethodDefinition(code, m.index, 'subscribe')) continue;
        add(m.index, 'preact-signals', `${label} is an observable made by hand; keep a slot's state in signals from '@preact/signals' (${SLOT_STATE.path}) and let components read \`.value\`.`);
      }
    }
  }
  return problems;
}

/** The rules about src/ as a whole, plus every file's: `files` is [{ path, text }]. */
export function checkProject(files) {
  const problems = files.flatMap(({ path, text }) => checkFile(path, text)).sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  const ui = files.filter(({ path }) => UI(path) && isSource(path));
  const renders = ui.some(({ text }) => importsFrom(blankSource(text).comments, 'preact').some((i) => i.imported === 'render'));
  if (!renders) {
    problems.push({
      path: 'src/ui/',
      line: 0,
      rule: 'preact-render',
      message: "no file in src/ui imports `render` from 'preact': slots must be drawn by Preact. Mount the slot's component with `import { render } from 'preact'` in src/ui (embed.ts and widget.ts call that module).",
    });
  }
  const state = files.find(({ path }) => path === SLOT_STATE.path);
  if (!state) {
    problems.push({
      path: SLOT_STATE.path,
      line: 0,
      rule: 'preact-signals',
      message: `${SLOT_STATE.path} is missing: a slot's state lives there, in ${SLOT_STATE.names.map((n) => `\`${n}\``).join(' and ')} from '${SLOT_STATE.from}'.`,
    });
  } else {
    const imported = new Set(importsFrom(blankSource(state.text).comments, SLOT_STATE.from).map((i) => i.imported));
    const missing = SLOT_STATE.names.filter((n) => !imported.has(n));
    if (missing.length) {
      problems.push({
        path: SLOT_STATE.path,
        line: 1,
        rule: 'preact-signals',
        message: `does not import ${missing.map((n) => `\`${n}\``).join(' and ')} from '${SLOT_STATE.from}': hold the slot's state in signals (\`import { ${SLOT_STATE.names.join(', ')} } from '${SLOT_STATE.from}'\`), not in a store of our own.`,
      });
    }
  }
  return problems;
}

/** One problem as a line to print. */
export const formatProblem = (p) => `${p.path}${p.line ? `:${p.line}` : ''}: [${p.rule}] ${p.message}${p.source ? `\n    ${p.source}` : ''}`;
