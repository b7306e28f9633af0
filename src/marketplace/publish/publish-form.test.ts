import { describe, expect, it } from 'vitest';
import { modelCardBytes, parseModelCard } from '@permanet/core/marketplace/model-card';
import { type PublishFormError, readPublishForm, type PublishForm } from './publish-form.ts';

const io = {
  inputs: [{ name: 'features', type: 'float32', shape: ['batch', 3] }],
  outputs: [{ name: 'scores', type: 'float32', shape: ['batch', 2] }],
};
const form: PublishForm = {
  name: 'fresh',
  task: 'tabular-classification',
  description: 'Scores three features.',
  licence: 'MIT',
  source: 'Generated for a test',
  intendedUse: '',
  limitations: ' Toy weights. ',
  presentation: 'tensor',
  labels: 'no, yes',
  pricePerUse: '0.5',
  licencePrice: '20',
  royaltyPercent: '12.5',
  parentId: '',
};

const problems = (changes: Partial<PublishForm>) => {
  try {
    readPublishForm({ ...form, ...changes }, io);
  } catch (error) {
    return (error as PublishFormError).fields;
  }
  throw new Error('the form was accepted');
};

describe('readPublishForm', () => {
  it('reads a card the card parser accepts and terms in wei and basis points', () => {
    const { card, terms } = readPublishForm(form, io);
    expect(parseModelCard(new TextDecoder().decode(modelCardBytes(card)))).toEqual(card);
    expect(card).toMatchObject({
      name: 'fresh',
      limitations: 'Toy weights.',
      spec: { presentation: 'tensor', labels: ['no', 'yes'] },
    });
    expect(card.intendedUse).toBeUndefined();
    expect(terms).toEqual({
      pricePerUse: '500000000000000000',
      licencePrice: '20000000000000000000',
      derivativeRoyaltyBps: 1250,
      parentId: null,
    });
  });

  it('names every bad field at once', () => {
    expect(
      problems({
        name: ' ',
        description: 'x'.repeat(4001),
        pricePerUse: 'cheap',
        licencePrice: '-1',
        royaltyPercent: '60',
        parentId: 'digits',
        presentation: 'speech-activity',
      }),
    ).toEqual({
      name: 'is required',
      description: 'is 4001 characters; at most 4000',
      pricePerUse: 'must be an amount of JOY such as 0.5',
      licencePrice: 'must be an amount of JOY such as 0.5',
      royaltyPercent: 'must be a percentage from 0 to 50, in steps of 0.01',
      parentId: 'must be a model id',
      presentation: 'The model\'s inputs do not fit the "speech-activity" presentation.',
    });
  });

  it('treats empty prices as free and no licence for sale', () => {
    expect(readPublishForm({ ...form, pricePerUse: '', licencePrice: ' ', royaltyPercent: '' }, io).terms).toEqual({
      pricePerUse: '0',
      licencePrice: '0',
      derivativeRoyaltyBps: 0,
      parentId: null,
    });
  });
});
