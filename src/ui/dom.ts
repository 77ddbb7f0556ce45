/**
 * The widget's whole rendering layer, in place of a UI framework: JSX builds real DOM nodes,
 * and `patch` brings the live nodes of a slot up to date with a freshly built tree, keeping
 * every node that is still wanted (so focus, a screen reader's position and loaded images
 * survive a re-render). A slot holds one section of at most two cards; building it anew on
 * each change and patching costs microseconds, and this file costs a few hundred bytes where
 * a framework cost 4.5 KB of the script's 15 KB budget (README, "Where the bytes go").
 *
 * Nothing here reads a global: nodes are made by the document of the slot being drawn.
 */

/** What JSX may hold as a child; false, null and undefined render nothing. */
export type Child = Node | string | number | boolean | null | undefined | Child[];
type Handler = (event: Event) => void;
/** An element we built: its event handlers live in `_on`, so a patch can swap them. */
type Built = Element & { _on?: Record<string, Handler> };
type Component<P> = (props: P & { children?: Child[] }) => Node | null;

declare global {
  namespace JSX {
    type Element = Node | null;
    interface IntrinsicElements {
      [tag: string]: Record<string, unknown>;
    }
  }
}

let doc: Document;

/** One listener per element and event type, calling whatever handler the latest render gave. */
function dispatch(this: Built, event: Event): void {
  this._on?.[event.type]?.(event);
}

/**
 * The JSX factory. Props become attributes (`true` as an empty one; false, null and
 * undefined none), `onClick`-style props become event handlers, and text is always a text
 * node: no markup is ever parsed, so nothing from a catalog can inject any.
 */
export function h<P>(tag: string | Component<P>, props: P | null, ...children: Child[]): Node | null {
  if (typeof tag != 'string') return tag({ ...(props as P), children });
  const el: Built = doc.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) {
      const type = name.slice(2).toLowerCase();
      (el._on ??= {})[type] = value as Handler;
      el.addEventListener(type, dispatch);
    } else el.setAttribute(name.toLowerCase(), value === true ? '' : String(value));
  }
  el.append(...nodes(children));
  return el;
}

/** Children as `append` takes them: nested arrays flattened, nothing for false and null. */
const nodes = (children: Child[]): (Node | string)[] =>
  (children as unknown[])
    .flat(Infinity)
    .flatMap((c) => (c == null || typeof c == 'boolean' ? [] : [typeof c == 'object' ? (c as Node) : String(c)]));

/**
 * Draw `tree` (null for nothing) into `root`, made by `root`'s document: the live children
 * are kept and updated where they match, by tag and by a card's `data-product-id`.
 */
export function draw(root: Element | ShadowRoot, tree: () => Node | null): void {
  doc = root.ownerDocument;
  const next = tree();
  patchChildren(root, next ? [next] : []);
}

function patchChildren(parent: Element | ShadowRoot, wanted: Node[]): void {
  const pool = [...parent.childNodes];
  wanted.forEach((want, i) => {
    const key = keyOf(want);
    const j = pool.findIndex((n) => n.nodeName === want.nodeName && keyOf(n) === key);
    const node = j < 0 ? want : pool.splice(j, 1)[0]!;
    if (node !== want) patch(node, want);
    if (parent.childNodes[i] !== node) parent.insertBefore(node, parent.childNodes[i] ?? null);
  });
  for (const node of pool) node.remove();
}

const keyOf = (node: Node): string | null | undefined => (node as Element).getAttribute?.('data-product-id');

function patch(live: Node, want: Node): void {
  if (want.nodeType != 1) {
    if (live.nodeValue !== want.nodeValue) live.nodeValue = want.nodeValue;
    return;
  }
  const a = live as Built;
  const b = want as Built;
  for (const { name } of [...a.attributes]) if (!b.hasAttribute(name)) a.removeAttribute(name);
  for (const { name, value } of [...b.attributes]) if (a.getAttribute(name) !== value) a.setAttribute(name, value);
  for (const type in b._on) a.addEventListener(type, dispatch);
  a._on = b._on;
  patchChildren(a, [...b.childNodes]);
}
