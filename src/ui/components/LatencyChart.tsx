import { createMemo, For, Show, type JSX } from 'solid-js';
import type { LatencySample } from '../state/latency-log.ts';

const WIDTH = 640;
const HEIGHT = 180;
const PAD = 32;
const COLOURS = ['#2b6cb0', '#c05621', '#2f855a', '#9b2c2c', '#6b46c1', '#b7791f'];

/** Request latency over time, one line per node (pings dotted, network runs as dots). */
export function LatencyChart(props: { samples: LatencySample[]; names: (peer: string) => string }): JSX.Element {
  const view = createMemo(() => {
    const samples = props.samples;
    if (samples.length === 0) return null;
    const t0 = samples[0].at;
    const t1 = Math.max(samples[samples.length - 1].at, t0 + 1000);
    const top = Math.max(...samples.map((s) => s.ms), 1) * 1.1;
    const x = (at: number) => PAD + ((at - t0) / (t1 - t0)) * (WIDTH - 2 * PAD);
    const y = (ms: number) => HEIGHT - PAD - (ms / top) * (HEIGHT - 2 * PAD);
    const peers = [...new Set(samples.map((s) => s.peer))];
    return {
      top,
      seconds: (t1 - t0) / 1000,
      series: peers.map((peer, i) => ({
        peer,
        colour: COLOURS[i % COLOURS.length],
        line: samples
          .filter((s) => s.peer === peer && s.kind === 'ping')
          .map((s) => `${x(s.at).toFixed(1)},${y(s.ms).toFixed(1)}`)
          .join(' '),
        dots: samples
          .filter((s) => s.peer === peer && s.kind === 'inference')
          .map((s) => ({ cx: x(s.at), cy: y(s.ms), ms: s.ms })),
      })),
    };
  });
  return (
    <Show when={view()} fallback={<p class="notice">No latency measured yet.</p>}>
      {(v) => (
        <figure class="latency-chart" data-testid="latency-chart" data-samples={props.samples.length}>
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Request latency over time, per node">
            <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} stroke="#999" />
            <line x1={PAD} y1={PAD} x2={PAD} y2={HEIGHT - PAD} stroke="#999" />
            <text x={4} y={PAD} font-size="10">
              {v().top.toFixed(0)} ms
            </text>
            <text x={4} y={HEIGHT - PAD} font-size="10">
              0
            </text>
            <text x={WIDTH - PAD} y={HEIGHT - 8} font-size="10" text-anchor="end">
              {v().seconds.toFixed(0)} s
            </text>
            <For each={v().series}>
              {(s) => (
                <g data-peer={s.peer}>
                  <polyline points={s.line} fill="none" stroke={s.colour} stroke-width="1.5" stroke-dasharray="3 2" />
                  <For each={s.dots}>
                    {(d) => (
                      <circle cx={d.cx} cy={d.cy} r="3" fill={s.colour}>
                        <title>{d.ms.toFixed(1)} ms</title>
                      </circle>
                    )}
                  </For>
                </g>
              )}
            </For>
          </svg>
          <figcaption>
            <For each={v().series}>
              {(s) => (
                <span class="legend" style={{ color: s.colour }}>
                  ■ {props.names(s.peer)}{' '}
                </span>
              )}
            </For>
            (dashed: ping; dots: network runs)
          </figcaption>
        </figure>
      )}
    </Show>
  );
}
