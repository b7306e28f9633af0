import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from './model-card.schema.json' with { type: 'json' };
import { demoModelCard, demoModels } from '../../../models/demo-models.ts';
import { MODEL_CARD_SCHEMA, modelCardBytes, parseModelCard } from './model-card.ts';

const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema);

describe('model cards', () => {
  it('publishes every demo card in a form the JSON Schema accepts and the parser round-trips', () => {
    for (const model of demoModels) {
      const bytes = modelCardBytes(demoModelCard(model));
      const json = JSON.parse(new TextDecoder().decode(bytes));
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      expect(parseModelCard(new TextDecoder().decode(bytes))).toEqual(demoModelCard(model));
    }
  });

  it('gives the same bytes (so the same CID) whatever the key order it was built in', () => {
    const card = demoModelCard(demoModels[0]);
    const shuffled = Object.fromEntries(Object.entries(card).reverse()) as typeof card;
    expect(modelCardBytes(shuffled)).toEqual(modelCardBytes(card));
  });

  it('names each problem, as the schema would refuse it too', () => {
    const bad = { schema: 'other', name: '', task: 'x', licence: 'MIT', source: 's', spec: {}, colour: 'red' };
    expect(validate(bad)).toBe(false);
    expect(() => parseModelCard(JSON.stringify(bad))).toThrow(
      new RegExp(
        [
          'colour: unknown field',
          'schema: must be "permanet:model-card/1"',
          'name: must be a non-empty string',
          'description: must be a non-empty string',
          'spec:',
        ].join('[\\s\\S]*'),
      ),
    );
    expect(() => parseModelCard('not json')).toThrow(/\(json\)/);
    expect(MODEL_CARD_SCHEMA).toBe(schema.$id);
  });
});
