// The model card: what a model version is, as JSON in IPFS (its CID is registered on-chain next
// to the weights). The JSON Schema beside this file is the published contract; this parser
// applies the same rules with a message per bad field.
import { FieldReader } from '../config/fields.ts';
import { parseModelSpec, type ModelSpec } from '../inference/model-spec.ts';
import { messageOf } from '../errors/permanet-error.ts';

export const MODEL_CARD_SCHEMA = 'permanet:model-card/1';

export interface ModelCard {
  schema: typeof MODEL_CARD_SCHEMA;
  name: string;
  task: string;
  description: string;
  licence: string;
  source: string;
  intendedUse?: string;
  limitations?: string;
  metrics?: Record<string, number | string>;
  spec: ModelSpec;
}

const FIELDS = [
  'schema',
  'name',
  'task',
  'description',
  'licence',
  'source',
  'intendedUse',
  'limitations',
  'metrics',
  'spec',
] as const;

export function parseModelCard(json: string): ModelCard {
  const read = new FieldReader('model card');
  const top = read.object(read.json(json), '(top level)');
  read.noExtraKeys(top, '', FIELDS);
  if (top.schema !== MODEL_CARD_SCHEMA) read.fail('schema', `must be "${MODEL_CARD_SCHEMA}"`);
  const card: ModelCard = {
    schema: MODEL_CARD_SCHEMA,
    name: read.string(top.name, 'name'),
    task: read.string(top.task, 'task'),
    description: read.string(top.description, 'description'),
    licence: read.string(top.licence, 'licence'),
    source: read.string(top.source, 'source'),
    spec: { presentation: 'digit-canvas', inputs: [], outputs: [] },
  };
  for (const field of ['intendedUse', 'limitations'] as const)
    if (top[field] !== undefined) card[field] = read.string(top[field], field);
  if (top.metrics !== undefined) {
    const metrics = read.object(top.metrics, 'metrics');
    for (const [name, value] of Object.entries(metrics)) {
      if (typeof value !== 'number' && typeof value !== 'string')
        read.fail(`metrics.${name}`, 'must be a number or a string');
    }
    card.metrics = metrics as Record<string, number | string>;
  }
  try {
    card.spec = parseModelSpec(JSON.stringify(top.spec));
  } catch (error) {
    read.fail('spec', messageOf(error).replace(/\n\s*/g, ' '));
  }
  read.done();
  return card;
}

/** The card's bytes as published: stable key order and formatting, so the same card has one CID. */
export function modelCardBytes(card: ModelCard): Uint8Array {
  const ordered = Object.fromEntries(
    FIELDS.filter((field) => card[field] !== undefined).map((field) => [field, card[field]]),
  );
  return new TextEncoder().encode(`${JSON.stringify(ordered, null, 2)}\n`);
}
