import { describe, expect, it } from 'vitest';
import type { Feeds } from '@permanet/core/inference/tensors';
import { Batcher } from './batcher.ts';

// A "model" that doubles its input and records each run's batch rows: the batching policy is
// what is tested here; the real model runs in the inference service's test.
function doubler() {
  const runs: number[] = [];
  const run = async (feeds: Feeds): Promise<Feeds> => {
    const x = feeds.x;
    runs.push(x.dims[0]);
    return { y: { type: 'float32', dims: x.dims, data: Float32Array.from(x.data as Float32Array, (v) => v * 2) } };
  };
  return { run, runs };
}
const row = (...values: number[]): Feeds => ({
  x: { type: 'float32', dims: [1, values.length], data: Float32Array.from(values) },
});

describe('Batcher', () => {
  it('runs concurrent requests once, in one batch, and gives each its own rows', async () => {
    const model = doubler();
    const batcher = new Batcher(model.run, true, { maxBatch: 32, waitMs: 5 });
    const results = await Promise.all([row(1, 2), row(3, 4), row(5, 6)].map((f) => batcher.submit(f)));
    expect(model.runs).toEqual([3]);
    expect(results.map((r) => Array.from(r.outputs.y.data as Float32Array))).toEqual([
      [2, 4],
      [6, 8],
      [10, 12],
    ]);
    expect(results.map((r) => [r.batchSize, r.outputs.y.dims])).toEqual([
      [3, [1, 2]],
      [3, [1, 2]],
      [3, [1, 2]],
    ]);
  });

  it(
    'runs a request that finds the model idle at once, and batches those that arrive during its run into the ' + 'next',
    async () => {
      const model = doubler();
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      let calls = 0;
      // The first run holds until released: the requests sent meanwhile must wait for it.
      const batcher = new Batcher(
        async (feeds) => {
          if (calls++ === 0) await gate;
          return model.run(feeds);
        },
        true,
        { maxBatch: 32, waitMs: 0 },
      );
      const lone = batcher.submit(row(1));
      await Promise.resolve();
      await Promise.resolve();
      expect(calls).toBe(1);
      const during = [row(2), row(3), row(4)].map((f) => batcher.submit(f));
      await new Promise((resolve) => setImmediate(resolve));
      expect(calls).toBe(1);
      release();
      const results = await Promise.all([lone, ...during]);
      expect(model.runs).toEqual([1, 3]);
      expect(results.map((r) => [r.batchSize, Array.from(r.outputs.y.data as Float32Array)])).toEqual([
        [1, [2]],
        [3, [4]],
        [3, [6]],
        [3, [8]],
      ]);
    },
  );

  it('never exceeds the batch size, and keeps requests of other shapes apart', async () => {
    const model = doubler();
    const batcher = new Batcher(model.run, true, { maxBatch: 2, waitMs: 5 });
    await Promise.all([row(1), row(2), row(3), row(4, 5)].map((f) => batcher.submit(f)));
    expect(model.runs.sort()).toEqual([1, 1, 2]);
  });

  it('runs an unbatchable model one request at a time, and fails only the requests of a failed run', async () => {
    const model = doubler();
    const single = new Batcher(model.run, false, { maxBatch: 32, waitMs: 5 });
    await Promise.all([row(1), row(2)].map((f) => single.submit(f)));
    expect(model.runs).toEqual([1, 1]);
    let calls = 0;
    const flaky = new Batcher(
      async (feeds) => (calls++ === 0 ? Promise.reject(new Error('out of memory')) : model.run(feeds)),
      false,
      { maxBatch: 1, waitMs: 1 },
    );
    const [first, second] = await Promise.allSettled([flaky.submit(row(1)), flaky.submit(row(2))]);
    expect(first).toMatchObject({ status: 'rejected', reason: new Error('out of memory') });
    expect(second.status).toBe('fulfilled');
  });
});
