// Request latencies this tab measured, per node, over time: pings the network page sends and the
// round trips of network runs. Kept in memory for the tab's life, the most recent 600.
import { createSignal } from 'solid-js';

export interface LatencySample {
  peer: string;
  at: number;
  ms: number;
  kind: 'ping' | 'inference';
}

const MAX_SAMPLES = 600;

export function createLatencyLog() {
  const [samples, setSamples] = createSignal<LatencySample[]>([]);
  const add = (sample: LatencySample) => setSamples((all) => [...all.slice(-(MAX_SAMPLES - 1)), sample]);
  return { samples, add };
}

export type LatencyLog = ReturnType<typeof createLatencyLog>;
