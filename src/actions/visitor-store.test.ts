import { describe, expect, it } from 'vitest';
import { activeDismissals, readVisitor, STORAGE_KEY, withAdded, withDismissal, writeVisitor, type StorageLike } from './visitor-store';

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
});
