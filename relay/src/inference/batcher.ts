// Batches concurrent requests for one model into one run, stacked along the first dimension of
// every input (up to `maxBatch` rows); each request gets its own rows of every output back. A
// request that finds the model idle runs at once, or after `waitMs` for others to join it; the
// requests that arrive while a run goes on form the next batch, which starts when it ends. So a
// lone request waits for nothing, and under load the batches grow with it. Only models whose
// inputs and outputs all have a symbolic first dimension are batched; others run one request at
// a time.
import type { Feeds, PlainTensor } from '@permanet/core/inference/tensors';
import { asError } from '@permanet/core/errors/permanet-error';

export interface BatchOptions {
  maxBatch: number;
  /** How long a request that finds the model idle waits for others (0: it runs at once). */
  waitMs: number;
}

export interface BatchedResult {
  outputs: Feeds;
  /** The model run alone, shared by the batch. */
  computeMs: number;
  /** How many requests shared the run. */
  batchSize: number;
}

interface Pending {
  feeds: Feeds;
  rows: number;
  resolve: (result: BatchedResult) => void;
  reject: (error: Error) => void;
}

const rowsOf = (feeds: Feeds) => Object.values(feeds)[0].dims[0];

function stack(tensors: PlainTensor[]): PlainTensor {
  const [first] = tensors;
  const length = tensors.reduce((n, t) => n + t.data.length, 0);
  const data = first.type === 'int64' ? new BigInt64Array(length) : new Float32Array(length);
  let offset = 0;
  for (const t of tensors) {
    (data as Float32Array).set(t.data as Float32Array, offset);
    offset += t.data.length;
  }
  return { type: first.type, dims: [tensors.reduce((n, t) => n + t.dims[0], 0), ...first.dims.slice(1)], data };
}

function rowsSlice(t: PlainTensor, from: number, rows: number): PlainTensor {
  const perRow = t.dims.slice(1).reduce((n, d) => n * d, 1);
  return {
    type: t.type,
    dims: [rows, ...t.dims.slice(1)],
    data: t.data.slice(from * perRow, (from + rows) * perRow) as PlainTensor['data'],
  };
}

/** Whether two requests' inputs can share a run: same names, types and trailing dimensions. */
const compatible = (a: Feeds, b: Feeds) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(
    ([name, t]) =>
      b[name] &&
      b[name].type === t.type &&
      b[name].dims.length === t.dims.length &&
      b[name].dims.slice(1).every((d, i) => d === t.dims[i + 1]),
  );

export class Batcher {
  private readonly run: (feeds: Feeds) => Promise<Feeds>;
  private readonly options: BatchOptions;
  private readonly batchable: boolean;
  private queue: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  // One run at a time per model: the next batch forms while the current one runs.
  private running: Promise<void> = Promise.resolve();
  /** Batches taken from the queue and not yet run to the end. */
  private inFlight = 0;

  constructor(run: (feeds: Feeds) => Promise<Feeds>, batchable: boolean, options: BatchOptions) {
    this.run = run;
    this.batchable = batchable;
    this.options = options;
  }

  submit(feeds: Feeds): Promise<BatchedResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ feeds, rows: this.batchable ? rowsOf(feeds) : 1, resolve, reject });
      const rows = this.queue.reduce((n, p) => n + p.rows, 0);
      if (!this.batchable || rows >= this.options.maxBatch) this.flush();
      // While a batch runs, the queue waits for it to end (see flush).
      else if (this.inFlight === 0) {
        if (this.options.waitMs === 0) this.flush();
        else this.timer ??= setTimeout(() => this.flush(), this.options.waitMs);
      }
    });
  }

  private flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const taken = this.queue;
    this.queue = [];
    if (taken.length === 0) return;
    this.inFlight++;
    this.running = this.running
      .then(() => this.execute(taken))
      .then(() => {
        // The last batch in flight has ended: what queued meanwhile is the next one.
        if (--this.inFlight === 0) this.flush();
      });
  }

  private async execute(pending: Pending[]) {
    // Split into groups that can share a run (same trailing shapes), each within maxBatch rows.
    const groups: Pending[][] = [];
    for (const p of pending) {
      const group = groups.find(
        (g) =>
          this.batchable &&
          compatible(g[0].feeds, p.feeds) &&
          g.reduce((n, q) => n + q.rows, 0) + p.rows <= this.options.maxBatch,
      );
      if (group) group.push(p);
      else groups.push([p]);
    }
    for (const group of groups) {
      try {
        const feeds =
          group.length === 1
            ? group[0].feeds
            : Object.fromEntries(
                Object.keys(group[0].feeds).map((name) => [name, stack(group.map((p) => p.feeds[name]))]),
              );
        const started = performance.now();
        const outputs = await this.run(feeds);
        const computeMs = performance.now() - started;
        let row = 0;
        for (const p of group) {
          const own =
            group.length === 1
              ? outputs
              : Object.fromEntries(Object.entries(outputs).map(([name, t]) => [name, rowsSlice(t, row, p.rows)]));
          row += p.rows;
          p.resolve({ outputs: own, computeMs, batchSize: group.length });
        }
      } catch (error) {
        for (const p of group) p.reject(asError(error));
      }
    }
  }
}
