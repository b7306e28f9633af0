import { createMemo, createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { nodesHolding } from '@permanet/core/chain/actions/compute/nodes-holding';
import { describeError } from '@permanet/core/chain/describe-error';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import { askNode } from '../../compute/ask-node.ts';
import { canonicalHash } from '@permanet/core/inference/canonical-output';
import type { Feeds } from '@permanet/core/inference/tensors';
import { percentile } from '../../stats/percentile.ts';
import { formatMs, shortHex } from '../format.ts';
import { useAppState } from '../state/app-state.tsx';
import { createChainAction } from '../state/chain-action.ts';
import { ActionMessage } from './ActionMessage.tsx';
import { settled } from '../state/settled.ts';

const MAX_RUNS = 500;

interface Sample {
  roundTripMs: number;
  computeMs: number;
}

/**
 * "Run on one node": the input last run on this page goes to one compute node chosen here, with no
 * task (no fee, no vote), as many times as asked; each answer is checked (its hash and its
 * signature) and timed. It shows what the network adds to a run: the round trip less the node's
 * own compute time.
 */
export function NodeRun(props: {
  model: ModelRecord;
  lastInput: Feeds | null;
  localOutputs: Feeds | null;
}): JSX.Element {
  const app = useAppState();
  // The node list is read when the panel is opened, not with the page: the model page must work
  // offline and without a chain, and most visits never open this panel.
  const [open, setOpen] = createSignal(false);
  const [list, { refetch }] = createResource(
    () => (open() && app.chain() ? { chain: app.chain()!, id: props.model.id } : null),
    ({ chain, id }) => nodesHolding(chain.client, chain.coordinator, id),
  );
  const nodes = () => settled(list);
  const [chosen, setChosen] = createSignal('');
  const [runs, setRuns] = createSignal('1');
  const [samples, setSamples] = createSignal<Sample[]>([]);
  const [output, setOutput] = createSignal<string | null>(null);
  const { busy, message, setMessage, run } = createChainAction(refetch);
  const localHash = createMemo(() =>
    props.localOutputs && props.model.spec ? canonicalHash(props.localOutputs, props.model.spec) : null,
  );
  const peerId = () => chosen() || nodes()?.[0]?.peerId || '';

  const stats = createMemo(() => {
    const all = samples();
    const overhead = all.map((s) => s.roundTripMs - s.computeMs);
    const roundTrip = all.map((s) => s.roundTripMs);
    return {
      overheadP50: percentile(overhead, 50),
      overheadP99: percentile(overhead, 99),
      roundTripP50: percentile(roundTrip, 50),
      roundTripP99: percentile(roundTrip, 99),
      computeP50: percentile(
        all.map((s) => s.computeMs),
        50,
      ),
    };
  });

  const start = () => {
    const count = Number(runs());
    if (!Number.isInteger(count) || count < 1 || count > MAX_RUNS)
      return setMessage({ ok: false, text: `Runs must be a whole number from 1 to ${MAX_RUNS}` });
    setSamples([]);
    setOutput(null);
    const target = peerId();
    void run(`${count} run${count > 1 ? 's' : ''} on the node`, async () => {
      const node = await app.browserNode();
      for (let i = 0; i < count; i++) {
        const answer = await askNode({
          libp2p: node.libp2p,
          findProviders: node.findProviders,
          peerId: target,
          model: { weightsCid: props.model.weightsCid, spec: props.model.spec! },
          inputs: props.lastInput!,
          signal: AbortSignal.timeout(30_000),
        });
        setOutput(answer.outputHash);
        setSamples((all) => [...all, { roundTripMs: answer.roundTripMs, computeMs: answer.computeMs }]);
        app.latency.add({ peer: target, at: Date.now(), ms: answer.roundTripMs, kind: 'inference' });
      }
    });
  };

  const ms = (value: number | null) => (value === null ? '' : formatMs(value));
  return (
    <details class="node-run" data-testid="node-run" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Run on one node</summary>
      <p class="hint">
        The input you last ran here goes to one compute node, with no task: no fee and no vote, so only the node's
        signature stands behind the answer. Use it to see what the network adds to a run.
      </p>
      <div class="row">
        <label>
          Node{' '}
          <select value={peerId()} onChange={(e) => setChosen(e.currentTarget.value)} data-testid="node-run-node">
            <For each={nodes() ?? []}>
              {(n) => <option value={n.peerId}>{`${shortHex(n.address)} · ${n.backend} · ${n.region}`}</option>}
            </For>
          </select>
        </label>
        <label>
          Runs{' '}
          <input value={runs()} onInput={(e) => setRuns(e.currentTarget.value)} size={4} data-testid="node-run-count" />
        </label>
        <button
          type="button"
          disabled={busy() || !props.lastInput || !peerId() || !props.model.spec}
          onClick={start}
          data-testid="node-run-start"
        >
          Run
        </button>
      </div>
      <Show when={list.error}>
        <p class="error" role="alert" data-testid="node-run-nodes-error">
          The compute nodes could not be read: {describeError(list.error)}
        </p>
      </Show>
      <Show when={nodes() && nodes()!.length === 0}>
        <p class="notice">No live node holds this model yet.</p>
      </Show>
      <Show when={!props.lastInput}>
        <p class="notice">Run the model here once first: that input is what the node runs.</p>
      </Show>
      <ActionMessage message={message()} testId="node-run-message" />
      <Show when={samples().length > 0}>
        <p
          class="status"
          data-testid="node-run-stats"
          data-runs={samples().length}
          data-overhead-p50={stats().overheadP50}
          data-overhead-p99={stats().overheadP99}
          data-round-trip-p50={stats().roundTripP50}
          data-round-trip-p99={stats().roundTripP99}
          data-compute-p50={stats().computeP50}
          data-output={output() ?? ''}
          data-matches={localHash() !== null && output() === localHash()}
        >
          {samples().length} run{samples().length > 1 ? 's' : ''}: round trip {ms(stats().roundTripP50)} p50 /{' '}
          {ms(stats().roundTripP99)} p99, of which the node computed {ms(stats().computeP50)} (p50); the network and
          codec add {ms(stats().overheadP50)} p50 / {ms(stats().overheadP99)} p99. Output {shortHex(output() ?? '')}
          {localHash()
            ? output() === localHash()
              ? ', the same as your own run here.'
              : ', not what your own run here gives.'
            : '.'}
        </p>
      </Show>
    </details>
  );
}
