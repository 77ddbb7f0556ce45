import { describe, expect, it } from 'vitest';
import { describeJsonError } from './read-json-file';

describe('describeJsonError', () => {
  it('names the line and column the scan finds', () => {
    expect(describeJsonError('c.json', '{\n"a": 1,\n}', new SyntaxError('ignored'))).toBe(
      'c.json: not valid JSON (line 2, column 7: trailing comma before "}")',
    );
  });

  it("falls back to JSON.parse's message, its position made a line and column, should the scan find nothing", () => {
    const text = '{"a": 1}\n  ';
    expect(describeJsonError('c.json', text, new SyntaxError('Unexpected thing in JSON at position 11 (line 2 column 3)'))).toBe(
      'c.json: not valid JSON (line 2, column 3: Unexpected thing)',
    );
    expect(describeJsonError('c.json', text, new SyntaxError('Unexpected end of JSON input'))).toBe(
      'c.json: not valid JSON (Unexpected end of JSON input)',
    );
  });
});
