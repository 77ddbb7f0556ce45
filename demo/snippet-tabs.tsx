/**
 * "Embed code": one tab per kind of store (WAI-ARIA tabs pattern: the selected tab is the
 * only one in the tab order, arrow keys move between tabs and select them, Home and End jump
 * to the ends), and "Copy code" for the tab on show.
 */
import { h } from 'preact';
import { useSignal, type ReadonlySignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { PLATFORM_LABELS, PLATFORMS, type Platform } from './snippet';

interface Props {
  snippets: ReadonlySignal<Record<Platform, string>>;
}

const tabId = (platform: Platform) => `snippet-tab-${platform}`;
const panelId = (platform: Platform) => `snippet-panel-${platform}`;

/** The tab a key press moves to from `index`, or undefined for other keys. */
export function nextTab(key: string, index: number, count = PLATFORMS.length): number | undefined {
  if (key === 'ArrowRight') return (index + 1) % count;
  if (key === 'ArrowLeft') return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}

export function SnippetTabs({ snippets }: Props) {
  const selected = useSignal<Platform>('html');
  const status = useSignal('');
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const code = useRef<Partial<Record<Platform, HTMLElement | null>>>({});

  const select = (platform: Platform) => {
    selected.value = platform;
    status.value = '';
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const next = nextTab(event.key, PLATFORMS.indexOf(selected.value));
    if (next === undefined) return;
    event.preventDefault();
    select(PLATFORMS[next]!);
    tabs.current[next]?.focus();
  };

  const copy = async () => {
    const platform = selected.value;
    try {
      await navigator.clipboard.writeText(snippets.value[platform]);
      status.value = `${PLATFORM_LABELS[platform]} code copied to the clipboard.`;
    } catch {
      // No clipboard permission (e.g. plain http): select the code so the merchant can copy it.
      const node = code.current[platform];
      const selection = getSelection();
      if (node && selection) {
        const range = document.createRange();
        range.selectNodeContents(node);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      status.value = 'Code selected. Press Ctrl+C (⌘C on a Mac) to copy it.';
    }
  };

  return (
    <section class="card" aria-labelledby="snippet-heading">
      <h2 id="snippet-heading">Embed code</h2>
      <p class="hint">
        Paste this where the offers should appear, in your store's template. Replace the URLs with your own; the product, the cart and the shopper's
        history are filled in per page and per shopper, as the comment at the top says. Attributes can also go on the slot <code>&lt;div&gt;</code>.
      </p>
      <div role="tablist" aria-label="Embed code for" class="tabs" onKeyDown={onKeyDown}>
        {PLATFORMS.map((platform, index) => {
          const active = selected.value === platform;
          return (
            <button
              key={platform}
              ref={(el) => void (tabs.current[index] = el)}
              type="button"
              role="tab"
              id={tabId(platform)}
              aria-selected={active}
              aria-controls={panelId(platform)}
              tabIndex={active ? 0 : -1}
              onClick={() => select(platform)}
            >
              {PLATFORM_LABELS[platform]}
            </button>
          );
        })}
      </div>
      {PLATFORMS.map((platform) => (
        // The panel itself takes focus (tabindex 0) so the code can be scrolled by keyboard.
        <pre
          key={platform}
          role="tabpanel"
          id={panelId(platform)}
          aria-labelledby={tabId(platform)}
          tabIndex={0}
          hidden={selected.value !== platform}
        >
          <code ref={(el) => void (code.current[platform] = el)}>{snippets.value[platform]}</code>
        </pre>
      ))}
      <div class="actions">
        <button type="button" onClick={() => void copy()}>Copy code</button>
        <span role="status">{status}</span>
      </div>
    </section>
  );
}
