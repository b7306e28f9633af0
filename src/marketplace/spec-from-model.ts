// Turns what the inference worker read from an ONNX file into the spec a registration carries,
// and says which of the app's presentations can drive the model.
import {
  elementCount,
  ELEMENT_TYPES,
  type ElementType,
  type ModelSpec,
  type Presentation,
  type TensorSpec,
} from '@permanet/core/inference/model-spec';
import type { InspectResult, ValueInfo } from '@permanet/core/inference/worker-protocol';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

export class UnsupportedModelError extends PermaNetError {
  override name = 'UnsupportedModelError';
}

function tensor(value: ValueInfo, role: 'input' | 'output'): TensorSpec {
  if (!ELEMENT_TYPES.includes(value.type as ElementType)) {
    throw new UnsupportedModelError(
      `The ${role} "${value.name}" is ${value.type}; published models take and give ${ELEMENT_TYPES.join(' or ')} ` +
        `tensors.`,
    );
  }
  // An unnamed dynamic dimension gets a name, so the spec can bind it like any symbolic one.
  return {
    name: value.name,
    type: value.type as ElementType,
    shape: value.shape.map((d, i) => (d === '' ? `dim${i}` : d)),
  };
}

/** The presentations that fit the model's inputs, the generic one last. */
export function presentationsFor(io: InspectResult): Presentation[] {
  const fits: Presentation[] = [];
  const [first] = io.inputs;
  if (
    io.inputs.length === 1 &&
    first.type === 'float32' &&
    elementCount(first.shape.map((d) => (d === '' ? 'n' : d))) === 28 * 28
  )
    fits.push('digit-canvas');
  const names = io.inputs.map((i) => i.name).join(',');
  if (names === 'input,state,sr' && io.outputs.length === 2) fits.push('speech-activity');
  fits.push('tensor');
  return fits;
}

export function specFromModel(io: InspectResult, presentation: Presentation, labels: string[] = []): ModelSpec {
  if (!presentationsFor(io).includes(presentation))
    throw new UnsupportedModelError(`The model's inputs do not fit the "${presentation}" presentation.`);
  const spec: ModelSpec = {
    presentation,
    inputs: io.inputs.map((v) => tensor(v, 'input')),
    outputs: io.outputs.map((v) => tensor(v, 'output')),
  };
  if (labels.length > 0) spec.labels = labels;
  return spec;
}
