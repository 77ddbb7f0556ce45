/**
 * A slot the widget mounts into (embed.md §2). Preact renders the element once and never
 * again: the widget owns its shadow root, so a re-render must not replace or diff it. The
 * data-* attributes come from a signal and are written straight onto the element; the
 * widget's MutationObserver re-renders on any change, and `refresh` is called as well.
 */
import { effect, Signal, type ReadonlySignal } from '@preact/signals';
import { h, Component, createRef } from 'preact';
import { refreshWidget } from './start-store';

export type SlotAttributes = Readonly<Record<`data-${string}`, string>>;

interface Props {
  id?: string;
  /** The slot's managed data-* attributes; a name missing from a later value is removed. */
  attributes: ReadonlySignal<SlotAttributes> | SlotAttributes;
  /** Attributes set once, never managed (e.g. the preview's heading level). */
  fixed?: SlotAttributes;
  /** Widget events (embed.md §6) to hand to `onEvent`. */
  events?: readonly string[];
  onEvent?: (event: Event) => void;
}

/** Write `next` onto `slot`, removing what `previous` had and `next` lacks. True when anything changed. */
export function syncAttributes(slot: Element, previous: SlotAttributes, next: SlotAttributes): boolean {
  let changed = false;
  for (const name of Object.keys(previous)) {
    if (!(name in next) && slot.hasAttribute(name)) {
      slot.removeAttribute(name);
      changed = true;
    }
  }
  for (const [name, value] of Object.entries(next)) {
    if (slot.getAttribute(name) === value) continue;
    slot.setAttribute(name, value);
    changed = true;
  }
  return changed;
}

export class WidgetSlot extends Component<Props> {
  private slot = createRef<HTMLDivElement>();
  private stop: Array<() => void> = [];

  /** Never: the element and whatever the widget attached to it stay as they are. */
  override shouldComponentUpdate(): boolean {
    return false;
  }

  /**
   * Runs in Preact's commit, synchronously inside `render()`, so a page that renders before
   * the deferred widget script gives the widget a slot that already has its attributes.
   */
  override componentDidMount(): void {
    const slot = this.slot.current;
    if (!slot) return;
    let previous: SlotAttributes | undefined;
    this.stop.push(
      effect(() => {
        const { attributes } = this.props;
        const next = attributes instanceof Signal ? attributes.value : attributes;
        // The first write happens before the widget runs: nothing to refresh yet.
        if (syncAttributes(slot, previous ?? {}, next) && previous) refreshWidget(slot);
        previous = next;
      }),
    );
    const { events = [], onEvent } = this.props;
    if (!onEvent) return;
    // A stable wrapper, so the listener is the one removed on unmount.
    const listener = (event: Event) => onEvent(event);
    for (const type of events) slot.addEventListener(type, listener);
    this.stop.push(() => events.forEach((type) => slot.removeEventListener(type, listener)));
  }

  override componentWillUnmount(): void {
    for (const stop of this.stop.splice(0)) stop();
  }

  override render() {
    return <div data-offerwise="" id={this.props.id} ref={this.slot} {...this.props.fixed} />;
  }
}
