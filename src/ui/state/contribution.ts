// This tab's contribution as a light compute node: started from the network page, kept while the
// tab is open whatever page is shown, with what it has done (tasks, answers) for the page to list.
import { createSignal } from 'solid-js';
import type { ConnectedWallet } from '@permanet/core/chain/dev-wallet';
import type { TaskEvent } from '@permanet/core/compute/task-participant';
import type { CoreAppState } from './app-state.tsx';

export interface ContributionSettings {
  backend: 'wasm' | 'webgpu';
  stake: bigint;
  region: string;
  capacityRps: number;
}

export type ContributionEvent = TaskEvent | { type: 'answered'; peer: string; ok: boolean; detail: string };

export function createContribution(app: CoreAppState) {
  const [active, setActive] = createSignal<{ account: string; backend: string; stop: () => Promise<void> } | null>(
    null,
  );
  const [events, setEvents] = createSignal<{ at: number; event: ContributionEvent }[]>([]);
  const log = (event: ContributionEvent) => setEvents((all) => [...all.slice(-199), { at: Date.now(), event }]);

  const start = async (wallet: ConnectedWallet, settings: ContributionSettings) => {
    const config = app.config()!;
    // Loaded when a person contributes: none of it belongs in the first paint.
    const { startLightNode } = await import('../../compute/light-node.ts');
    const node = await app.browserNode();
    const held = () => {
      const cids = new Set(app.cache.entries().map((e) => e.cid));
      return (app.models()?.models ?? []).filter((m) => m.listed && m.spec && cids.has(m.weightsCid));
    };
    const light = await startLightNode({
      libp2p: node.libp2p,
      sign: node.sign,
      client: app.chain()!.client,
      wallet,
      deployments: config.deployments,
      ...settings,
      heldModels: held,
      run: async (cid, spec, inputs) => {
        // The weights are in this tab's store: read and verified locally.
        const session = await app.sessions.acquire(cid, spec, settings.backend, () => app.files.read(cid));
        const { outputs, ms } = await session.client.run(inputs);
        return { outputs, computeMs: ms, batchSize: 1 };
      },
      storage: localStorage,
      onEvent: log,
      onAnswer: (peer, answer) =>
        log({
          type: 'answered',
          peer,
          ok: answer.ok,
          detail: answer.ok ? `${answer.computeMs.toFixed(2)} ms` : answer.message,
        }),
    });
    setActive({ account: light.account, backend: settings.backend, stop: light.stop });
  };

  const stop = async () => {
    await active()?.stop();
    setActive(null);
  };

  return { active, events, start, stop };
}

export type Contribution = ReturnType<typeof createContribution>;
