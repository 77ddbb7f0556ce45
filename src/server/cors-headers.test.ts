import { describe, expect, it } from 'vitest';
import { corsHeaders, normalizeOrigin, PREFLIGHT_MAX_AGE } from './cors-headers';

describe('normalizeOrigin', () => {
  it('puts an origin in the form browsers send', () => {
    expect(normalizeOrigin('https://Shop.Example')).toBe('https://shop.example');
    expect(normalizeOrigin('https://shop.example/')).toBe('https://shop.example');
    expect(normalizeOrigin('https://shop.example:443')).toBe('https://shop.example');
    expect(normalizeOrigin('http://localhost:5173')).toBe('http://localhost:5173');
    expect(normalizeOrigin('*')).toBe('*');
  });

  it('refuses what is not an http(s) origin', () => {
    for (const bad of ['shop.example', 'https://shop.example/path', 'https://shop.example?x', 'ftp://shop.example', 'javascript:alert(1)', '', 'https://u:p@shop.example'])
      expect(normalizeOrigin(bad), bad).toBeUndefined();
  });
});

describe('corsHeaders', () => {
  const allowed = ['https://shop.example'];

  it('echoes an allowed origin, always with Vary: Origin', () => {
    expect(corsHeaders('https://shop.example', allowed)).toEqual({ Vary: 'Origin', 'Access-Control-Allow-Origin': 'https://shop.example' });
  });

  it('allows nothing for another origin, or none', () => {
    expect(corsHeaders('https://evil.example', allowed)).toEqual({ Vary: 'Origin' });
    expect(corsHeaders(null, allowed)).toEqual({ Vary: 'Origin' });
    expect(corsHeaders('https://shop.example', [])).toEqual({ Vary: 'Origin' });
  });

  it('answers * when any origin is allowed', () => {
    expect(corsHeaders('https://any.example', ['*'])['Access-Control-Allow-Origin']).toBe('*');
    expect(corsHeaders(null, ['*'])['Access-Control-Allow-Origin']).toBe('*');
  });

  it('adds methods, Content-Type and a max-age to an allowed preflight only', () => {
    expect(corsHeaders('https://shop.example', allowed, { methods: 'POST, OPTIONS' })).toEqual({
      Vary: 'Origin',
      'Access-Control-Allow-Origin': 'https://shop.example',
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE),
    });
    expect(corsHeaders('https://evil.example', allowed, { methods: 'POST, OPTIONS' })).toEqual({ Vary: 'Origin' });
  });
});
