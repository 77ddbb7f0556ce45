/** The preview's "Measure lift" card: simulated shoppers, their KPIs, the events and the report. */
import { h, Fragment } from 'preact';
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { loadCatalog } from './catalog-data';
import { measureLift, SHOPPERS, type Measurement } from './measure';

interface Result extends Measurement {
  download: string;
  report: string;
}

export function MeasureLift() {
  const status = useSignal('');
  const result = useSignal<Result | null>(null);
  const urls = useRef<string[]>([]);
  // Blob URLs hold the events in memory until revoked.
  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);

  const blob = (text: string, type: string) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    urls.current.push(url);
    return url;
  };

  const run = async (form: HTMLFormElement) => {
    status.value = 'Simulating…';
    const data = new FormData(form);
    const measured = measureLift(await loadCatalog(), {
      holdout: Number(data.get('holdout')),
      seed: Number(data.get('seed')),
      today: new Date().toISOString().slice(0, 10),
    });
    for (const url of urls.current.splice(0)) URL.revokeObjectURL(url);
    result.value = { ...measured, download: blob(measured.ndjson, 'application/x-ndjson'), report: blob(measured.html, 'text/html') };
    status.value = `${SHOPPERS.toLocaleString('en-US')} shoppers simulated: ${measured.events.toLocaleString('en-US')} events.`;
  };

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    run(event.currentTarget as HTMLFormElement).catch((error: unknown) => (status.value = `The simulation failed: ${String(error)}`));
  };

  const shown = result.value;
  return (
    <section class="card" aria-labelledby="measure-heading">
      <h2 id="measure-heading">Measure lift</h2>
      <p class="hint">
        Simulated shoppers browse the demo store: the widget's engine chooses their offers, a simple behaviour model clicks, adds and buys, and a
        holdout group sees nothing. Download the events and run <code>npx offerwise report events.ndjson</code>, or open the report here. A thousand
        shoppers give a wide interval, even with half of them held out: real stores need weeks of traffic.
      </p>
      <form class="measure" onSubmit={onSubmit}>
        <label>Holdout % <input name="holdout" type="number" min="0" max="50" step="1" defaultValue="50" /></label>
        <label>Seed <input name="seed" type="number" min="1" step="1" defaultValue="1" /></label>
        <button type="submit">Simulate 1,000 shoppers</button>
      </form>
      <p role="status">{status}</p>
      {shown && (
        <>
          <table class="kpis">
            <caption>Overall, from the simulated events</caption>
            <tbody>
              {shown.rows.map(([name, value]) => (
                <tr key={name}><th scope="row">{name}</th><td>{value}</td></tr>
              ))}
            </tbody>
          </table>
          <p class="actions">
            <a href={shown.download} download="offerwise-events.ndjson">Download events (NDJSON)</a>
            <a href={shown.report} target="_blank" rel="noopener">Open the report</a>
          </p>
        </>
      )}
    </section>
  );
}
