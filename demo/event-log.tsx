/** The preview's event log: the widget's events on the preview slot, newest first. */
import { h } from 'preact';
import { signal } from '@preact/signals';
import { summarizeDetail } from './preview-model';

const LOG_LIMIT = 50;

interface Entry {
  key: number;
  type: string;
  /** ISO time, and the same as the panel shows it. */
  at: string;
  shown: string;
  data: string;
}

export function createEventLog() {
  const entries = signal<Entry[]>([]);
  /** The latest render showed nothing (the widget renders nothing then, so the panel says why). */
  const emptyRender = signal(false);
  let next = 0;

  function record(event: Event): void {
    const detail = (event as CustomEvent<unknown>).detail;
    if (event.type === 'offerwise:render') {
      const offers = (detail as { offers?: unknown[] } | null)?.offers;
      emptyRender.value = !(Array.isArray(offers) && offers.length > 0);
    }
    const now = new Date();
    const entry = { key: next++, type: event.type, at: now.toISOString(), shown: now.toLocaleTimeString('en-GB'), data: summarizeDetail(detail) };
    entries.value = [entry, ...entries.value].slice(0, LOG_LIMIT);
  }

  const clear = () => (entries.value = []);
  return { entries, emptyRender, record, clear };
}

export type EventLogModel = ReturnType<typeof createEventLog>;

export function EventLog({ log }: { log: EventLogModel }) {
  return (
    <section class="card" aria-labelledby="log-heading">
      <div class="card-head">
        <h2 id="log-heading">Event log</h2>
        <button type="button" class="secondary" onClick={log.clear}>Clear log</button>
      </div>
      {/* Focusable, so keyboard users can scroll a long log. */}
      <ol id="event-log" class="log" aria-labelledby="log-heading" tabIndex={0} reversed>
        {log.entries.value.map((entry) => (
          <li key={entry.key}>
            <time dateTime={entry.at}>{entry.shown}</time> <strong>{entry.type}</strong> <code>{entry.data}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
