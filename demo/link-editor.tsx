/**
 * The links of one anchor product: pick the anchor, then add, edit and remove its links. Every
 * change goes straight into the editor's signals, so the problems, the preview and the file
 * to download follow as it is typed. Focus follows the merchant: to a new link's first field,
 * and after a removal to the next link (the previous one, or "Add a link", when none follows).
 */
import { h } from 'preact';
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { LinkFields } from './link-fields';
import type { LinkEditorState } from './link-editor-state';
import { formatAmount, linkNote, pricedProduct } from './link-notes';

const LIST_ID = 'link-product-ids';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function LinkEditor({ editor }: { editor: LinkEditorState }) {
  const announcement = useSignal('');
  /** The id of the control to focus once the list has re-rendered. */
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const links = editor.anchorLinks.value;
  const anchor = editor.anchorOption.value;
  const head = editor.head.value;
  const currency = head.currency;
  const settings = head.settings as { maxUpsellRatio?: unknown } | undefined;
  const maxUpsellRatio = typeof settings?.maxUpsellRatio === 'number' ? settings.maxUpsellRatio : 1;
  const anchorProduct = pricedProduct(head.products, anchor?.id);
  const anchorName = anchor?.title ?? 'this product';
  const others = editor.otherProblems.value;

  const add = () => {
    const key = editor.addLink();
    focusNext.current = `link-${key}-to`;
    announcement.value = `Link ${links.length + 1} added to ${anchorName}.`;
  };
  const remove = (position: number) => {
    const gone = links[position - 1];
    if (!gone) return;
    const next = links[position] ?? links[position - 2];
    editor.removeLink(gone.key);
    focusNext.current = next ? `link-${next.key}-to` : 'add-link';
    announcement.value = `Link ${position} removed. ${plural(links.length - 1, 'link')} from ${anchorName}.`;
  };

  return (
    <section id="links" class="card" aria-labelledby="links-heading" tabIndex={-1}>
      <h2 id="links-heading">Links</h2>
      <div class="field">
        <label for="anchor">Anchor product</label>
        <select
          id="anchor"
          aria-describedby="anchor-hint"
          value={editor.anchor.value}
          onChange={(event) => {
            editor.anchor.value = event.currentTarget.value;
            announcement.value = '';
          }}
        >
          {editor.anchors.value.map((option) => (
            <option key={option.id} value={option.id}>
              {option.title} ({option.id}{option.price === undefined ? '' : `, ${formatAmount(option.price, currency)}`})
            </option>
          ))}
        </select>
        <p class="hint" id="anchor-hint">The product its links start from (their <code>from</code>). The preview shows its cards.</p>
      </div>

      <p>{links.length === 0 ? `${anchorName} has no links yet.` : `${plural(links.length, 'link')} from ${anchorName}:`}</p>
      {links.length > 0 && (
        <ol class="links">
          {links.map((entry, i) => {
            const link = entry.link as Record<string, unknown>;
            const to = pricedProduct(head.products, link.to);
            const clean = !editor.problemsByLink.value.has(entry.index);
            return (
              <li key={entry.key}>
                <LinkFields
                  entry={entry}
                  position={i + 1}
                  problems={editor.problemsByLink.value.get(entry.index)}
                  toTitle={to && `${to.title}, ${formatAmount(to.price, currency)}${to.inStock === false ? ', out of stock' : ''}`}
                  note={clean ? linkNote(link, anchorProduct, to, { maxUpsellRatio, currency }) : undefined}
                  listId={LIST_ID}
                  onEdit={(field, value) => editor.editLink(entry.key, field, value)}
                  onRemove={() => remove(i + 1)}
                />
              </li>
            );
          })}
        </ol>
      )}
      <div class="actions">
        <button type="button" id="add-link" onClick={add} disabled={!anchor}>Add a link</button>
        <p role="status">{announcement}</p>
      </div>

      <datalist id={LIST_ID}>
        {editor.anchors.value
          .filter((option) => option.id !== editor.anchor.value)
          .map((option) => (
            <option key={option.id} value={option.id}>{option.title}</option>
          ))}
      </datalist>

      {others.length > 0 && (
        <details class="other-problems">
          <summary>Problems elsewhere in this catalog ({others.length})</summary>
          <ul>
            {others.map((line, i) => <li key={i}><code>{line}</code></li>)}
          </ul>
        </details>
      )}
    </section>
  );
}
