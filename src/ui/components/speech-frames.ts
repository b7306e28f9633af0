// Silero VAD's streaming loop: 512-sample frames at 16 kHz, the recurrent state carried from
// one frame to the next, one speech probability per frame.
import type { ModelSpec } from '@permanet/core/inference/model-spec';
import type { Feeds } from '@permanet/core/inference/tensors';
import type { RunResult } from '@permanet/core/inference/worker-protocol';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

export const SAMPLE_RATE = 16_000;
export const FRAME = 512;

export interface SpeechSegment {
  start: number;
  end: number;
}

export async function speechProbabilities(
  spec: ModelSpec,
  samples: Float32Array,
  run: (feeds: Feeds) => Promise<RunResult>,
) {
  const [input, state, rate] = spec.inputs;
  let carried: Feeds[string] = { type: 'float32', data: new Float32Array(2 * 128), dims: [2, 1, 128] };
  const probabilities: number[] = [];
  let totalMs = 0;
  for (let start = 0; start + FRAME <= samples.length; start += FRAME) {
    const { outputs, ms } = await run({
      [input.name]: { type: 'float32', data: samples.slice(start, start + FRAME), dims: [1, FRAME] },
      [state.name]: carried,
      [rate.name]: { type: 'int64', data: BigInt64Array.of(BigInt(SAMPLE_RATE)), dims: [] },
    });
    probabilities.push((outputs[spec.outputs[0].name].data as Float32Array)[0]);
    carried = outputs[spec.outputs[1].name];
    totalMs += ms;
  }
  return { probabilities, totalMs };
}

/** Spans where the probability stays above the threshold, in seconds. */
export function speechSegments(probabilities: number[], threshold = 0.5): SpeechSegment[] {
  const segments: SpeechSegment[] = [];
  const seconds = (frame: number) => (frame * FRAME) / SAMPLE_RATE;
  let open: number | null = null;
  probabilities.forEach((p, i) => {
    if (p >= threshold && open === null) open = i;
    if (p < threshold && open !== null) {
      segments.push({ start: seconds(open), end: seconds(i) });
      open = null;
    }
  });
  if (open !== null) segments.push({ start: seconds(open), end: seconds(probabilities.length) });
  return segments;
}

/** Decodes any audio the browser can read into 16 kHz mono. */
export async function decodeTo16kMono(bytes: ArrayBuffer): Promise<Float32Array> {
  const probe = new OfflineAudioContext(1, 1, SAMPLE_RATE);
  const decoded = await probe.decodeAudioData(bytes).catch((error: Error) => {
    throw new PermaNetError(`This file cannot be decoded as audio (${error.message || error.name})`);
  });
  const length = Math.ceil(decoded.duration * SAMPLE_RATE);
  const offline = new OfflineAudioContext(1, length, SAMPLE_RATE);
  const source = offline.createBufferSource();
  source.buffer = decoded;
  source.connect(offline.destination);
  source.start();
  return (await offline.startRendering()).getChannelData(0);
}
