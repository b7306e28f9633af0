// The backends a compute node declares on NodeCoordinator (its `Backend` enum, in order), and how
// an execution backend's name maps onto them.
export const NODE_BACKENDS = ['GPU', 'WebGPU', 'WASM', 'CPU'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/** The enum value for an execution backend's name: `cuda` → GPU, `webgpu`, `wasm`, anything else → CPU. */
export function nodeBackendOf(executionBackend: string): number {
  const byName: Record<string, NodeBackend> = { cuda: 'GPU', webgpu: 'WebGPU', wasm: 'WASM' };
  return NODE_BACKENDS.indexOf(byName[executionBackend] ?? 'CPU');
}
