import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import type { TaskEventRecord } from '@permanet/core/chain/actions/compute/read-task';
import { runOnNetwork, type NetworkRunState } from '../../compute/run-on-network.ts';
import { canonicalHash } from '@permanet/core/inference/canonical-output';
import type { Feeds } from '@permanet/core/inference/tensors';
import { formatJoy, formatMs, parseJoy, peerTail, shortHex } from '../format.ts';
import { useAppState } from '../state/app-state.tsx';
import { createChainAction } from '../state/chain-action.ts';
import { useWallet } from '../state/wallet.tsx';
import { ActionMessage } from './ActionMessage.tsx';
import { WalletPicker } from './WalletPicker.tsx';
import { isGeohashPrefix } from '@permanet/core/compute/geohash';

function describeEvent(event: TaskEventRecord): string {
  switch (event.type) {
    case 'committed':
      return `${shortHex(event.node)} committed`;
    case 'no-input':
      return `${shortHex(event.node)} says the input never reached it`;
    case 'revealed':
      return `${shortHex(event.node)} revealed ${shortHex(event.outputHash)}`;
    case 'penalized':
      return (
        `${shortHex(event.node)} slashed ${formatJoy(event.slashed)} ` +
        `(${event.revealed ? 'a minority answer' : 'no reveal'})`
      );
    case 'settled':
      return (
        `settled on ${shortHex(event.result)}: ${event.paid.map(shortHex).join(', ')} paid ` +
        `${formatJoy(event.payEach)} each`
      );
    case 'refunded':
      return `no majority: ${formatJoy(event.amount)} refunded`;
  }
}

/**
 * "Run on the network": the input last run on this page goes to K nodes the contract selects;
 * their answers, commits, reveals and the settlement (who was paid, who was slashed) show as they
 * happen.
 */
