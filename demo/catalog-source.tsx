/**
 * Where the edited catalog comes from and where it goes: the demo catalog, or a file the
 * merchant opens or drops in (a file `offerwise validate` would reject whole is refused with
 * its message, and the catalog being edited stays); and "Download catalog.json", the catalog
 * as it stands, with a live line saying whether it passes `offerwise validate`.
 */
import { h } from 'preact';
import { useComputed, useSignal } from '@preact/signals';
import { readCatalogFile, type CatalogDocument, type LinkEditorState } from './link-editor-state';

export const DOWNLOAD_NAME = 'catalog.json';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const countOf = (list: unknown) => (Array.isArray(list) ? list.length : 0);

/** Save `text` as a file named `name`, through a link to a blob (what a "Save as" needs). */
export function saveText(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoked in a later task: the download reads the blob after this click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Props {
  editor: LinkEditorState;
  /** The demo catalog, to start over from. */
  demo: CatalogDocument;
  demoName: string;
}

export function CatalogSource({ editor, demo, demoName }: Props) {
  const status = useSignal('');
  const refused = useSignal<{ name: string; problems: string[] } | null>(null);
  const dragging = useSignal(false);
  const summary = useComputed(() => {
    const n = editor.problems.value.length;
    return n === 0 ? 'No problems: it passes offerwise validate.' : `${plural(n, 'problem')}: offerwise validate would fail. The widget skips each link or product with a problem.`;
  });

  async function open(file: File | undefined): Promise<void> {
    if (!file) return;
    const read = readCatalogFile(await file.text(), file.name);
    if (!read.ok) {
      refused.value = { name: file.name, problems: read.problems };
      status.value = '';
      return;
    }
    refused.value = null;
    editor.load(read.doc, file.name);
    status.value = `Opened ${file.name}: ${plural(countOf(read.doc.products), 'product')}, ${plural(countOf(read.doc.links), 'link')}.`;
  }

  const startOver = () => {
    refused.value = null;
    editor.load(structuredClone(demo), demoName);
    status.value = `Started over from ${demoName}.`;
  };

  const download = () => {
    saveText(DOWNLOAD_NAME, editor.json.value);
    status.value = `${DOWNLOAD_NAME} downloaded.`;
  };

  const head = editor.head.value;
  const problem = refused.value;
  return (
    <section class="card" aria-labelledby="catalog-heading">
      <h2 id="catalog-heading">Catalog</h2>
      <p>
        Editing <strong>{editor.source}</strong>: {plural(countOf(head.products), 'product')}, {plural(editor.entries.value.length, 'link')}.
      </p>
      <div
        class="drop-zone"
        data-dragging={dragging.value ? '' : undefined}
        onDragOver={(event) => {
          event.preventDefault();
          dragging.value = true;
        }}
        onDragLeave={() => (dragging.value = false)}
        onDrop={(event) => {
          event.preventDefault();
          dragging.value = false;
          void open(event.dataTransfer?.files[0]);
        }}
      >
        <label for="catalog-file">Open a catalog file</label>
        <input
          id="catalog-file"
          type="file"
          accept=".json,application/json"
          aria-describedby={problem ? 'catalog-file-hint catalog-file-error' : 'catalog-file-hint'}
          aria-invalid={problem ? 'true' : undefined}
          onChange={(event) => {
            const input = event.currentTarget;
            void open(input.files?.[0]).finally(() => (input.value = ''));
          }}
        />
        <p class="hint" id="catalog-file-hint">Or drop a catalog.json here. It replaces the catalog being edited.</p>
      </div>
      <div role="alert">
        {problem && (
          <div class="field-error" id="catalog-file-error">
            <p>{problem.name} was not opened; offerwise validate says:</p>
            <ul>
              {problem.problems.map((line, i) => <li key={i}><code>{line}</code></li>)}
            </ul>
          </div>
        )}
      </div>
      <div class="actions">
        <button type="button" onClick={download} aria-describedby="catalog-validity">Download {DOWNLOAD_NAME}</button>
        <button type="button" class="secondary" onClick={startOver}>Start over from {demoName}</button>
      </div>
      <p id="catalog-validity" class="validity" aria-live="polite" data-valid={editor.problems.value.length === 0 ? '' : undefined}>
        {summary}
      </p>
      <p role="status">{status}</p>
    </section>
  );
}
