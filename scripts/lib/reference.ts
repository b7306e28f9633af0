// The references the end-to-end tests and the benchmark hold the browser to: the same model
// files and the same inputs through onnxruntime-node.
import ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { demoModels } from '../../models/demo-models.ts';
import type { Feeds } from '@permanet/core/inference/tensors';
import { cidOfBytes } from '@permanet/core/storage/cid-of-bytes';

const publicFile = (name: string) => fileURLToPath(new URL(`../../public/${name}`, import.meta.url));

export const digitsModel = demoModels.find((m) => m.name === 'permanet-digits')!;
export const speechModel = demoModels.find((m) => m.name === 'silero-vad-v5')!;
export const digitSamples: { label: number; pixels: number[] }[] = JSON.parse(
  readFileSync(publicFile('samples/digits.json'), 'utf8'),
);

/** The CID the relay and the app give a file's bytes (the root of its UnixFS DAG). */
export const fileCid = async (path: string): Promise<string> => (await cidOfBytes(readFileSync(path))).toString();

/** Held-out sample `i` (wrapping around) as the digits model's input feeds: grey levels scaled to 0–1. */
export const digitFeeds = (i: number): Feeds => ({
  pixels: {
    type: 'float32',
    dims: [1, 784],
    data: Float32Array.from(digitSamples[i % digitSamples.length].pixels, (v) => v / 255),
  },
});

let digitsSession: Promise<ort.InferenceSession> | null = null;

/** Class probabilities for 28×28 grey levels (0–255), and the time of the run alone. */
export async function referenceDigits(grey: ArrayLike<number>): Promise<{ probabilities: number[]; ms: number }> {
  digitsSession ??= ort.InferenceSession.create(digitsModel.file);
  const session = await digitsSession;
  const input = new ort.Tensor(
    'float32',
    Float32Array.from(grey, (v) => v / 255),
    [1, 784],
  );
  const started = performance.now();
  const { probabilities } = await session.run({ pixels: input });
  return { probabilities: Array.from(probabilities.data as Float32Array), ms: performance.now() - started };
}

/** The bundled recording (16 kHz mono, 16-bit PCM) as floats, as a browser decodes it. */
export function speechSample(): Float32Array {
  const wav = readFileSync(publicFile('samples/speech.wav'));
  const dataAt = wav.indexOf('data') + 8;
  const samples = new Float32Array((wav.length - dataAt) / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = wav.readInt16LE(dataAt + i * 2) / 32768;
  return samples;
}

/** Silero VAD over the recording, frame by frame with its state, as the page runs it. */
export async function referenceSpeech(): Promise<{ probabilities: number[]; frameMs: number[] }> {
  const samples = speechSample();
  const session = await ort.InferenceSession.create(speechModel.file);
  let state: ort.Tensor = new ort.Tensor('float32', new Float32Array(256), [2, 1, 128]);
  const sr = new ort.Tensor('int64', BigInt64Array.of(16000n), []);
  const probabilities: number[] = [];
  const frameMs: number[] = [];
  for (let start = 0; start + 512 <= samples.length; start += 512) {
    const input = new ort.Tensor('float32', samples.slice(start, start + 512), [1, 512]);
    const started = performance.now();
    const result = await session.run({ input, state, sr });
    frameMs.push(performance.now() - started);
    probabilities.push((result.output.data as Float32Array)[0]);
    state = result.stateN;
  }
  return { probabilities, frameMs };
}
