import { describe, expect, it } from 'vitest';
import type { ModelSpec } from './model-spec.ts';
import { SessionPool, type SessionClient } from './session-pool.ts';
import type { LoadResult } from './worker-protocol.ts';

// The pool's policy, over a worker stand-in that records loads and stops (the real worker is
// exercised by the browser tests, which reopen a model and find its session warm).
class Recorder implements SessionClient {
  static log: string[] = [];
  loaded = '';
  async load(bytes: Uint8Array): Promise<LoadResult> {
    if (bytes.length === 0) throw new Error('not a model');
    this.loaded = new TextDecoder().decode(bytes);
    Recorder.log.push(`load ${this.loaded}`);
    return {
      backend: 'wasm',
      fallbackReason: null,
      adapter: null,
      threads: 1,
      inputNames: [],
      outputNames: [],
      loadMs: 1,
    };
  }
  terminate() {
    Recorder.log.push(`stop ${this.loaded}`);
  }
}

const spec = { presentation: 'tensor', inputs: [], outputs: [] } as unknown as ModelSpec;
const bytesOf = (cid: string) => async () => new TextEncoder().encode(cid);

describe('SessionPool', () => {
  it('reuses a warm session, and stops the least recently used past its capacity', async () => {
    Recorder.log = [];
    const pool = new SessionPool(() => new Recorder(), 2);
    expect((await pool.acquire('a', spec, 'wasm', bytesOf('a'))).warm).toBe(false);
    await pool.acquire('b', spec, 'wasm', bytesOf('b'));
    const again = await pool.acquire('a', spec, 'wasm', () => Promise.reject(new Error('fetched again')));
    expect(again.warm).toBe(true);
    await pool.acquire('c', spec, 'wasm', bytesOf('c'));
    expect(Recorder.log).toEqual(['load a', 'load b', 'load c', 'stop b']);
    expect(pool.keys()).toEqual(['a', 'c']);
    // Another backend is another session.
    expect(pool.has('a', 'webgpu')).toBe(false);
    pool.setLimit(1);
    expect(pool.keys()).toEqual(['c']);
  });

  it('forgets a session whose load failed, and stops its worker', async () => {
    Recorder.log = [];
    const pool = new SessionPool(() => new Recorder(), 2);
    await expect(pool.acquire('bad', spec, 'wasm', async () => new Uint8Array(0))).rejects.toThrow('not a model');
    expect(pool.keys()).toEqual([]);
    expect(Recorder.log).toEqual(['stop ']);
    expect(() => pool.setLimit(0)).toThrow('at least one session is kept');
  });
});