export function NetworkRun(props: {
  model: ModelRecord;
  lastInput: Feeds | null;
  lastOutput: { outputs: Feeds; backend: string } | null;
}): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const [k, setK] = createSignal(1);
  const [fee, setFee] = createSignal('1');
  const [region, setRegion] = createSignal('');
  const [run, setRun] = createSignal<NetworkRunState | null>(null);
  const { busy, message, setMessage, run: act } = createChainAction();
  /** The canonical hash of this page's own run of the same input: the network's result should match it. */
  const localHash = createMemo(() =>
    props.lastOutput && props.model.spec ? canonicalHash(props.lastOutput.outputs, props.model.spec) : null,
  );

  const start = () => {
    setRun(null);
    const amount = parseJoy(fee());
    if (amount === null) return setMessage({ ok: false, text: 'The fee must be an amount of JOY, such as 1 or 0.5' });
    if (region() !== '' && !isGeohashPrefix(region()))
      return setMessage({
        ok: false,
        text: 'The region must be a geohash prefix (up to 8 of 0-9, b-z without i, l, o), or empty',
      });
    const logged = new Set<string>();
    void act('Run on the network', async () => {
      const chain = app.chain()!;
      const node = await app.browserNode();
      await runOnNetwork({
        client: chain.client,
        wallet: wallets.wallet()!,
        addresses: chain,
        libp2p: node.libp2p,
        findProviders: node.findProviders,
        model: {
          id: props.model.id,
          version: props.model.versionCount - 1,
          weightsCid: props.model.weightsCid,
          spec: props.model.spec!,
        },
        inputs: props.lastInput!,
        k: k(),
        fee: amount,
        region: region(),
        onUpdate: (state) => {
          setRun(state);
          // Each answer's round trip goes to the network page's latency chart, once.
          for (const n of state.nodes) {
            if (!n.answer || logged.has(n.address)) continue;
            logged.add(n.address);
            app.latency.add({ peer: n.peerId, at: Date.now(), ms: n.answer.roundTripMs, kind: 'inference' });
          }
        },
      });
    });
  };

  return (
    <details class="network-run" data-testid="network-run">
      <summary>Run on the network</summary>
      <p class="hint">
        The input you last ran here goes to K compute nodes the contract picks, in the block after the task opens
        (weighted by stake, reputation and capacity). Each commits to its answer on-chain, then reveals it; the majority
        shares the fee, a node that disagrees or stays silent is slashed.
      </p>
      <WalletPicker />
      <div class="row">
        <label>
          K{' '}
          <select value={k()} onChange={(e) => setK(Number(e.currentTarget.value))} data-testid="network-k">
            <For each={[1, 2, 3, 4, 5]}>{(n) => <option value={n}>{n}</option>}</For>
          </select>
        </label>
        <label>
          Fee (JOY){' '}
          <input value={fee()} onInput={(e) => setFee(e.currentTarget.value)} size={6} data-testid="network-fee" />
        </label>
        <label>
          Region{' '}
          <input
            value={region()}
            onInput={(e) => setRegion(e.currentTarget.value)}
            size={8}
            placeholder="any"
            data-testid="network-region"
          />
        </label>
        <button
          type="button"
          disabled={busy() || !wallets.wallet() || !props.lastInput}
          onClick={start}
          data-testid="network-start"
        >
          Run on {k()} node{k() > 1 ? 's' : ''}
        </button>
      </div>
      <Show when={!props.lastInput}>
        <p class="notice">Run the model here once first: that input is what the network runs.</p>
      </Show>
      <ActionMessage message={message()} testId="network-message" />
      <Show when={run()}>
        {(r) => (
          <div
            class="network-progress"
            data-testid="network-progress"
            data-step={r().step}
            data-status={r().chain?.status ?? ''}
          >
            <p class="status">
              {r().task
                ? `Task #${r().task!.taskId}: ${formatJoy(r().task!.escrowed)} in escrow (fee ` +
                  `${formatJoy(r().chain?.fee ?? 0n)}, model ${formatJoy(r().chain?.price ?? 0n)}). `
                : ''}
              {
                {
                  approving: 'Approving the escrow…',
                  creating: 'Opening the task…',
                  assigning: 'Selecting the nodes…',
                  asking: 'Asking the selected nodes…',
                  waiting: 'Waiting for commits and reveals…',
                  settling: 'Settling…',
                  done: 'Done.',
                }[r().step]
              }
            </p>
            <table class="nodes">
              <thead>
                <tr>
                  <th>Node</th>
                  <th>Peer</th>
                  <th>Answer</th>
                  <th>Output hash</th>
                  <th>Round trip</th>
                </tr>
              </thead>
              <tbody>
                <For each={r().nodes}>
                  {(n) => (
                    <tr
                      data-testid="network-node"
                      data-node={n.address}
                      data-status={n.status}
                      data-output={n.answer?.outputHash ?? ''}
                    >
                      <td class="cid">{shortHex(n.address)}</td>
                      <td class="cid" title={n.peerId}>
                        {peerTail(n.peerId)}
                      </td>
                      <td>
                        {n.status === 'asking'
                          ? 'asking…'
                          : n.status === 'answered'
                            ? `answered (${formatMs(n.answer!.computeMs)} compute)`
                            : `no answer: ${n.error}`}
                      </td>
                      <td class="cid">{n.answer ? shortHex(n.answer.outputHash) : ''}</td>
                      <td>{n.answer ? formatMs(n.answer.roundTripMs) : ''}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={localHash() && r().chain?.status === 'settled'}>
              <p
                class="status"
                data-testid="network-vs-local"
                data-local-output={localHash()!}
                data-matches={r().chain!.result === localHash()}
              >
                Your own run here ({props.lastOutput!.backend === 'webgpu' ? 'WebGPU' : 'WASM'}) gives{' '}
                {shortHex(localHash()!)}:{' '}
                {r().chain!.result === localHash() ? 'the same as the network’s result' : 'not the network’s result'}.
              </p>
            </Show>
            <ol class="task-events" data-testid="task-events">
              <For each={r().chain?.events ?? []}>
                {(event) => (
                  <li data-type={event.type} title={event.tx}>
                    {describeEvent(event)}
                  </li>
                )}
              </For>
            </ol>
          </div>
        )}
      </Show>
    </details>
  );
}
