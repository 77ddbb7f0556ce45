/**
 * The preview panel's state: one signal per setting, and what is computed from them (the
 * live slot's attributes, the snippets). No DOM here, so it is unit-tested in Node.
 */
import { batch, computed, signal, type Signal } from '@preact/signals';
import { formatCart } from './cart-lines';
import { DEFAULT_SETTINGS, settingsFromForm, toAttributes, type Attributes, type PreviewSettings } from './preview-model';
import { buildSnippets, snippetChoices } from './snippet';

type SettingSignals = { [K in keyof PreviewSettings]-?: Signal<PreviewSettings[K]> };

/** Events the panel logs (embed.md §6). */
export const LOGGED_EVENTS = ['render', 'impression', 'click', 'add', 'added', 'dismiss', 'error', 'holdout'].map(
  (name) => `offerwise:${name}`,
);

export function createPreviewState(today: string) {
  const settings: SettingSignals = {
    offersFrom: signal(DEFAULT_SETTINGS.offersFrom),
    placement: signal(DEFAULT_SETTINGS.placement),
    segment: signal(DEFAULT_SETTINGS.segment),
    priceSensitive: signal(DEFAULT_SETTINGS.priceSensitive),
    product: signal(DEFAULT_SETTINGS.product),
    cart: signal(DEFAULT_SETTINGS.cart),
    theme: signal(DEFAULT_SETTINGS.theme),
    locale: signal(DEFAULT_SETTINGS.locale),
    max: signal(DEFAULT_SETTINGS.max),
    freeShipping: signal(DEFAULT_SETTINGS.freeShipping),
    holdout: signal(DEFAULT_SETTINGS.holdout),
  };

  const current = computed<PreviewSettings>(() => {
    const value = Object.fromEntries(Object.entries(settings).map(([key, s]) => [key, s.value])) as unknown as PreviewSettings;
    if (value.freeShipping === undefined) delete value.freeShipping;
    return value;
  });

  /**
   * Whether MSW, which plays `/demo-offers`, is up (it starts in the background). Until then
   * the slot gets no `data-endpoint`: a request would reach the static server and fail, and
   * the widget does not ask a failed endpoint again during the page view.
   */
  const endpointUp = signal(false);

  /** The settings as embed.md §3 attributes, the demo shopper's included. */
  const attributes = computed<Attributes>(() => toAttributes(current.value, today));

  /** The live preview slot's managed attributes. */
  const slotAttributes = computed<Attributes>(() => {
    const { 'data-endpoint': endpoint, ...rest } = attributes.value;
    return endpoint !== undefined && endpointUp.value ? { 'data-endpoint': endpoint, ...rest } : rest;
  });

  /** The code to paste, per platform: the store's choices only, never the demo shopper. */
  const snippets = computed(() => buildSnippets(snippetChoices(current.value)));

  /** Take every setting from the panel's form; a setting whose value did not change stays quiet. */
  function readForm(form: FormData): void {
    const next = settingsFromForm(form);
    batch(() => {
      for (const key of Object.keys(settings) as Array<keyof PreviewSettings>) {
        const target = settings[key] as Signal<unknown>;
        const value = next[key];
        // The cart is a new array on every read: compare what it means, not its identity.
        if (key === 'cart' ? formatCart(next.cart) !== formatCart(settings.cart.peek()) : target.peek() !== value) {
          target.value = value;
        }
      }
    });
  }

  return { settings, current, endpointUp, attributes, slotAttributes, snippets, readForm };
}

export type PreviewState = ReturnType<typeof createPreviewState>;
