import { describe, expect, it } from 'vitest';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import { planPrefetch, PREFETCH_MAX_BYTES } from './prefetch-plan.ts';

const model = (id: number, fields: Partial<ModelRecord>) =>
  ({
    id: BigInt(id),
    weightsCid: `cid-${id}`,
    listed: true,
    spec: { presentation: 'tensor', inputs: [], outputs: [] },
    uses: 0,
    sizeBytes: 1000,
    registeredAt: new Date(id * 1000),
    ...fields,
  }) as ModelRecord;

describe('planPrefetch', () => {
  it('fetches the most used models it does not hold, at most two, into free room only', () => {
    const models = [model(1, { uses: 3 }), model(2, { uses: 9 }), model(3, { uses: 5 }), model(4, { uses: 7 })];
    expect(planPrefetch(models, new Set(['cid-2']), 10_000).map((m) => m.id)).toEqual([4n, 3n]);
    // Room for one: the next that fits is taken.
    expect(planPrefetch(models, new Set(), 1500).map((m) => m.id)).toEqual([2n]);
    expect(planPrefetch(models, new Set(), 0)).toEqual([]);
  });

  it('skips delisted, unrunnable and large models', () => {
    const models = [
      model(1, { listed: false, uses: 9 }),
      model(2, { spec: null, uses: 8 }),
      model(3, { sizeBytes: PREFETCH_MAX_BYTES + 1, uses: 7 }),
      model(4, { uses: 1 }),
    ];
    expect(planPrefetch(models, new Set(), 1e12).map((m) => m.id)).toEqual([4n]);
  });
});
