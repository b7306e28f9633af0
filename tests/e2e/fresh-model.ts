// A small ONNX model made for a test (never a demo model): three features in, two softmax scores
// out. A different `seed` gives different weights, so a different CID.
import ort from 'onnxruntime-node';
import { denseGraphToOnnx } from '../../models/onnx-graph.ts';

export function freshModel(seed = 1): Buffer {
  return Buffer.from(
    denseGraphToOnnx({
      name: `fresh-${seed}`,
      inputName: 'features',
      outputName: 'scores',
      layers: [
        {
          weights: Float32Array.from({ length: 12 }, (_, i) => ((i * seed) % 7) / 10),
          bias: new Float32Array(4),
          inputs: 3,
          outputs: 4,
          activation: 'relu',
        },
        {
          weights: Float32Array.from({ length: 8 }, (_, i) => -i / 10),
          bias: new Float32Array(2),
          inputs: 4,
          outputs: 2,
          activation: 'softmax',
        },
      ],
    }),
  );
}

/** What onnxruntime-node computes for one row of features. */
export async function freshModelScores(model: Buffer, features: number[]): Promise<number[]> {
  const session = await ort.InferenceSession.create(model);
  const { scores } = await session.run({
    features: new ort.Tensor('float32', Float32Array.from(features), [1, features.length]),
  });
  return Array.from(scores.data as Float32Array);
}
