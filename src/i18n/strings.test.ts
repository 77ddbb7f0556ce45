import { describe, expect, it } from 'vitest';
import { DE } from './de';
import { EN, languageOf, stringsFor } from './strings';

describe('languageOf: the built-in language pack a locale needs', () => {
  it.each([
    ['de', 'de'],
    ['de-DE', 'de'],
    ['DE-at', 'de'],
    ['en-US', undefined],
    ['fr', undefined],
    ['', undefined],
  ])('%j → %j', (locale, language) => expect(languageOf(locale)).toBe(language));
});

describe('stringsFor: English, then the pack, then the store’s overrides', () => {
  it('English alone', () => expect(stringsFor()).toEqual(EN));
  it('the pack over English, English where the pack has no key', () => {
    const s = stringsFor(DE);
    expect(s.headingProduct).toBe('Passt gut dazu');
    expect(s.priceDelta).toBe(EN.priceDelta);
  });
  it('overrides win over both', () =>
    expect(stringsFor(DE, { headingProduct: 'Dazu passt' }).headingProduct).toBe('Dazu passt'));
});
