/**
 * "Measure lift", without the DOM: simulate shoppers, summarise them with the same report
 * code the CLI runs, and return the KPI rows, the events (NDJSON) and the HTML report.
 */
import { parseCatalog } from '../src/catalog/parse-catalog';
import { createReport } from '../src/cli/report/create-report';
import { formatInterval, formatLift, formatMoney, formatPercent } from '../src/cli/report/format-figures';
import { formatHtml } from '../src/cli/report/format-html';
import { simulate, toNdjson } from './simulate';

export const SHOPPERS = 1000;

export interface Measurement {
  rows: Array<[name: string, value: string]>;
  ndjson: string;
  html: string;
  events: number;
}

export function measureLift(catalogJson: unknown, options: { holdout: number; seed: number; today: string }): Measurement {
  const parsed = parseCatalog(catalogJson);
  if (!parsed.ok) throw new Error(parsed.error);
  const events = simulate(parsed.catalog, {
    shoppers: SHOPPERS,
    holdout: Math.min(50, Math.max(0, options.holdout || 0)),
    seed: options.seed || 1,
    today: options.today,
  });
  const ndjson = toNdjson(events);
  const report = createReport();
  ndjson.trimEnd().split('\n').forEach((line, i) => report.addLine(line, i + 1));
  const result = report.result();
  const { overall } = result;
  // Amounts in the catalog's currency, as the report shows them.
  const money = (x: number | null) => formatMoney(x, parsed.catalog.currency);
  const { lift, ci95 } = overall.aov;
  return {
    rows: [
      ['Orders (treatment / holdout)', `${overall.detail.treatment.orders} / ${overall.detail.holdout.orders}`],
      ['Attach rate', formatPercent(overall.attachRate)],
      ['Upgrade rate', formatPercent(overall.upgradeRate)],
      ['AOV, treatment', money(overall.aov.treatment)],
      ['AOV, holdout', money(overall.aov.holdout)],
      [
        'Lift (95% CI)',
        lift !== null
          ? `${formatLift(lift)} ${formatInterval(ci95)}`
          : overall.detail.holdout.orders === 0
            ? 'n/a: no holdout orders to compare with (set Holdout % above 0)'
            : 'n/a: it needs orders in both groups',
      ],
      ['Offer revenue (margin)', `${money(overall.offerRevenue)} (${money(overall.offerMargin)})`],
    ],
    ndjson,
    html: formatHtml(result, { source: 'simulated shoppers', lines: events.length }),
    events: events.length,
  };
}
