/** Cart, checkout and order pages list the lines their slot's `data-cart` holds. */
import { h } from 'preact';
import { parseCart } from './cart-lines';
import { formatPrice, storeProducts, type StoreProduct } from './catalog-data';

interface Line {
  product: StoreProduct;
  qty: number;
}

/** The `id:qty` lines the catalog knows, with their products (unknown ids are skipped). */
export function catalogLines(cart: string, products: ReadonlyMap<string, StoreProduct>): Line[] {
  return parseCart(cart).flatMap(({ id, qty }) => {
    const product = products.get(id);
    return product ? [{ product, qty }] : [];
  });
}

export const subtotalOf = (lines: readonly Line[]): number =>
  lines.reduce((sum, line) => sum + line.product.price * line.qty, 0);

export function LinesTable({ caption, cart }: { caption: string; cart: string }) {
  const products = storeProducts.value;
  const lines = products ? catalogLines(cart, products) : [];
  return (
    <table class="lines">
      <caption>{caption}</caption>
      <thead>
        <tr><th scope="col">Product</th><th scope="col">Qty</th><th scope="col">Total</th></tr>
      </thead>
      <tbody>
        {lines.map(({ product, qty }) => (
          <tr key={product.id}>
            <th scope="row"><a href={product.url}>{product.title}</a></th>
            <td>{qty}</td>
            <td>{formatPrice(product.price * qty)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr><th scope="row" colSpan={2}>Subtotal</th><td>{products ? formatPrice(subtotalOf(lines)) : ''}</td></tr>
      </tfoot>
    </table>
  );
}
