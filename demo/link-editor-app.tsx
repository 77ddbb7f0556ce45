/**
 * The link editor page (demo/link-editor.html): the catalog's source and download, the
 * anchor's links, and beside them a live preview, a real slot the built widget renders into
 * from the edited catalog.
 */
import { h, Fragment } from 'preact';
import { PREVIEW_HREF, STORE_PAGES } from './demo-pages';
import { CatalogSource } from './catalog-source';
import { LinkEditor } from './link-editor';
import type { CatalogDocument, LinkEditorState } from './link-editor-state';
import { PREVIEW_PLACEMENTS, type LinkPreview } from './link-preview';
import { WidgetSlot } from './widget-slot';

export const LINK_PREVIEW_SLOT_ID = 'preview-slot';
/** Heading level 3 fits this page's outline. */
const FIXED = { 'data-heading-level': '3' } as const;
const EVENTS = ['offerwise:render'];

interface Props {
  editor: LinkEditorState;
  preview: LinkPreview;
  demo: CatalogDocument;
  demoName: string;
}

export function LinkPreviewPanel({ editor, preview }: { editor: LinkEditorState; preview: LinkPreview }) {
  const placement = preview.placement.value;
  const how = PREVIEW_PLACEMENTS.find(([value]) => value === placement)?.[2];
  return (
    <section id="preview" class="card link-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Live preview</h2>
      <fieldset aria-describedby="preview-placement-hint">
        <legend>Show the cards of</legend>
        <div
          class="choices"
          onChange={(event) => (preview.placement.value = (event.target as HTMLInputElement).value as typeof placement)}
        >
          {PREVIEW_PLACEMENTS.map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="preview-placement" value={value} checked={placement === value} /> {label}
            </label>
          ))}
        </div>
        <p class="hint" id="preview-placement-hint">
          {editor.anchorOption.value?.title ?? 'The anchor'}: {how}; the shopper is a returning customer.
        </p>
      </fieldset>
      <div class="stage" data-preview-theme="auto">
        <WidgetSlot id={LINK_PREVIEW_SLOT_ID} attributes={preview.slotAttributes} fixed={FIXED} events={EVENTS} onEvent={preview.onEvent} />
        <p class="empty-note" hidden={!preview.empty.value}>
          No card qualifies here, so the widget renders nothing, exactly as shoppers would see it.
        </p>
      </div>
    </section>
  );
}

export function LinkEditorApp({ editor, preview, demo, demoName }: Props) {
  return (
    <>
      <a class="skip-link" href="#links">Skip to the links</a>
      <header class="bar">
        <h1>Offerwise link editor</h1>
        <nav aria-label="Demo pages">
          <ul>
            <li><a href={PREVIEW_HREF}>Preview panel</a></li>
            {STORE_PAGES.map(({ page, href, label }) => (
              <li key={page}><a href={href}>{label}</a></li>
            ))}
          </ul>
        </nav>
      </header>
      <main class="editor-layout">
        <div class="editor-column">
          <CatalogSource editor={editor} demo={demo} demoName={demoName} />
          <LinkEditor editor={editor} />
        </div>
        <LinkPreviewPanel editor={editor} preview={preview} />
      </main>
      <footer class="bar-footer">
        <p>
          Links are checked with the rules of <code>offerwise validate</code> as they are typed. The preview loads the built <code>offerwise.js</code>{' '}
          with one script tag, as a store does; the edited catalog is served in this browser by Mock Service Worker.
        </p>
      </footer>
    </>
  );
}
