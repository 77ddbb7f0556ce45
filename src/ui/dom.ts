/**
 * The widget's whole rendering layer, in place of a UI framework: JSX builds a light
 * description of the section, and `draw` brings the live nodes of a slot up to date with it,
 * keeping every node that is still wanted (so focus, a screen reader's position and loaded
 * images survive a re-render) and creating only the new ones (so an image is requested once,
 * not on every render). A slot holds one section of at most two cards; this file costs a few
 * hundred bytes where a framework cost 4.5 KB of the script's 15 KB budget (README, "Where
 * the bytes go").
 *
 * Nothing here reads a global: nodes are made by the document of the slot being drawn.
 */

/** An element to be: its tag, its props (attributes and `on…` handlers), its children. */
export interface VNode {
  t: string;
  p: Record<string, unknown>;
  c: (VNode | string)[];
}
/** What JSX may hold as a child; false, null and undefined render nothing. */
export type Child = VNode | string | number | boolean | null | undefined | Child[];
type Handler = (event: Event) => void;
/** An element we drew: its event handlers live in `_on`, so a re-render can swap them. */
type Drawn = Element & { _on?: Record<string, Handler> };
type Component<P> = (props: P & { children?: Child[] }) => VNode | null;

declare global {
  namespace JSX {
    type Element = VNode | null;
    interface IntrinsicElements {
      [tag: string]: Record<string, unknown>;
    }
  }
}

/** The JSX factory. */
export function h<P>(tag: string | Component<P>, props: P | null, ...children: Child[]): VNode | null {
  const c = (children as unknown[])
    .flat(Infinity)
    .flatMap((x) => (x == null || typeof x == 'boolean' ? [] : [typeof x == 'object' ? (x as VNode) : String(x)]));
  return typeof tag == 'string' ? { t: tag, p: (props ?? {}) as Record<string, unknown>, c } : tag({ ...(props as P), children: c });
}

/** One listener per element and event type, calling whatever handler the latest render gave. */
function dispatch(this: Drawn, event: Event): void {
  this._on?.[event.type]?.(event);
}

/** Draw `tree` (null for nothing) into `root`, with `root`'s document. */
export function draw(root: Element | ShadowRoot, tree: VNode | null): void {
  patchChildren(root.ownerDocument, root, tree ? [tree] : []);
}

function patchChildren(doc: Document, parent: Element | ShadowRoot, wanted: (VNode | string)[]): void {
  const pool = [...parent.childNodes];
  wanted.forEach((want, i) => {
    const j = pool.findIndex((n) =>
      typeof want == 'string' ? n.nodeType == 3 : (n as Element).localName === want.t && keyOf(n) === want.p['data-product-id'],
    );
    const node = j < 0 ? (typeof want == 'string' ? doc.createTextNode('') : doc.createElement(want.t)) : pool.splice(j, 1)[0]!;
    update(doc, node, want);
    if (parent.childNodes[i] !== node) parent.insertBefore(node, parent.childNodes[i] ?? null);
  });
  for (const node of pool) node.remove();
}

const keyOf = (node: Node) => (node as Element).getAttribute('data-product-id') ?? undefined;

/**
 * Bring `node` in line with `want`. Props become attributes (`true` as an empty one; false,
 * null and undefined none) and `onClick`-style props handlers; text is always a text node:
 * no markup is ever parsed, so nothing from a catalog can inject any.
 */
function update(doc: Document, node: Node, want: VNode | string): void {
  if (typeof want == 'string') {
    if (node.nodeValue !== want) node.nodeValue = want;
    return;
  }
  const el = node as Drawn;
  // No prototype: a page's polluted Object.prototype adds no attribute and no handler.
  const attrs: Record<string, string> = Object.create(null);
  const on: Record<string, Handler> = Object.create(null);
  for (const [name, value] of Object.entries(want.p))
    if (value == null || value === false) continue;
    else if (name.startsWith('on')) on[name.slice(2).toLowerCase()] = value as Handler;
    else attrs[name.toLowerCase()] = value === true ? '' : String(value);
  for (const { name } of [...el.attributes]) if (!(name in attrs)) el.removeAttribute(name);
  for (const [name, value] of Object.entries(attrs)) if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  for (const type in on) el.addEventListener(type, dispatch);
  el._on = on;
  patchChildren(doc, el, want.c);
}
