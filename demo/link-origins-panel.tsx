/**
 * The preview's "where each link came from" option: a checkbox under the live preview that
 * shows, for each card of the latest render, the anchor its link starts from and the link's
 * source (curated, mined, or visual with its similarity). See link-origins.ts.
 */
import { h } from 'preact';
import { useSignal, type ReadonlySignal } from '@preact/signals';
import { catalogLinks, storeProducts } from './catalog-data';
import { anchorsOf, describeSource, linkOrigins, type RenderedOffer } from './link-origins';
import type { Attributes } from './preview-model';

interface Props {
  offers: ReadonlySignal<readonly RenderedOffer[]>;
  attributes: ReadonlySignal<Attributes>;
}

export function LinkOriginsPanel({ offers, attributes }: Props) {
  const shown = useSignal(false);
  const products = storeProducts.value;
  const title = (id: string) => products?.get(id)?.title ?? id;
  const anchorName = (from: string) => (from.startsWith('category:') ? `any product in “${from.slice('category:'.length)}”` : title(from));
  const rows = shown.value
    ? linkOrigins(offers.value, catalogLinks.value, anchorsOf(attributes.value), (id) => products?.get(id)?.category)
    : [];

  return (
    <div class="origins">
      <label class="check">
        <input type="checkbox" checked={shown.value} aria-controls="link-origins" onChange={(event) => (shown.value = event.currentTarget.checked)} /> Show where each
        card’s link came from
      </label>
      {/* Always in the page, so the checkbox's aria-controls names an element that exists. */}
      <div id="link-origins" hidden={!shown.value}>
        {shown.value &&
          (rows.length === 0 ? (
            <p class="hint">No cards in the latest render.</p>
          ) : (
            <table class="origins-table">
              <caption>Where each card’s link came from</caption>
              <thead>
                <tr>
                  <th scope="col">Card</th>
                  <th scope="col">Linked from</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ productId, link }) => (
                  <tr key={productId}>
                    <td>{title(productId)}</td>
                    <td>{link ? anchorName(link.from) : '—'}</td>
                    <td>{describeSource(link)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
      </div>
    </div>
  );
}
