import { describe, expect, it } from 'vitest';
import { convertCell, type CellKind } from './convert-cells';

const CASES: [kind: CellKind, text: string, expected: unknown][] = [
  ['number', '12', { value: 12 }],
  ['number', ' 12 ', { value: 12 }],
  ['number', '-0.5', { value: -0.5 }],
  ['number', '.5', { value: 0.5 }],
  ['number', '3.', { value: 3 }],
  ['number', '1e3', { value: 1000 }],
  ['number', '', undefined],
  ['number', '   ', undefined],
  ['number', 'abc', { error: 'price "abc" is not a number' }],
  ['number', '0x1f', { error: 'price "0x1f" is not a number' }],
  ['number', 'Infinity', { error: 'price "Infinity" is not a number' }],
  ['number', '1,5', { error: 'price "1,5" is not a number' }],
  ['number', '$5', { error: 'price "$5" is not a number' }],
  ['boolean', 'true', { value: true }],
  ['boolean', 'FALSE', { value: false }],
  ['boolean', 'yes', { value: true }],
  ['boolean', '0', { value: false }],
  ['boolean', 'maybe', { error: 'price "maybe" is not true or false' }],
  ['list', 'product; cart;;', { value: ['product', 'cart'] }],
  ['list', ' ; ', undefined],
  ['text', ' a ', { value: ' a ' }],
  ['text', '', undefined],
];

describe('convertCell', () => {
  it.each(CASES)('%s %j', (kind, text, expected) => {
    expect(convertCell('price', kind, text)).toEqual(expected);
  });
});
