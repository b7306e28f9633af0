import { describe, expect, it } from 'vitest';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import { browseModels, tasksOf } from './browse.ts';

const model = (id: number, fields: Partial<ModelRecord>): ModelRecord => ({
  id: BigInt(id),
  creator: '0x0000000000000000000000000000000000000001',
  name: `model-${id}`,
  task: 'image-classification',
  licence: 'MIT',
  parentId: null,
  pricePerUse: 0n,
  licencePrice: 0n,
  derivativeRoyaltyBps: 0,
  listed: true,
  uses: 0,
  versionCount: 1,
  weightsCid: 'bafy',
  cardCid: 'bafy',
  spec: null,
  specError: null,
  sizeBytes: 1,
  registeredAt: new Date(1_700_000_000_000 + id * 1000),
  ...fields,
});

const models = [
  model(0, { name: 'Digits MLP', uses: 5, pricePerUse: 2n }),
  model(1, { name: 'Silero VAD', task: 'voice-activity-detection', uses: 9 }),
  model(2, { name: 'Digits CNN', uses: 1, pricePerUse: 2n, licencePrice: 10n }),
  model(3, { name: 'Hidden digits', listed: false }),
];
const ids = (list: ModelRecord[]) => list.map((m) => Number(m.id));

describe('browseModels', () => {
  it('orders by date, by use and by price, leaving delisted models out', () => {
    expect(ids(browseModels(models, { text: '', task: '', sort: 'newest' }))).toEqual([2, 1, 0]);
    expect(ids(browseModels(models, { text: '', task: '', sort: 'most-used' }))).toEqual([1, 0, 2]);
    // Free first; of the two at 2 per use, the one selling a licence before the one selling none.
    expect(ids(browseModels(models, { text: '', task: '', sort: 'cheapest' }))).toEqual([1, 2, 0]);
  });

  it('finds every word in the name or the task, case aside, within one task', () => {
    expect(ids(browseModels(models, { text: 'DIGITS', task: '', sort: 'newest' }))).toEqual([2, 0]);
    expect(ids(browseModels(models, { text: 'digits cnn', task: '', sort: 'newest' }))).toEqual([2]);
    expect(ids(browseModels(models, { text: 'voice', task: '', sort: 'newest' }))).toEqual([1]);
    expect(ids(browseModels(models, { text: '', task: 'voice-activity-detection', sort: 'newest' }))).toEqual([1]);
    expect(browseModels(models, { text: 'nothing like it', task: '', sort: 'newest' })).toEqual([]);
    expect(tasksOf(models)).toEqual(['image-classification', 'voice-activity-detection']);
  });
});
