// @vitest-environment happy-dom
import { h } from 'preact';
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WidgetSlot, type SlotAttributes } from './widget-slot';

afterEach(() => {
  cleanup();
  Reflect.deleteProperty(window, 'Offerwise');
});

function slotIn(container: Element): HTMLElement {
  const slot = container.querySelector<HTMLElement>('[data-offerwise]');
  if (!slot) throw new Error('no slot rendered');
  return slot;
}

describe('WidgetSlot', () => {
  it('has its attributes as soon as render() returns, before the deferred widget runs', () => {
    const attributes = signal<SlotAttributes>({ 'data-placement': 'cart', 'data-cart': 'a:1' });
    const { container } = render(<WidgetSlot id="offers" attributes={attributes} fixed={{ 'data-heading-level': '3' }} />);
    const slot = slotIn(container);
    expect(slot.id).toBe('offers');
    expect(slot.getAttribute('data-placement')).toBe('cart');
    expect(slot.getAttribute('data-cart')).toBe('a:1');
    expect(slot.getAttribute('data-heading-level')).toBe('3');
  });

  it('writes changes onto the same element, removes dropped attributes, and asks the widget to refresh', () => {
    const refresh = vi.fn();
    Reflect.set(window, 'Offerwise', { refresh });
    const attributes = signal<SlotAttributes>({ 'data-placement': 'product', 'data-product': 'p1' });
    const { container } = render(<WidgetSlot attributes={attributes} fixed={{ 'data-beacon': '/b' }} />);
    const slot = slotIn(container);
    expect(refresh).not.toHaveBeenCalled();

    attributes.value = { 'data-placement': 'checkout' };
    expect(slotIn(container)).toBe(slot);
    expect(slot.getAttribute('data-placement')).toBe('checkout');
    expect(slot.hasAttribute('data-product')).toBe(false);
    expect(slot.getAttribute('data-beacon')).toBe('/b');
    expect(refresh).toHaveBeenCalledWith(slot);

    refresh.mockClear();
    attributes.value = { 'data-placement': 'checkout' };
    expect(refresh).not.toHaveBeenCalled();
  });

  it('never re-renders over what the widget mounted, even when its parent re-renders', () => {
    const label = signal('one');
    const attributes = signal<SlotAttributes>({ 'data-placement': 'cart' });
    function Parent() {
      return (
        <div>
          <p>{label.value}</p>
          <WidgetSlot attributes={attributes} />
        </div>
      );
    }
    const { container, getByText } = render(<Parent />);
    const slot = slotIn(container);
    const root = slot.attachShadow({ mode: 'open' });
    root.innerHTML = '<section aria-label="Offers">cards</section>';
    slot.setAttribute('data-widget-own', 'x');

    act(() => void (label.value = 'two'));
    expect(getByText('two')).toBeTruthy();
    expect(slotIn(container)).toBe(slot);
    expect(slot.shadowRoot?.innerHTML).toBe('<section aria-label="Offers">cards</section>');
    expect(slot.getAttribute('data-widget-own')).toBe('x');
  });

  it('hands the listed widget events to onEvent, and stops on unmount', () => {
    const onEvent = vi.fn();
    const { container, unmount } = render(<WidgetSlot attributes={{}} events={['offerwise:render']} onEvent={onEvent} />);
    const slot = slotIn(container);
    fireEvent(slot, new CustomEvent('offerwise:render', { detail: { offers: [] } }));
    fireEvent(slot, new CustomEvent('offerwise:click'));
    expect(onEvent).toHaveBeenCalledTimes(1);
    unmount();
    fireEvent(slot, new CustomEvent('offerwise:render'));
    expect(onEvent).toHaveBeenCalledTimes(1);
  });
});
