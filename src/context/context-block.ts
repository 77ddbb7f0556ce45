import { bare, bool, date, int, isObject, num, readFields, str, type Parse, type Rule } from '../catalog/field-rules';
import { EN } from '../i18n/strings';
import { idOf, numeric, quantity, type PageContext } from './page-context';

/**
 * The page's context block, `<script type="application/json" data-offerwise-context>`
 * (embed.md §5), read field by field: a bad field gets one warning naming the block and the
 * field (`"customer.orders"`, `"strings.add"`) and is left out; the rest is used. Text that is
 * no JSON object gets one warning and gives nothing.
 *
 * - `cart` and `owned` are lists: one bad item rejects the whole list, as read-config's
 *   attribute lists do, so a typo never half-applies. `qty` defaults to 1.
 * - `customer` and `strings` are records: a bad entry is dropped alone, the others are kept.
 *   `strings` takes the known text keys (i18n/strings.ts), each 1 to 300 characters.
 * - Ids may be numbers (`{{ product.id }}` in a Liquid template); counts and amounts may be
 *   their text. Unknown top-level fields are warned about (a typo would otherwise be silent).
 */

const list =
  (rules: readonly Rule[]): Parse<object[]> =>
  (v) => {
    let ok = Array.isArray(v);
    const out = ok ? (v as unknown[]).map((item) => readFields(isObject(item) ? item : {}, rules, () => (ok = false))) : [];
    return ok ? out : undefined;
  };

const CUSTOMER: readonly Rule[] = [
  ['orders', numeric(int(0, 1e9))],
  ['spent', numeric(num(0, 1e12))],
  ['lastOrder', date],
  ['priceSensitive', bool],
];
const text = str(1, 300);

export function readContextBlock(json: string, warn: (message: string) => void): PageContext {
  const say = (what: string) => warn(`data-offerwise-context${what}; ignored`);
  const bad = (key: string) => say(` "${key}" is not valid`);
  /** An object read with `rules`, its bad entries named `name.key`. */
  const record =
    (name: string, rules: (o: object) => readonly Rule[]): Parse<object> =>
    (v) =>
      isObject(v) ? readFields(v, rules(v), (key) => bad(name + '.' + key)) : undefined;
  const rules: readonly Rule[] = [
    ['product', idOf],
    ['cart', list([['id', idOf, 1], ['qty', (v) => (v == null ? 1 : quantity(v))]])],
    ['owned', list([['id', idOf, 1], ['purchasedAt', date]])],
    ['customer', record('customer', () => CUSTOMER)],
    ['strings', record('strings', (o) => Object.keys(o).map((key) => [key, Object.hasOwn(EN, key) ? text : () => undefined]))],
  ];
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    // reported below
  }
  if (!isObject(data)) return say(' is not a JSON object'), bare({});
  const out = readFields(data, rules, bad);
  for (const key of Object.keys(data)) if (!rules.some(([known]) => known == key)) bad(key);
  return out;
}
