import { createResource, createSignal, For, onCleanup, Show, type JSX } from 'solid-js';
import { listNodes, type NodeRecord } from '@permanet/core/chain/actions/compute/list-nodes';
import { describeError } from '@permanet/core/chain/describe-error';
import { pingNodes } from '../../compute/ping-nodes.ts';
import { percentile } from '../../stats/percentile.ts';
import { LatencyChart } from '../components/LatencyChart.tsx';
import { WalletPicker } from '../components/WalletPicker.tsx';
import { formatAgo, formatJoy, formatMs, parseJoy, peerTail, shortHex } from '../format.ts';
import { useAppState } from '../state/app-state.tsx';
import type { ContributionEvent } from '../state/contribution.ts';
import { createChainAction } from '../state/chain-action.ts';
import { useWallet } from '../state/wallet.tsx';
import { ActionMessage } from '../components/ActionMessage.tsx';
import { isGeohashPrefix } from '@permanet/core/compute/geohash';

const PING_EVERY_MS = 5000;

function describeContributionEvent(event: ContributionEvent): string {
  switch (event.type) {
    case 'answered':
      return `${event.ok ? 'answered' : 'refused'} ${peerTail(event.peer)}: ${event.detail}`;
    case 'failed':
      return `${event.what} failed: ${event.error.message}`;
    case 'registered':
      return `registered with ${event.models} model(s)`;
    case 'selected':
      return `selected for task #${event.task}`;
    case 'models':
      return `declared ${event.added} model(s) more, ${event.removed} fewer`;
    default:
      return `${event.type} task #${event.task}`;
  }
}

