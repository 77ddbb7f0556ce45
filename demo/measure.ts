/**
 * The preview panel's "Measure lift" card: simulate shoppers, summarise them with the same
 * report code the CLI runs, and offer the events (NDJSON) and the HTML report.
 */
import { parseCatalog } from '../src/catalog/parse-catalog';
import { createReport } from '../src/cli/report/create-report';
import { formatInterval, formatLift, formatMoney, formatPercent } from '../src/cli/report/format-figures';
import { formatHtml } from '../src/cli/report/format-html';
import { CATALOG_URL } from './catalog-data';
import { simulate, toNdjson } from './simulate';

const SHOPPERS = 1000;
const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const form = $<HTMLFormElement>('#measure');
const status = $<HTMLElement>('#measure-status');
const table = $<HTMLTableElement>('#measure-kpis');
const links = $<HTMLElement>('#measure-links');
const urls: string[] = [];

async function run(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  status.textContent = 'Simulating…';
  const parsed = parseCatalog(await (await fetch(CATALOG_URL)).json());
  if (!parsed.ok) throw new Error(parsed.error);
  const data = new FormData(form);
  const events = simulate(parsed.catalog, {
    shoppers: SHOPPERS,
    holdout: Math.min(50, Math.max(0, Number(data.get('holdout')) || 0)),
    seed: Number(data.get('seed')) || 1,
    today: new Date().toISOString().slice(0, 10),
  });
  const ndjson = toNdjson(events);
  const report = createReport();
  ndjson.trimEnd().split('\n').forEach((line, i) => report.addLine(line, i + 1));
  const result = report.result();
  const { overall } = result;

  const rows: [string, string][] = [
    ['Orders (treatment / holdout)', `${overall.detail.treatment.orders} / ${overall.detail.holdout.orders}`],
    ['Attach rate', formatPercent(overall.attachRate)],
    ['Upgrade rate', formatPercent(overall.upgradeRate)],
    ['AOV, treatment', formatMoney(overall.aov.treatment)],
    ['AOV, holdout', formatMoney(overall.aov.holdout)],
    ['Lift (95% CI)', `${formatLift(overall.aov.lift)} ${formatInterval(overall.aov.ci95)}`],
    ['Offer revenue (margin)', `${formatMoney(overall.offerRevenue)} (${formatMoney(overall.offerMargin)})`],
  ];
  table.tBodies[0]!.replaceChildren(
    ...rows.map(([name, value]) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = name;
      const td = document.createElement('td');
      td.textContent = value;
      tr.append(th, td);
      return tr;
    }),
  );
  for (const url of urls.splice(0)) URL.revokeObjectURL(url);
  const blob = (text: string, type: string) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    urls.push(url);
    return url;
  };
  $<HTMLAnchorElement>('#measure-download').href = blob(ndjson, 'application/x-ndjson');
  $<HTMLAnchorElement>('#measure-report').href = blob(
    formatHtml(result, { source: 'simulated shoppers', lines: events.length }),
    'text/html',
  );
  table.hidden = links.hidden = false;
  status.textContent = `${SHOPPERS.toLocaleString('en-US')} shoppers simulated: ${events.length.toLocaleString('en-US')} events.`;
}

form.addEventListener('submit', (event) => {
  run(event).catch((error: unknown) => (status.textContent = `The simulation failed: ${String(error)}`));
});
