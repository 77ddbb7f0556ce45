import { h, Component, createRef, options, render } from 'preact';
import { OfferCard } from './OfferCard';
import { headingText } from './offer-text';
import type { SlotState } from './slot-state';

/**
 * The region of one slot: a labelled section with a visible heading, one or two cards and a
 * polite live region. Renders nothing at all when there is no offer (embed.md §4).
 */
export class OfferSection extends Component<{ state: SlotState }> {
  private section = createRef<HTMLElement>();

  override componentDidMount(): void {
    this.componentDidUpdate();
  }

  /** What had focus before a render (in the slot's shadow root), to see whether the render removed it. */
  override getSnapshotBeforeUpdate(): Element | null | undefined {
    return (this.section.current?.getRootNode() as ShadowRoot | undefined)?.activeElement;
  }

  /**
   * After each render: carry out the pending focus request (after a dismissal, the card that
   * took its place, or the heading when none did), and hand each card to the widget (impressions).
   * A render that removed the focused card (the page's cart changed, so it is no longer
   * offered) moves focus to the heading, so keyboard users are not dropped to the page's top.
   */
  override componentDidUpdate(_props?: unknown, _state?: unknown, focused?: Element | null): void {
    const { state } = this.props;
    const root = this.section.current;
    if (!root) return;
    // Keyed cards: the DOM holds them in the order of `cards`.
    const elements = root.querySelectorAll<HTMLElement>('.card');
    const focus = state.focus.peek() ?? (focused && !focused.isConnected ? -1 : null);
    if (focus !== null) {
      state.focus.value = null;
      (elements[focus] ?? root.querySelector<HTMLElement>('.heading'))?.focus();
    }
    state.cards.peek().forEach(({ offer, position }, i) => state.card(elements[i]!, offer, position));
  }

  override render() {
    const { state } = this.props;
    const view = state.view.value;
    if (!view?.offers.length) return null;
    const Heading = `h${view.headingLevel}` as 'h2';

    return (
      <section ref={this.section} class={`ow ${view.theme}`} dir={view.dir} lang={view.lang} part="section" aria-labelledby="ow-h">
        <Heading class="heading" id="ow-h" part="heading" tabIndex={-1}>
          {headingText(view.placement, view.offers, view.strings)}
        </Heading>
        <div class="cards" part="cards">
          {state.cards.value.map(({ offer, position }) => (
            // Keyed by product: a re-render keeps each card's nodes, so focus, a screen
            // reader's place and loaded images survive, and an image is requested once.
            <OfferCard key={offer.product.id} state={state} offer={offer} position={position} />
          ))}
        </div>
        <p class="sr" role="status" aria-live="polite" aria-atomic="true">
          {state.message.value}
        </p>
      </section>
    );
  }
}

/**
 * Element props without what a page's polluted `Object.prototype` adds: Preact walks props
 * with `for…in`, which would otherwise set `polluted="yes"` (or worse, `hidden`) on every
 * node, give every vnode the same `key`, or hand a string to Preact as a `ref`. Installed
 * once, chained to whatever hook was there (a store's own Preact, when bundled from the ES
 * module).
 */
let installed = false;
function ownPropsOnly(): void {
  if (installed) return;
  installed = true;
  const previous = options.vnode;
  const proto = Object.prototype as Record<string, unknown>;
  // `h` copies props with `for…in`, so an inherited field arrives as an own one: drop what
  // merely mirrors the prototype.
  const inherited = (key: string, value: unknown) => key in proto && value === proto[key];
  options.vnode = (vnode) => {
    for (const field of ['key', 'ref'] as const) if (inherited(field, vnode[field])) vnode[field] = undefined;
    if (typeof vnode.type == 'string') {
      const props = vnode.props as Record<string, unknown>;
      const own: Record<string, unknown> = Object.create(null);
      for (const key of Object.keys(props)) if (!inherited(key, props[key])) own[key] = props[key];
      vnode.props = own as typeof vnode.props;
    }
    previous?.(vnode);
  };
}

/**
 * What a slot renders: its section inside an error boundary. A rendering bug empties the slot
 * for good and is reported; nothing reaches the page.
 */
export class SlotSection extends Component<{ state: SlotState; onError(error: unknown): void }, { failed?: boolean }> {
  override componentDidCatch(error: unknown): void {
    if (!this.state.failed) this.props.onError(error);
    this.setState({ failed: true });
  }
  override render() {
    ownPropsOnly();
    return this.state.failed ? null : <OfferSection state={this.props.state} />;
  }
}

/**
 * Render the slot's state into `root` with Preact until the returned function is called.
 * Signals re-render what changed from then on. A rendering bug empties the slot for good and
 * is reported through `onError`, never thrown into the page.
 */
export function mountSection(root: Element | ShadowRoot, state: SlotState, onError: (error: unknown) => void): () => void {
  try {
    render(<SlotSection state={state} onError={onError} />, root);
  } catch (error) {
    onError(error);
  }
  return () => render(null, root);
}
