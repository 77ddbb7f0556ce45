// @vitest-environment happy-dom
import { h, Fragment } from 'preact';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import demoCatalog from '../public/catalog.json';
import { validateCatalog } from '../src/catalog/validate-catalog';
import { CatalogSource } from './catalog-source';
import { LinkEditor } from './link-editor';
import { createLinkEditor, type CatalogDocument } from './link-editor-state';

afterEach(cleanup);

const demo = demoCatalog as CatalogDocument;

function renderEditor(anchor = 'blender-basic') {
  const editor = createLinkEditor(structuredClone(demo), 'the demo catalog');
  editor.anchor.value = anchor;
  render(
    <>
      <CatalogSource editor={editor} demo={demo} demoName="the demo catalog" />
      <LinkEditor editor={editor} />
    </>,
  );
  return editor;
}

const link = (n: number) => screen.getByRole('group', { name: `Link ${n}` });
/** The offered product's field: a text box with suggestions (a combobox), and the reason's. */
const toField = (n: number) => within(link(n)).getByRole('combobox', { name: 'Offered product' }) as HTMLInputElement;
const reasonField = (n: number) => within(link(n)).getByRole('textbox', { name: 'Reason' }) as HTMLInputElement;
/** The text of the elements named by a control's aria-describedby. */
const description = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent)
    .join(' | ');

