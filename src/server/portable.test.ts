import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * src/server runs unchanged in Workers, Deno and Bun: no Node built-ins, no Node globals.
 * (scripts/check-architecture.mjs holds engine/ and catalog/ to the same; this holds server/.)
 */
describe('src/server is runtime-agnostic', () => {
  const dir = import.meta.dirname;
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it.each(files)('%s imports nothing from Node and uses no Node global', (file) => {
    const code = readFileSync(join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/from\s+['"](node:|fs|path|http|net|os|stream|util)['"/]/);
    expect(code).not.toMatch(/\b(process|Buffer|require|__dirname)\b/);
  });

  it('has the modules it should', () => {
    expect(files).toEqual(expect.arrayContaining(['offers-handler.ts', 'create-fetch-handler.ts', 'route-api-request.ts']));
  });
});