/** The compute network: its nodes (stake, reputation, latency from here) and this tab's contribution. */
export default function NetworkRoute(): JSX.Element {
  const app = useAppState();
  const [nodes, { refetch }] = createResource(
    () => app.chain(),
    (chain) => listNodes(chain.client, chain.coordinator),
  );

  // While the page is open: the node list is read again and every node is pinged from this tab.
  const tick = async () => {
    refetch();
    const list = nodes();
    if (!list) return;
    const cids = (app.models()?.models ?? []).map((m) => m.weightsCid);
    await pingNodes(await app.browserNode(), list, cids, (peer, ms) =>
      app.latency.add({ peer, at: Date.now(), ms, kind: 'ping' }),
    );
  };
  const timer = setInterval(() => void tick(), PING_EVERY_MS);
  onCleanup(() => clearInterval(timer));

  const latencyOf = (peer: string, kind: 'ping' | 'inference') =>
    percentile(
      app.latency
        .samples()
        .filter((s) => s.peer === peer && s.kind === kind)
        .map((s) => s.ms),
      50,
    );
  const nameOf = (peer: string) => {
    const n = nodes()?.find((x) => x.peerId === peer);
    return n ? `${shortHex(n.address)} (${n.backend})` : peerTail(peer);
  };

  return (
    <section class="network">
      <h1>Compute network</h1>
      <p class="lead">
        Nodes stake JOY to run models for others. Tasks pick K of them by stake, reputation and capacity; the majority
        answer is paid, the rest slashed.
      </p>
      <Show when={nodes.error}>
        <p class="error" role="alert">
          {describeError(nodes.error)}
        </p>
      </Show>
      <table class="nodes" data-testid="node-table">
        <thead>
          <tr>
            <th>Node</th>
            <th>Backend</th>
            <th>Stake</th>
            <th>Reputation</th>
            <th>Capacity</th>
            <th>Region</th>
            <th>Heartbeat</th>
            <th>Ping</th>
            <th>Run round trip</th>
          </tr>
        </thead>
        <tbody>
          <For each={nodes() ?? []}>
            {(n: NodeRecord) => (
              <tr
                data-testid="node-row"
                data-node={n.address}
                data-peer={n.peerId}
                data-reputation={n.reputation}
                data-active={n.active}
                data-stale={n.stale}
              >
                <td class="cid" title={n.peerId}>
                  {shortHex(n.address)}
                  {n.peerId === app.peerId() ? ' (this tab)' : ''}
                </td>
                <td>{n.backend}</td>
                <td>{formatJoy(n.stake)}</td>
                <td data-testid="node-reputation">{n.reputation} / 1000</td>
                <td>{n.capacityRps} req/s</td>
                <td>{n.region}</td>
                <td>
                  {!n.active
                    ? 'left'
                    : n.stale
                      ? `stale (${formatAgo(Date.now() - n.lastHeartbeat * 1000)})`
                      : formatAgo(Date.now() - n.lastHeartbeat * 1000)}
                </td>
                <td>
                  {(() => {
                    const ms = latencyOf(n.peerId, 'ping');
                    return ms === null ? '—' : formatMs(ms);
                  })()}
                </td>
                <td>
                  {(() => {
                    const ms = latencyOf(n.peerId, 'inference');
                    return ms === null ? '—' : formatMs(ms);
                  })()}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={nodes()?.length === 0}>
        <p class="notice">No node has registered yet.</p>
      </Show>
      <h2>Request latency</h2>
      <LatencyChart samples={app.latency.samples()} names={nameOf} />
      <Contribute onChange={() => refetch()} />
    </section>
  );
}

/** Register this tab as a light node and serve inference from its worker while it is open. */
function Contribute(props: { onChange: () => void }): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const contribution = app.contribution;
  const [backend, setBackend] = createSignal<'wasm' | 'webgpu'>('wasm');
  const [stake, setStake] = createSignal('100');
  const [region, setRegion] = createSignal('u');
  const { busy, message, setMessage, run } = createChainAction(props.onChange);

  const start = () => {
    const amount = parseJoy(stake());
    if (amount === null) return setMessage({ ok: false, text: 'The stake must be an amount of JOY, such as 100' });
    if (!isGeohashPrefix(region()))
      return setMessage({
        ok: false,
        text: 'The region must be a geohash prefix of 1 to 8 characters (0-9, b-z without i, l, o)',
      });
    void run('Registered as a light node', () =>
      contribution.start(wallets.wallet()!, { backend: backend(), stake: amount, region: region(), capacityRps: 5 }),
    );
  };

  return (
    <section class="contribute" data-testid="contribute" data-active={contribution.active() !== null}>
      <h2>Contribute</h2>
      <Show
        when={contribution.active()}
        fallback={
          <>
            <p class="hint">
              This tab registers as a light node for the models it holds, runs requests in its worker and takes part in
              tasks while it stays open. Commits and reveals are transactions from the account you choose.
            </p>
            <WalletPicker />
            <div class="row">
              <label>
                Backend{' '}
                <select
                  value={backend()}
                  onChange={(e) => setBackend(e.currentTarget.value as 'wasm' | 'webgpu')}
                  data-testid="contribute-backend"
                >
                  <option value="wasm">WASM</option>
                  <option value="webgpu">WebGPU</option>
                </select>
              </label>
              <label>
                Stake (JOY){' '}
                <input
                  value={stake()}
                  onInput={(e) => setStake(e.currentTarget.value)}
                  size={6}
                  data-testid="contribute-stake"
                />
              </label>
              <label>
                Region{' '}
                <input
                  value={region()}
                  onInput={(e) => setRegion(e.currentTarget.value)}
                  size={8}
                  data-testid="contribute-region"
                />
              </label>
              <button
                type="button"
                disabled={busy() || !wallets.wallet()}
                onClick={start}
                data-testid="contribute-start"
              >
                {busy() ? 'Registering…' : 'Contribute'}
              </button>
            </div>
          </>
        }
      >
        {(a) => (
          <div class="row">
            <p class="status" data-testid="contribute-status">
              Contributing as {a().account} on {a().backend === 'webgpu' ? 'WebGPU' : 'WASM'}.
            </p>
            <button type="button" onClick={() => void contribution.stop()} data-testid="contribute-stop">
              Stop
            </button>
          </div>
        )}
      </Show>
      <ActionMessage message={message()} testId="contribute-message" />
      <ol class="task-events" data-testid="contribute-events">
        <For each={contribution.events().slice().reverse()}>
          {({ at, event }) => (
            <li data-type={event.type}>
              {new Date(at).toLocaleTimeString()} {describeContributionEvent(event)}
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
