/**
 * The preview page (index.html). The page is a shell: `<div id="app">`, this module, and the
 * widget's script tag after it with `data-target="#preview-slot"`. Module scripts run in
 * document order with `defer` ones and Preact renders synchronously, so the slot exists, with
 * its attributes, before the widget looks for it.
 */
import { h, render } from 'preact';
import { cartApiReady } from './cart-client';
import { loadStoreProducts } from './catalog-data';
import { createEventLog } from './event-log';
import { createKpiModel } from './kpi-panel';
import { onBeaconLines } from './mocks/beacon-inbox';
import { PreviewApp } from './preview-app';
import { createPreviewState } from './preview-state';
import { startStore } from './start-store';

const root = document.getElementById('app');
if (!root) throw new Error('[demo] The preview page lacks #app');

startStore();
loadStoreProducts();
const state = createPreviewState(new Date().toISOString().slice(0, 10));
const kpis = createKpiModel();
onBeaconLines(kpis.receive);
void cartApiReady().then(() => (state.endpointUp.value = true));
render(<PreviewApp state={state} log={createEventLog()} kpis={kpis} />, root);
