import { createSignal, onMount, Show, type JSX } from 'solid-js';
import type { ModelSpec } from '@permanet/core/inference/model-spec';
import { float32Tensor, type Feeds } from '@permanet/core/inference/tensors';
import type { RunResult } from '@permanet/core/inference/worker-protocol';
import { Probabilities } from './Probabilities.tsx';
import { drawingToPixels, pixelsToInput, SIDE } from './digit-preprocess.ts';
import { messageOf } from '@permanet/core/errors/permanet-error';

interface Sample {
  label: number;
  pixels: number[];
}

/** Draw a digit (or take a held-out sample) and see the class probabilities. */
export function DigitPad(props: {
  spec: ModelSpec;
  run: (feeds: Feeds) => Promise<RunResult>;
  ready: boolean;
}): JSX.Element {
  let pad!: HTMLCanvasElement;
  let preview!: HTMLCanvasElement;
  const [result, setResult] = createSignal<number[] | null>(null);
  const [sampleInfo, setSampleInfo] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let samples: Sample[] | null = null;
  let nextSample = 0;
  let drawing = false;

  const clearPad = () => {
    const ctx = pad.getContext('2d')!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, pad.width, pad.height);
    preview.getContext('2d')!.clearRect(0, 0, SIDE, SIDE);
    setResult(null);
    setSampleInfo(null);
  };

  const showPreview = (grey: ArrayLike<number>) => {
    const image = new ImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) image.data.set([grey[i], grey[i], grey[i], 255], i * 4);
    preview.getContext('2d')!.putImageData(image, 0, 0);
  };

  const classify = async (grey: ArrayLike<number>) => {
    showPreview(grey);
    setError(null);
    try {
      const { outputs } = await props.run({
        [props.spec.inputs[0].name]: float32Tensor(props.spec.inputs[0], pixelsToInput(grey)),
      });
      setResult(Array.from(outputs[props.spec.outputs[0].name].data as Float32Array));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const point = (event: PointerEvent) => {
    const rect = pad.getBoundingClientRect();
    return [
      ((event.clientX - rect.left) / rect.width) * pad.width,
      ((event.clientY - rect.top) / rect.height) * pad.height,
    ];
  };

  onMount(() => {
    clearPad();
    const ctx = pad.getContext('2d', { willReadFrequently: true })!;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = pad.width / 12;
    ctx.strokeStyle = '#fff';
    pad.addEventListener('pointerdown', (event) => {
      if (sampleInfo()) clearPad();
      drawing = true;
      pad.setPointerCapture(event.pointerId);
      const [x, y] = point(event);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 0.1, y + 0.1);
      ctx.stroke();
    });
    pad.addEventListener('pointermove', (event) => {
      if (!drawing) return;
      const [x, y] = point(event);
      ctx.lineTo(x, y);
      ctx.stroke();
    });
    const end = () => {
      if (!drawing) return;
      drawing = false;
      const grey = drawingToPixels(pad);
      if (grey && props.ready) void classify(grey);
    };
    pad.addEventListener('pointerup', end);
    pad.addEventListener('pointercancel', end);
  });

  const useSample = async () => {
    samples ??= (await (await fetch('/samples/digits.json')).json()) as Sample[];
    const index = nextSample++ % samples.length;
    const sample = samples[index];
    clearPad();
    const small = document.createElement('canvas');
    small.width = SIDE;
    small.height = SIDE;
    const image = new ImageData(SIDE, SIDE);
    sample.pixels.forEach((v, i) => {
      image.data.set([v, v, v, 255], i * 4);
    });
    small.getContext('2d')!.putImageData(image, 0, 0);
    pad.getContext('2d')!.drawImage(small, 0, 0, pad.width, pad.height);
    setSampleInfo(`held-out sample ${index}, labelled ${sample.label}`);
    await classify(sample.pixels);
  };

  return (
    <div class="digit-pad">
      <div class="pad-column">
        <canvas ref={pad} width={280} height={280} class="pad" data-testid="digit-pad" aria-label="Draw a digit here" />
        <div class="row">
          <button type="button" onClick={clearPad}>
            Clear
          </button>
          <button type="button" onClick={() => void useSample()} disabled={!props.ready} data-testid="sample-digit">
            Sample digit
          </button>
          <canvas
            ref={preview}
            width={SIDE}
            height={SIDE}
            class="preview"
            data-testid="digit-preview"
            title="What the model sees (28×28)"
          />
        </div>
        <Show when={sampleInfo()}>
          <p class="hint" data-testid="sample-info">
            {sampleInfo()}
          </p>
        </Show>
        <Show when={!sampleInfo() && !result()}>
          <p class="hint">Draw a digit from 0 to 9 with your mouse, finger or pen.</p>
        </Show>
      </div>
      <div>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={result()}>
          {(values) => (
            <Probabilities values={values()} labels={props.spec.labels ?? values().map((_, i) => String(i))} />
          )}
        </Show>
      </div>
    </div>
  );
}
