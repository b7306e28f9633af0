// Ready inference sessions kept across pages: each is a worker with one model loaded on one
// backend. Opening a model again finds its session warm (no fetch, no load); past the capacity
// the least recently used worker is stopped.
import type { ModelSpec } from './model-spec.ts';
import type { BackendChoice, LoadResult } from './worker-protocol.ts';

/** What the pool needs of a worker handle (InferenceClient in the app). */
export interface SessionClient {
  load(bytes: Uint8Array, spec: ModelSpec, backend: BackendChoice): Promise<LoadResult>;
  terminate(): void;
}

export interface PooledSession<C extends SessionClient> {
  client: C;
  load: LoadResult;
  /** Whether the session was already loaded (a hit). */
  warm: boolean;
}

export const DEFAULT_SESSION_CAPACITY = 3;

export class SessionPool<C extends SessionClient> {
  // A Map iterates in insertion order: deleting and re-inserting on use keeps it LRU-ordered.
  private readonly sessions = new Map<string, { client: C; load: Promise<LoadResult> }>();
  private readonly create: () => C;
  private capacity: number;
  private readonly onChange: () => void;

  /** `onChange` hears when the ready sessions or the capacity change (the page shows both). */
  constructor(create: () => C, capacity = DEFAULT_SESSION_CAPACITY, onChange: () => void = () => {}) {
    this.create = create;
    this.capacity = capacity;
    this.onChange = onChange;
  }

  /** The CIDs with a ready session, most recently used last. */
  keys(): string[] {
    return [...this.sessions.keys()].map((key) => key.split('|')[0]);
  }

  /** Whether `cid` is warm on `backend` (the model page skips its fetch when it is). */
  has(cid: string, backend: BackendChoice): boolean {
    return this.sessions.has(`${cid}|${backend}`);
  }

  limit(): number {
    return this.capacity;
  }

  setLimit(capacity: number): void {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError('at least one session is kept');
    this.capacity = capacity;
    this.trim(null);
    this.onChange();
  }

  /** A session with `cid` loaded on `backend`; `bytes` is called only when none is warm. */
  async acquire(
    cid: string,
    spec: ModelSpec,
    backend: BackendChoice,
    bytes: () => Promise<Uint8Array>,
  ): Promise<PooledSession<C>> {
    const key = `${cid}|${backend}`;
    const existing = this.sessions.get(key);
    if (existing) {
      this.sessions.delete(key);
      this.sessions.set(key, existing);
      return { client: existing.client, load: await existing.load, warm: true };
    }
    const client = this.create();
    const load = bytes().then((b) => client.load(b, spec, backend));
    this.sessions.set(key, { client, load });
    try {
      const result = await load;
      this.trim(key);
      this.onChange();
      return { client, load: result, warm: false };
    } catch (error) {
      this.sessions.delete(key);
      client.terminate();
      throw error;
    }
  }

  /** Drops `cid`'s session on `backend` (its worker died): the next acquire loads it afresh. */
  forget(cid: string, backend: BackendChoice): void {
    const key = `${cid}|${backend}`;
    const session = this.sessions.get(key);
    if (!session) return;
    this.sessions.delete(key);
    session.client.terminate();
    this.onChange();
  }

  clear(): void {
    for (const { client } of this.sessions.values()) client.terminate();
    this.sessions.clear();
    this.onChange();
  }

  private trim(keep: string | null) {
    for (const [key, { client }] of this.sessions) {
      if (this.sessions.size <= this.capacity) return;
      if (key === keep) continue;
      this.sessions.delete(key);
      client.terminate();
    }
  }
}
