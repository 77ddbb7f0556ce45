import { describe, expect, it } from 'vitest';
import { activeDismissals, ownedOf, readVisitor, STORAGE_KEY, withAdded, withDismissal, withPurchase, writeVisitor, type StorageLike, type VisitorData } from './visitor-store';

const memory = (initial?: string): StorageLike & { value: string | null } => {
  const s = {
    value: initial ?? null,
    getItem: (key: string) => (key === STORAGE_KEY ? s.value : null),
    setItem: (_key: string, value: string) => void (s.value = value),
  };
  return s;
};

describe('visitor storage', () => {
  it('round-trips dismissals in one small versioned entry', () => {
    const storage = memory();
    writeVisitor(storage, withDismissal(readVisitor(storage), 'descaler', '2026-11-22'));
    expect(JSON.parse(storage.value!)).toEqual({ v: 1, dismissed: { descaler: '2026-11-22' } });
    expect(activeDismissals(readVisitor(storage), '2026-11-22')).toEqual(['descaler']);
  });

  it.each([
    ['dismissed today', '2026-11-22', true],
    ['29 days ago', '2026-10-24', true],
    ['30 days ago (expired)', '2026-10-23', false],
    ['a year ago', '2025-11-22', false],
  ])('R4: a dismissal %s is active: %s', (_name, day, active) => {
    const data = { v: 1 as const, dismissed: { x: day } };
    expect(activeDismissals(data, '2026-11-22')).toEqual(active ? ['x'] : []);
  });

  it('drops expired entries when it writes, and keeps at most 200', () => {
    let data = readVisitor(null);
    data = withDismissal(data, 'old', '2026-01-01');
    for (let i = 0; i < 250; i++) data = withDismissal(data, `p${i}`, '2026-11-22');
    expect(Object.keys(data.dismissed)).toHaveLength(200);
    expect(data.dismissed.old).toBeUndefined();
    expect(data.dismissed.p249).toBe('2026-11-22');
  });

  it.each([
    ['corrupted JSON', '{not json'],
    ['another version', '{"v":2,"dismissed":{"a":"2026-11-20"}}'],
    ['a foreign value', '"hello"'],
    ['null', 'null'],
    ['dismissed not an object', '{"v":1,"dismissed":[1,2]}'],
  ])('survives %s: starts clean', (_name, raw) => {
    expect(readVisitor(memory(raw))).toEqual({ v: 1, dismissed: {} });
  });

  it('keeps only entries whose date is a real day', () => {
    const raw = JSON.stringify({ v: 1, dismissed: { a: '2026-11-20', b: 'yesterday', c: 5, d: '2026-02-30' } });
    expect(readVisitor(memory(raw)).dismissed).toEqual({ a: '2026-11-20' });
  });

  it('survives a storage that throws on every call, and no storage at all', () => {
    const hostile: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readVisitor(hostile)).toEqual({ v: 1, dismissed: {} });
    expect(() => writeVisitor(hostile, readVisitor(null))).not.toThrow();
    expect(() => writeVisitor(null, readVisitor(null))).not.toThrow();
  });

  it('keeps the visitor id and the offers added (analytics.md), next to the dismissals', () => {
    const storage = memory();
    writeVisitor(storage, withAdded({ ...readVisitor(storage), id: 'v_abc123' }, 'case-x', 'cross-sell'));
    writeVisitor(storage, withAdded(readVisitor(storage), 'blender-pro', 'upsell'));
    expect(readVisitor(storage)).toEqual({
      v: 1,
      dismissed: {},
      id: 'v_abc123',
      added: { 'case-x': 'cross-sell', 'blender-pro': 'upsell' },
    });
  });

  it('keeps at most the 50 latest offers added', () => {
    let data = readVisitor(null);
    for (let i = 0; i < 60; i++) data = withAdded(data, `p${i}`, 'cross-sell');
    data = withAdded(data, 'p55', 'upsell'); // re-adding moves it to the end
    expect(Object.keys(data.added!)).toHaveLength(50);
    expect(Object.keys(data.added!).at(-1)).toBe('p55');
    expect(data.added!.p55).toBe('upsell');
    expect(data.added!.p9).toBeUndefined();
    expect(data.added!.p10).toBe('cross-sell');
  });

  it.each([
    ['an id of the wrong shape', { id: 'x; drop' }, {}],
    ['an id that is not a string', { id: 42 }, {}],
    ['a kind that is not an offer kind', { added: { a: 'gift', b: 'upsell' } }, { added: { b: 'upsell' } }],
    ['added not an object', { added: 'case-x' }, {}],
  ])('ignores %s, keeping the rest', (_name, extra, expected) => {
    const raw = JSON.stringify({ v: 1, dismissed: { a: '2026-11-20' }, ...extra });
    expect(readVisitor(memory(raw))).toEqual({ v: 1, dismissed: { a: '2026-11-20' }, ...expected });
  });

  it("writes JSON a page's polluted Array.prototype.toJSON cannot change", () => {
    const storage = memory();
    Object.defineProperty(Array.prototype, 'toJSON', { value: () => 'x', configurable: true, writable: true });
    Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'x', configurable: true, writable: true });
    try {
      writeVisitor(storage, withDismissal(readVisitor(null), 'a', '2026-11-22'));
    } finally {
      delete (Array.prototype as { toJSON?: unknown }).toJSON;
      delete (Object.prototype as { toJSON?: unknown }).toJSON;
    }
    expect(readVisitor(storage).dismissed).toEqual({ a: '2026-11-22' });
  });

  describe('products bought count as owned (embed.md §5)', () => {
    const line = (id: string) => ({ id, qty: 1 });

    it('round-trips purchases with their days, next to the rest', () => {
      const storage = memory(JSON.stringify({ v: 1, dismissed: { a: '2026-11-20' }, id: 'v_abc' }));
      writeVisitor(storage, withPurchase(readVisitor(storage), [line('tent'), line('fuel')], '2026-11-22'));
      const data = readVisitor(storage);
      expect(data).toEqual({ v: 1, dismissed: { a: '2026-11-20' }, id: 'v_abc', owned: { tent: '2026-11-22', fuel: '2026-11-22' } });
      expect(ownedOf(data)).toEqual([
        { id: 'tent', purchasedAt: '2026-11-22' },
        { id: 'fuel', purchasedAt: '2026-11-22' },
      ]);
    });

    it.each<[string, Record<string, string>, string, Record<string, string>]>([
      ['a first purchase', {}, '2026-11-22', { tent: '2026-11-22' }],
      ['bought again later: the later day', { tent: '2026-01-01' }, '2026-11-22', { tent: '2026-11-22' }],
      ['a later day already kept stays (a clock set back)', { tent: '2026-12-01' }, '2026-11-22', { tent: '2026-12-01' }],
    ])('the latest purchase day wins: %s', (_name, owned, today, expected) => {
      expect(withPurchase({ v: 1, dismissed: {}, owned }, [line('tent')], today).owned).toEqual(expected);
    });

    it('an invalid today changes nothing', () => {
      const data: VisitorData = { v: 1, dismissed: {} };
      expect(withPurchase(data, [line('tent')], '2026-02-30')).toBe(data);
    });

    it('keeps the 200 latest, dropping the oldest days first', () => {
      let data = withPurchase(readVisitor(null), [line('oldest')], '2020-01-01');
      for (let i = 0; i < 210; i++) data = withPurchase(data, [line(`p${i}`)], `2026-0${1 + (i % 9)}-01`);
      data = withPurchase(data, [line('newest')], '2026-11-22');
      expect(Object.keys(data.owned!)).toHaveLength(200);
      expect(data.owned!.oldest).toBeUndefined();
      expect(data.owned!.newest).toBe('2026-11-22');
      expect(Object.values(data.owned!).filter((d) => d === '2026-01-01')).toHaveLength(13); // 212 written: 'oldest' and 11 of the 24 January ones went
    });

    it.each<[string, unknown, Record<string, string> | undefined]>([
      ['no owned (an entry from before)', undefined, undefined],
      ['owned not an object', 'tent', undefined],
      ['owned a list', ['tent'], undefined],
      ['owned null', null, undefined],
      ['bad entries dropped, the rest kept', { tent: '2026-11-22', a: 'yesterday', b: 5, c: '2026-02-30', d: null, ['x'.repeat(129)]: '2026-01-01', fuel: '2026-01-02' }, { fuel: '2026-01-02', tent: '2026-11-22' }],
      ['only bad entries', { a: 'x' }, undefined],
    ])('survives %s', (_name, owned, expected) => {
      const raw = JSON.stringify({ v: 1, dismissed: { a: '2026-11-20' }, owned });
      const data = readVisitor(memory(raw));
      expect(data.dismissed).toEqual({ a: '2026-11-20' });
      expect(data.owned).toEqual(expected);
    });

    it('a stored owned over the bound is cut to the 200 latest when read', () => {
      const owned = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`p${i}`, i < 100 ? '2025-01-01' : '2026-01-01']));
      const data = readVisitor(memory(JSON.stringify({ v: 1, dismissed: {}, owned })));
      expect(Object.keys(data.owned!)).toHaveLength(200);
      expect(Object.values(data.owned!).every((d) => d === '2026-01-01')).toBe(true);
    });

    it('a polluted Object.prototype supplies no fields', () => {
      const keys = { owned: { evil: '2026-01-01' }, added: { evil: 'upsell' }, id: 'v_evil', dismissed: { evil: '2026-11-22' }, v: 1 };
      for (const [k, v] of Object.entries(keys)) Object.defineProperty(Object.prototype, k, { value: v, configurable: true, writable: true });
      let read: VisitorData, fresh: VisitorData, owned: unknown;
      try {
        read = readVisitor(memory(JSON.stringify({ v: 1, dismissed: {} })));
        fresh = readVisitor(memory(JSON.stringify({ dismissed: {} })));
        owned = ownedOf(withPurchase(emptyish(), [line('tent')], '2026-11-22'));
      } finally {
        for (const k of Object.keys(keys)) delete (Object.prototype as Record<string, unknown>)[k];
      }
      expect(JSON.parse(JSON.stringify(read))).toEqual({ v: 1, dismissed: {} });
      expect(Object.keys(read)).toEqual(['v', 'dismissed']);
      expect(Object.keys(fresh)).toEqual(['v', 'dismissed']);
      expect(owned).toEqual([{ id: 'tent', purchasedAt: '2026-11-22' }]);
    });

    const emptyish = (): VisitorData => ({ v: 1, dismissed: {} });

    it('nothing owned: an empty list', () => {
      expect(ownedOf(readVisitor(null))).toEqual([]);
    });
  });
});