describe('LinkEditor', () => {
  it('lists the anchor\'s links with their fields, and switches anchor', () => {
    renderEditor();
    expect((screen.getByRole('combobox', { name: 'Anchor product' }) as HTMLSelectElement).value).toBe('blender-basic');
    expect(screen.getByText('2 links from Blender Basic:')).toBeTruthy();
    expect(toField(1).value).toBe('blender-pro');
    expect((within(link(1)).getByRole('combobox', { name: 'Kind' }) as HTMLSelectElement).value).toBe('upsell');
    expect((within(link(1)).getByRole('combobox', { name: 'Upsell type' }) as HTMLSelectElement).value).toBe('premium');
    expect(reasonField(1).value).toBe('Stronger motor and a 3-year warranty');
    const placements = within(link(2)).getByRole('group', { name: 'Placements' });
    expect(within(placements).getAllByRole('checkbox').filter((box) => (box as HTMLInputElement).checked).map((box) => box.getAttribute('value'))).toEqual(['checkout']);

    fireEvent.change(screen.getByRole('combobox', { name: 'Anchor product' }), { target: { value: 'mattress' } });
    expect(screen.getByText('3 links from Memory Foam Mattress (Queen):')).toBeTruthy();
    expect(toField(1).value).toBe('pillows');
  });

  it('adds a link, focuses it, and shows the validator\'s problem under a field as it is typed', async () => {
    const editor = renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Add a link' }));
    const to = toField(3);
    await waitFor(() => expect(document.activeElement).toBe(to));
    expect(screen.getByText('Link 3 added to Blender Basic.')).toBeTruthy();
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(description(to)).toContain('missing, expected a product id');

    fireEvent.input(to, { target: { value: 'cofee-descaler' } });
    expect(description(toField(3))).toContain('unknown product "cofee-descaler" (did you mean "coffee-descaler"?)');
    expect(screen.getByText('1 problem: offerwise validate would fail. The widget skips each link or product with a problem.')).toBeTruthy();

    fireEvent.input(toField(3), { target: { value: 'coffee-descaler' } });
    expect(toField(3).hasAttribute('aria-invalid')).toBe(false);
    expect(description(toField(3))).toBe('Descaler (2 doses), $14.00');
    expect(screen.getByText('No problems: it passes offerwise validate.')).toBeTruthy();
    expect(editor.catalog.value.links).toContainEqual({ from: 'blender-basic', to: 'coffee-descaler', kind: 'cross-sell' });
  });

  it('ties a too-long reason to its field and a duplicate to the link', () => {
    const editor = renderEditor();
    fireEvent.input(reasonField(1), { target: { value: 'x'.repeat(141) } });
    const reason = reasonField(1);
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(description(reason)).toBe(
      `Why it fits, shown on the card: 141 of at most 140 characters. | expected a string of at most 140 characters, got "${'x'.repeat(60)}…"`,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Add a link' }));
    fireEvent.input(toField(3), { target: { value: 'blender-pro' } });
    fireEvent.change(within(link(3)).getByRole('combobox', { name: 'Kind' }), { target: { value: 'upsell' } });
    expect(description(link(3))).toBe('duplicate of links[17] (same from, to and kind)');
    expect((within(link(3)).getByRole('combobox', { name: 'Upsell type' }) as HTMLSelectElement).value).toBe('premium');
    expect(editor.problems.value).toHaveLength(2);
  });

  it('shows a kind the file got wrong as what it is, and says why a valid link shows no card', () => {
    const editor = createLinkEditor(structuredClone(demo), 'typo.json');
    (editor.entries.value[17]!.link as Record<string, unknown>).kind = 'upsel';
    editor.entries.value = [...editor.entries.value];
    editor.anchor.value = 'blender-basic';
    render(<LinkEditor editor={editor} />);
    const kind = within(link(1)).getByRole('combobox', { name: 'Kind' }) as HTMLSelectElement;
    expect(kind.selectedOptions[0]?.textContent).toBe('upsel (not valid)');
    expect(kind.getAttribute('aria-invalid')).toBe('true');
    expect(description(kind)).toBe('expected one of "cross-sell", "upsell", got "upsel" (did you mean "upsell"?)');

    fireEvent.change(kind, { target: { value: 'cross-sell' } });
    // Blender Pro ($99) costs more than Blender Basic ($69): valid, but never offered as a cross-sell.
    expect(description(link(1))).toBe('Not offered: a cross-sell costs at most its anchor ($69.00), and Blender Pro costs $99.00.');
  });

  it('removes a link and moves focus to the next one, then to "Add a link"', async () => {
    const editor = renderEditor();
    fireEvent.click(within(link(1)).getByRole('button', { name: 'Remove link 1' }));
    await waitFor(() => expect(document.activeElement).toBe(toField(1)));
    expect(toField(1).value).toBe('express-shipping');
    expect(screen.getByText('Link 1 removed. 1 link from Blender Basic.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove link 1' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add a link' })));
    expect(screen.getByText('Blender Basic has no links yet.')).toBeTruthy();
    expect(editor.catalog.value.links).toHaveLength((demo.links as unknown[]).length - 2);
  });

  it('checks placements into the link in the spec\'s order, and none means every placement', () => {
    const editor = renderEditor();
    const placements = within(link(1)).getByRole('group', { name: 'Placements' });
    fireEvent.click(within(placements).getByRole('checkbox', { name: 'Checkout' }));
    fireEvent.click(within(placements).getByRole('checkbox', { name: 'Product page' }));
    expect((editor.catalog.value.links as Array<Record<string, unknown>>)[17]!.placements).toEqual(['product', 'checkout']);
    fireEvent.click(within(placements).getByRole('checkbox', { name: 'Checkout' }));
    fireEvent.click(within(placements).getByRole('checkbox', { name: 'Product page' }));
    expect((editor.catalog.value.links as Array<Record<string, unknown>>)[17]).not.toHaveProperty('placements');
  });
});

describe('CatalogSource', () => {
  const fileOf = (name: string, text: string) => new File([text], name, { type: 'application/json' });

  it('refuses a file validate rejects whole, with its message, and keeps the catalog', async () => {
    const editor = renderEditor();
    const input = screen.getByLabelText('Open a catalog file') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [fileOf('old.json', '{"version": 2, "products": []}')] } });
    const alert = await screen.findByText('old.json was not opened; offerwise validate says:');
    expect(within(screen.getByRole('alert')).getByText('version: expected 1, got 2')).toBeTruthy();
    expect(alert).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(editor.source.value).toBe('the demo catalog');
  });

  it('opens a dropped file in place of the catalog; "Start over" brings the demo catalog back', async () => {
    const editor = renderEditor();
    const doc = { version: 1, products: [{ id: 'a', title: 'A', price: 10, url: '/a' }, { id: 'b', title: 'B', price: 5, url: '/b' }], links: [] };
    const zone = screen.getByText('Or drop a catalog.json here. It replaces the catalog being edited.').parentElement!;
    // A drop as the browser sends it (testing-library's fireEvent.drop does not reach listeners under happy-dom).
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [fileOf('shop.json', JSON.stringify(doc))] } });
    act(() => void zone.dispatchEvent(drop));
    expect(drop.defaultPrevented).toBe(true);
    expect(await screen.findByText('Opened shop.json: 2 products, 0 links.')).toBeTruthy();
    expect(editor.anchor.value).toBe('a');
    expect(screen.getByText('A has no links yet.')).toBeTruthy();
    expect(screen.getByText('shop.json')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Start over from the demo catalog' }));
    expect(screen.getByText('Started over from the demo catalog.')).toBeTruthy();
    expect(JSON.parse(editor.json.value)).toEqual(demo);
  });

  it('downloads the catalog as it stands as catalog.json', async () => {
    const editor = renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Add a link' }));
    fireEvent.input(toField(3), { target: { value: 'coffee-descaler' } });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:catalog'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('catalog.json');
      expect(this.href).toBe('blob:catalog');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Download catalog.json' }));
    expect(clicked).toHaveBeenCalledTimes(1);
    const saved = JSON.parse(await blobs[0]!.text());
    expect(saved).toEqual(editor.catalog.value);
    expect(validateCatalog(saved)).toEqual([]);
    expect(screen.getByText('catalog.json downloaded.')).toBeTruthy();
  });
});
