// The page's model cache: which model DAGs IndexedDB holds, how big, when each was last used,
// and which the person pinned. Over the size limit, the least recently used unpinned models are
// evicted (their blocks deleted), never the one in use.

export interface CacheEntry {
  cid: string;
  bytes: number;
  /** 0 for a model fetched ahead and not used yet: the first to go. */
  lastUsed: number;
  pinned: boolean;
  /** What the file is when it is not a model's weights: "permanet-digits circuit", … */
  label?: string;
}

export const DEFAULT_CACHE_LIMIT_BYTES = 512 * 1024 * 1024;

/** The CIDs to evict, least recently used first, so that what stays fits the limit. */
export function evictionsFor(entries: CacheEntry[], limitBytes: number, inUse: string | null): string[] {
  let total = entries.reduce((sum, e) => sum + e.bytes, 0);
  const candidates = entries.filter((e) => !e.pinned && e.cid !== inUse).sort((a, b) => a.lastUsed - b.lastUsed);
  const evicted: string[] = [];
  for (const entry of candidates) {
    if (total <= limitBytes) break;
    evicted.push(entry.cid);
    total -= entry.bytes;
  }
  return evicted;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const ENTRIES = 'permanet:cache:entries';
const LIMIT = 'permanet:cache:limit';

export interface CacheOptions {
  now?: () => number;
  onChange?: () => void;
}

/** The cache's bookkeeping, kept in localStorage (the blocks themselves are in IndexedDB). */
export class ModelCacheIndex {
  private readonly store: KeyValueStore;
  private readonly now: () => number;
  private readonly onChange: () => void;
  /** `onChange` hears of every change of the entries or the limit (the page re-renders on it). */
  constructor(store: KeyValueStore, { now = Date.now, onChange = () => {} }: CacheOptions = {}) {
    this.store = store;
    this.now = now;
    this.onChange = onChange;
  }

  entries(): CacheEntry[] {
    return JSON.parse(this.store.getItem(ENTRIES) ?? '[]') as CacheEntry[];
  }

  limit(): number {
    return Number(this.store.getItem(LIMIT) ?? DEFAULT_CACHE_LIMIT_BYTES);
  }

  setLimit(bytes: number): string[] {
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError('the cache limit is a whole number of bytes');
    this.store.setItem(LIMIT, String(bytes));
    this.onChange();
    return evictionsFor(this.entries(), bytes, null);
  }

  /** Records a use of `cid`; returns what must now be evicted to stay within the limit. */
  touch(cid: string, bytes: number, label?: string): string[] {
    const all = this.entries();
    const entries = all.filter((e) => e.cid !== cid);
    entries.push({
      cid,
      bytes,
      lastUsed: this.now(),
      pinned: all.find((e) => e.cid === cid)?.pinned ?? false,
      ...(label ? { label } : {}),
    });
    this.save(entries);
    return evictionsFor(entries, this.limit(), cid);
  }

  /** Records a model fetched ahead of use, as the least recently used; never evicts for it. */
  recordAhead(cid: string, bytes: number): void {
    const all = this.entries();
    if (all.some((e) => e.cid === cid)) return;
    this.save([...all, { cid, bytes, lastUsed: 0, pinned: false }]);
  }

  /** What room is left under the limit. */
  free(): number {
    return Math.max(0, this.limit() - this.entries().reduce((sum, e) => sum + e.bytes, 0));
  }

  setPinned(cid: string, pinned: boolean): void {
    this.save(this.entries().map((e) => (e.cid === cid ? { ...e, pinned } : e)));
  }

  remove(cid: string): void {
    this.save(this.entries().filter((e) => e.cid !== cid));
  }

  private save(entries: CacheEntry[]) {
    this.store.setItem(ENTRIES, JSON.stringify(entries));
    this.onChange();
  }
}
