import { ID_MAX } from './field-rules';

/**
 * What the rules of field-rules.ts accept, in words, for the two readers that explain a
 * refusal: the CLI's validator (validate-catalog.ts) and the offers API server
 * (server/read-offers-request.ts). Widget code never imports this: the bundle carries no
 * message text.
 */

/** `"a", "b", "c"` */
export const words = (list: readonly unknown[]): string => list.map((w) => `"${w}"`).join(', ');
export const oneOfWords = (list: readonly unknown[]): string => `one of ${words(list)}`;
export const stringOf = (min: number, max: number): string => `a string of ${min}–${max} characters`;
export const integerFrom = (lo: number): string => `an integer ≥ ${lo}`;

export const ID_WORDS = stringOf(1, ID_MAX);
export const AMOUNT_WORDS = 'a number ≥ 0';
export const COUNT_WORDS = integerFrom(0);
export const BOOL_WORDS = 'true or false';
export const DATE_WORDS = 'a date YYYY-MM-DD';
export const CURRENCY_WORDS = 'a 3-letter currency code';

/** A bad value's problem: `missing, expected …` when it is absent or `null`, else `expected …`. */
export const expected = (value: unknown, what: string): string => (value == null ? 'missing, ' : '') + 'expected ' + what;
