// What the person typed on the publish page, read into a model card and terms, with one message
// per bad field (shown next to the field). Lengths come from the card's JSON Schema.
import { parseEther } from 'viem';
import type { Presentation } from '@permanet/core/inference/model-spec';
import type { InspectResult } from '@permanet/core/inference/worker-protocol';
import schema from '@permanet/core/marketplace/model-card.schema.json' with { type: 'json' };
import { MODEL_CARD_SCHEMA, type ModelCard } from '@permanet/core/marketplace/model-card';
import { specFromModel, UnsupportedModelError } from '../spec-from-model.ts';
import type { PublishTerms } from './publish-draft.ts';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

/** The marketplace's cap on what a model may ask of its derivatives (MAX_DERIVATIVE_ROYALTY_BPS). */
export const MAX_DERIVATIVE_ROYALTY_PERCENT = 50;

export interface PublishForm {
  name: string;
  task: string;
  description: string;
  licence: string;
  source: string;
  intendedUse: string;
  limitations: string;
  presentation: Presentation;
  /** Output labels, comma-separated; empty for none. */
  labels: string;
  /** JOY, as typed ("0.5"); empty is free / no licence for sale. */
  pricePerUse: string;
  licencePrice: string;
  royaltyPercent: string;
  /** A model id, or empty for an original model. */
  parentId: string;
}

export type FormField = keyof PublishForm;

export class PublishFormError extends PermaNetError {
  override name = 'PublishFormError';
  readonly fields: Partial<Record<FormField, string>>;
  constructor(fields: Partial<Record<FormField, string>>) {
    super(
      `The form has ${Object.keys(fields).length} problem(s): ${Object.entries(fields)
        .map(([f, m]) => `${f}: ${m}`)
        .join('; ')}`,
    );
    this.fields = fields;
  }
}

type TextField = 'name' | 'task' | 'description' | 'licence' | 'source' | 'intendedUse' | 'limitations';
const REQUIRED: TextField[] = ['name', 'task', 'description', 'licence', 'source'];
const OPTIONAL: TextField[] = ['intendedUse', 'limitations'];
const maxLength = (field: TextField) => (schema.properties[field] as { maxLength: number }).maxLength;

export function readPublishForm(form: PublishForm, io: InspectResult): { card: ModelCard; terms: PublishTerms } {
  const errors: Partial<Record<FormField, string>> = {};
  const text = (field: TextField) => {
    const value = form[field].trim();
    if (value.length === 0 && REQUIRED.includes(field)) errors[field] = 'is required';
    else if (value.length > maxLength(field))
      errors[field] = `is ${value.length} characters; at most ${maxLength(field)}`;
    return value;
  };
  const joy = (field: 'pricePerUse' | 'licencePrice') => {
    const value = form[field].trim();
    if (value === '') return '0';
    try {
      const wei = parseEther(value);
      if (wei < 0n) throw new PermaNetError('a negative amount');
      return wei.toString();
    } catch {
      errors[field] = 'must be an amount of JOY such as 0.5';
      return '0';
    }
  };

  const card = {
    schema: MODEL_CARD_SCHEMA,
    ...Object.fromEntries(REQUIRED.map((field) => [field, text(field)])),
  } as ModelCard;
  for (const field of OPTIONAL) {
    const value = text(field);
    if (value) card[field] = value;
  }
  const labels = form.labels
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  try {
    card.spec = specFromModel(io, form.presentation, labels);
  } catch (error) {
    if (!(error instanceof UnsupportedModelError)) throw error;
    errors.presentation = error.message;
  }
  const royalty = form.royaltyPercent.trim() === '' ? 0 : Number(form.royaltyPercent);
  if (
    !Number.isFinite(royalty) ||
    royalty < 0 ||
    royalty > MAX_DERIVATIVE_ROYALTY_PERCENT ||
    Math.round(royalty * 100) !== royalty * 100
  ) {
    errors.royaltyPercent = `must be a percentage from 0 to ${MAX_DERIVATIVE_ROYALTY_PERCENT}, in steps of 0.01`;
  }
  const parent = form.parentId.trim();
  if (parent !== '' && !/^\d+$/.test(parent)) errors.parentId = 'must be a model id';
  const terms: PublishTerms = {
    pricePerUse: joy('pricePerUse'),
    licencePrice: joy('licencePrice'),
    derivativeRoyaltyBps: Math.round(royalty * 100),
    parentId: parent || null,
  };
  if (Object.keys(errors).length > 0) throw new PublishFormError(errors);
  return { card, terms };
}
