import { createSignal, For, Show, type JSX } from 'solid-js';
import type { ModelSpec } from '@permanet/core/inference/model-spec';
import type { Feeds } from '@permanet/core/inference/tensors';
import type { RunResult } from '@permanet/core/inference/worker-protocol';
import { formatMs } from '../format.ts';
import {
  decodeTo16kMono,
  speechProbabilities,
  speechSegments,
  SAMPLE_RATE,
  type SpeechSegment,
} from './speech-frames.ts';
import { messageOf } from '@permanet/core/errors/permanet-error';

interface Analysis {
  source: string;
  seconds: number;
  probabilities: number[];
  segments: SpeechSegment[];
  totalMs: number;
}

/** Find the speech in a recording: the bundled sample or a person's own file. */
export function SpeechActivity(props: {
  spec: ModelSpec;
  run: (feeds: Feeds) => Promise<RunResult>;
  ready: boolean;
}): JSX.Element {
  const [analysis, setAnalysis] = createSignal<Analysis | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const analyse = async (source: string, bytes: () => Promise<ArrayBuffer>) => {
    setBusy(true);
    setError(null);
    try {
      const samples = await decodeTo16kMono(await bytes());
      const { probabilities, totalMs } = await speechProbabilities(props.spec, samples, props.run);
      setAnalysis({
        source,
        seconds: samples.length / SAMPLE_RATE,
        probabilities,
        segments: speechSegments(probabilities),
        totalMs,
      });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const onFile = (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file) void analyse(file.name, () => file.arrayBuffer());
  };

  return (
    <div class="speech">
      <div class="row">
        <button
          type="button"
          disabled={!props.ready || busy()}
          data-testid="speech-sample"
          onClick={() =>
            void analyse('speech.wav (sample)', async () => (await fetch('/samples/speech.wav')).arrayBuffer())
          }
        >
          Use the sample recording
        </button>
        <label class="file">
          Or your own audio file
          <input
            type="file"
            accept="audio/*"
            disabled={!props.ready || busy()}
            onChange={onFile}
            data-testid="speech-file"
          />
        </label>
      </div>
      <Show when={busy()}>
        <p class="notice">Listening…</p>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={analysis()}>
        {(a) => (
          <div data-testid="speech-result" data-segments={a().segments.length} data-frames={a().probabilities.length}>
            <p>
              {a().source}: {a().seconds.toFixed(2)} s, {a().probabilities.length} frames in {formatMs(a().totalMs)} (
              {formatMs(a().totalMs / Math.max(1, a().probabilities.length))} per frame)
            </p>
            <svg
              class="speech-chart"
              viewBox={`0 0 ${a().probabilities.length} 100`}
              preserveAspectRatio="none"
              role="img"
              aria-label="Speech probability over time"
            >
              <For each={a().probabilities}>
                {(p, i) => (
                  <rect
                    x={i()}
                    y={100 - p * 100}
                    width={1}
                    height={p * 100}
                    class={p >= 0.5 ? 'speech-on' : 'speech-off'}
                  />
                )}
              </For>
            </svg>
            <p>
              Speech:{' '}
              <Show when={a().segments.length > 0} fallback="none found">
                <For each={a().segments}>
                  {(s) => (
                    <span class="segment">
                      {s.start.toFixed(2)}–{s.end.toFixed(2)} s
                    </span>
                  )}
                </For>
              </Show>
            </p>
          </div>
        )}
      </Show>
    </div>
  );
}
