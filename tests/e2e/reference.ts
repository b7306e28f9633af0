// Reference outputs: the same model file and the same input through onnxruntime-node.
import ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { demoModels } from '../../models/demo-models.ts';
import { root } from './fixtures.ts';

export const digitsModel = demoModels.find((m) => m.name === 'permanet-digits')!;
export const speechModel = demoModels.find((m) => m.name === 'silero-vad-v5')!;
export const digitSamples: { label: number; pixels: number[] }[] = JSON.parse(readFileSync(join(root, 'public', 'samples', 'digits.json'), 'utf8'));

let digitsSession: Promise<ort.InferenceSession> | null = null;

export async function referenceDigits(grey: ArrayLike<number>): Promise<number[]> {
  digitsSession ??= ort.InferenceSession.create(digitsModel.file);
  const session = await digitsSession;
  const input = Float32Array.from(grey, (v) => v / 255);
  const { probabilities } = await session.run({ pixels: new ort.Tensor('float32', input, [1, 784]) });
  return Array.from(probabilities.data as Float32Array);
}

/** The probabilities the page shows, at full precision, in class order. */
export async function pageProbabilities(page: Page): Promise<number[]> {
  const values = await page.locator('[data-testid=probabilities] li').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-value'))));
  if (values.length !== 10) throw new Error(`expected 10 probabilities, found ${values.length}`);
  return values;
}

/** Silero VAD over the sample recording, frame by frame with its state, as the page runs it. */
export async function referenceSpeech(): Promise<number[]> {
  const wav = readFileSync(join(root, 'public', 'samples', 'speech.wav'));
  const dataAt = wav.indexOf('data') + 8;
  const samples = new Float32Array((wav.length - dataAt) / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = wav.readInt16LE(dataAt + i * 2) / 32768;
  const session = await ort.InferenceSession.create(speechModel.file);
  let state: ort.Tensor = new ort.Tensor('float32', new Float32Array(256), [2, 1, 128]);
  const sr = new ort.Tensor('int64', BigInt64Array.of(16000n), []);
  const out: number[] = [];
  for (let start = 0; start + 512 <= samples.length; start += 512) {
    const result = await session.run({ input: new ort.Tensor('float32', samples.slice(start, start + 512), [1, 512]), state, sr });
    out.push((result.output.data as Float32Array)[0]);
    state = result.stateN;
  }
  return out;
}
