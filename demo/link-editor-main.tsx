/**
 * The link editor page (demo/link-editor.html). Like the preview page, a shell: `<div
 * id="app">`, this module, then the widget's script tag with `data-target="#preview-slot"`, so
 * the slot exists, with its attributes, before the widget looks for it.
 */
import { h, render } from 'preact';
import demoCatalog from '../public/catalog.json';
import { cartApiUp } from './cart-client';
import { LinkEditorApp } from './link-editor-app';
import { createLinkEditor, type CatalogDocument } from './link-editor-state';
import { createLinkPreview } from './link-preview';
import { startStore } from './start-store';

const DEMO_NAME = 'the demo catalog';

const root = document.getElementById('app');
if (!root) throw new Error('[demo] The link editor page lacks #app');

startStore();
const demo = demoCatalog as CatalogDocument;
const editor = createLinkEditor(structuredClone(demo), DEMO_NAME);
const preview = createLinkPreview(editor.catalog, editor.anchor, cartApiUp, new Date().toISOString().slice(0, 10));
render(<LinkEditorApp editor={editor} preview={preview} demo={demo} demoName={DEMO_NAME} />, root);
