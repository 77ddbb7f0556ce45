/**
 * Cart, checkout, order and account pages list what their slot's attributes say, so the
 * page and the widget always describe the same cart.
 */
import { parseCart } from './cart-lines';
import { formatPrice, loadCatalog, type StoreProduct } from './catalog-data';

function productLink(product: StoreProduct): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = product.url;
  link.textContent = product.title;
  return link;
}

function cell(tag: 'td' | 'th', content: string | Node): HTMLTableCellElement {
  const el = document.createElement(tag);
  el.append(content);
  return el;
}

/** `<table data-lines-from="#slot">`: rows from the slot's `data-cart`, subtotal, shipping. */
export async function renderOrderLines(table: HTMLTableElement): Promise<void> {
  const slot = document.querySelector(table.dataset.linesFrom ?? '');
  const lines = parseCart(slot?.getAttribute('data-cart') ?? '');
  const byId = new Map((await loadCatalog()).products.map((p) => [p.id, p]));
  const body = table.tBodies[0] ?? table.createTBody();
  let subtotal = 0;
  body.replaceChildren();
  for (const line of lines) {
    const product = byId.get(line.id);
    if (!product) continue;
    subtotal += product.price * line.qty;
    const row = body.insertRow();
    const name = cell('th', productLink(product));
    name.scope = 'row';
    row.append(name, cell('td', String(line.qty)), cell('td', formatPrice(product.price * line.qty)));
  }
  const total = table.querySelector('[data-subtotal]');
  if (total) total.textContent = formatPrice(subtotal);

  const note = document.querySelector('[data-shipping-note]');
  const threshold = Number(slot?.getAttribute('data-free-shipping'));
  if (note && threshold > 0) {
    note.textContent =
      subtotal >= threshold
        ? 'Your order ships free.'
        : `Add ${formatPrice(threshold - subtotal)} more for free shipping (from ${formatPrice(threshold)}).`;
  }
}

/** `<ul data-owned-from="#slot">`: the slot's `data-owned` as a purchase history. */
export async function renderOwnedList(list: HTMLElement): Promise<void> {
  const slot = document.querySelector(list.dataset.ownedFrom ?? '');
  const owned = (slot?.getAttribute('data-owned') ?? '').split(',').filter(Boolean);
  const byId = new Map((await loadCatalog()).products.map((p) => [p.id, p]));
  list.replaceChildren();
  for (const item of owned) {
    const [id = '', date] = item.split('@');
    const product = byId.get(id);
    if (!product) continue;
    const li = document.createElement('li');
    li.append(productLink(product), date ? ` · bought ${date}` : '');
    list.append(li);
  }
}
