import { describe, expect, it } from 'vitest';
import { evictionsFor, ModelCacheIndex, type KeyValueStore } from './model-cache.ts';

const memory = (): KeyValueStore => {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
};

describe('evictionsFor', () => {
  const entries = [
    { cid: 'a', bytes: 100, lastUsed: 1, pinned: false },
    { cid: 'b', bytes: 100, lastUsed: 2, pinned: true },
    { cid: 'c', bytes: 100, lastUsed: 3, pinned: false },
    { cid: 'd', bytes: 100, lastUsed: 4, pinned: false },
  ];

  it('evicts the least recently used unpinned models until the rest fits', () => {
    expect(evictionsFor(entries, 250, 'd')).toEqual(['a', 'c']);
    expect(evictionsFor(entries, 400, 'd')).toEqual([]);
  });

  it('never evicts a pinned model or the one in use, even if the limit stays exceeded', () => {
    expect(evictionsFor(entries, 0, 'd')).toEqual(['a', 'c']);
  });
});

describe('ModelCacheIndex', () => {
  it('records uses, keeps pins across uses, and reports evictions as models arrive', () => {
    let clock = 0;
    const cache = new ModelCacheIndex(memory(), { now: () => ++clock });
    expect(cache.setLimit(250)).toEqual([]);
    expect(cache.touch('a', 100)).toEqual([]);
    expect(cache.touch('b', 100)).toEqual([]);
    cache.setPinned('a', true);
    expect(cache.touch('a', 100)).toEqual([]);
    expect(cache.entries().find((e) => e.cid === 'a')?.pinned).toBe(true);
    // A third model overflows the limit: b is the least recently used unpinned one.
    expect(cache.touch('c', 100)).toEqual(['b']);
    cache.remove('b');
    expect(
      cache
        .entries()
        .map((e) => e.cid)
        .sort(),
    ).toEqual(['a', 'c']);
    // A proving file is kept by the same rules, and says what it is.
    expect(cache.touch('key', 100, 'digits proving key')).toEqual(['c']);
    expect(cache.entries().find((e) => e.cid === 'key')?.label).toBe('digits proving key');
    cache.remove('key');
    // Lowering the limit names what no longer fits.
    expect(cache.setLimit(150)).toEqual(['c']);
    expect(() => cache.setLimit(-1)).toThrow(RangeError);
  });
});

describe('models fetched ahead', () => {
  it('are recorded as least recently used, counted against the room, and become ordinary once used', () => {
    let clock = 100;
    const cache = new ModelCacheIndex(memory(), { now: () => ++clock });
    cache.setLimit(1000);
    cache.touch('used', 300);
    cache.recordAhead('ahead', 300);
    cache.recordAhead('ahead', 300);
    expect(cache.entries().map((e) => [e.cid, e.lastUsed])).toEqual([
      ['used', 101],
      ['ahead', 0],
    ]);
    expect(cache.free()).toBe(400);
    // Over the limit, the model fetched ahead goes first.
    expect(cache.touch('new', 500)).toEqual(['ahead']);
  });
});
