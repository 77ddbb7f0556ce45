// @vitest-environment happy-dom
import { h } from 'preact';
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Platform } from './snippet';
import { nextTab, SnippetTabs } from './snippet-tabs';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const SNIPPETS: Record<Platform, string> = { html: '<div data-offerwise></div>', liquid: '{{ product.id }}', woocommerce: '<?php echo 1; ?>' };

function renderTabs(snippets = signal(SNIPPETS)) {
  render(<SnippetTabs snippets={snippets} />);
  return { snippets, tabs: screen.getAllByRole('tab') };
}

const selected = () => screen.getAllByRole('tab').find((tab) => tab.getAttribute('aria-selected') === 'true')?.textContent;

describe('SnippetTabs', () => {
  it('is a tablist of three tabs, each controlling a panel named after it', () => {
    const { tabs } = renderTabs();
    expect(screen.getByRole('tablist', { name: 'Embed code for' })).toBeTruthy();
    expect(tabs.map((tab) => tab.textContent)).toEqual(['HTML', 'Shopify Liquid', 'WooCommerce PHP']);
    for (const tab of tabs) {
      const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
      expect(panel?.getAttribute('role')).toBe('tabpanel');
      expect(panel?.getAttribute('aria-labelledby')).toBe(tab.id);
    }
    expect(screen.getByRole('tabpanel', { name: 'HTML' }).textContent).toBe(SNIPPETS.html);
  });

  it('keeps only the selected tab in the tab order and shows only its panel', () => {
    const { tabs } = renderTabs();
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);
    fireEvent.click(screen.getByRole('tab', { name: 'Shopify Liquid' }));
    expect(screen.getAllByRole('tab').map((tab) => tab.tabIndex)).toEqual([-1, 0, -1]);
    // Hidden panels leave the accessibility tree: only the Liquid one is found.
    expect(screen.getAllByRole('tabpanel')).toHaveLength(1);
    expect(screen.getByRole('tabpanel', { name: 'Shopify Liquid' }).textContent).toBe(SNIPPETS.liquid);
  });

  it('moves and selects with the arrow keys, wrapping around, and with Home and End', () => {
    const { tabs } = renderTabs();
    tabs[0]!.focus();
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' });
    expect(selected()).toBe('Shopify Liquid');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Shopify Liquid' }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(selected()).toBe('HTML');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(selected()).toBe('WooCommerce PHP');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(selected()).toBe('HTML');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(selected()).toBe('WooCommerce PHP');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'WooCommerce PHP' }));
  });

  it('follows the snippets signal', () => {
    const { snippets } = renderTabs();
    act(() => void (snippets.value = { ...SNIPPETS, html: '<div data-offerwise data-placement="cart"></div>' }));
    expect(screen.getByRole('tabpanel', { name: 'HTML' }).textContent).toContain('data-placement="cart"');
  });

  it('copies the tab on show and says so in a status', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    renderTabs();
    fireEvent.click(screen.getByRole('tab', { name: 'WooCommerce PHP' }));
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    const region = screen.getByRole('region', { name: 'Embed code' });
    await waitFor(() => expect(within(region).getByRole('status').textContent).toBe('WooCommerce PHP code copied to the clipboard.'));
    expect(writeText).toHaveBeenCalledWith(SNIPPETS.woocommerce);
  });

  it('selects the code for Ctrl+C when the clipboard refuses', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: () => Promise.reject(new Error('denied')) } });
    renderTabs();
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Code selected/));
    expect(getSelection()?.toString()).toBe(SNIPPETS.html);
  });
});

describe('nextTab', () => {
  it.each([
    ['ArrowRight', 0, 1],
    ['ArrowRight', 2, 0],
    ['ArrowLeft', 0, 2],
    ['Home', 2, 0],
    ['End', 0, 2],
    ['Enter', 1, undefined],
  ] as const)('%s from tab %i goes to %s', (key, from, to) => {
    expect(nextTab(key, from)).toBe(to);
  });
});
