// The compute network's benchmark rows: a Chromium page (the model page's "Run on one node"), and
// client peers built with the browser's libp2p options in Node, ask relays to run the digits
// model over /permanet/inference/1.0.0.
//   - round trip minus the provider's own compute time (network, codec, queueing), p50 and p99,
//     from the page and from a Node peer side by side
//   - throughput at 1, 8 and 32 concurrent clients, against a relay that batches and one that
//     does not (max batch 1), side by side in alternating windows
//   - one K = 3 task on the dev chain: gas of every transaction and time from request to settlement
import { multiaddr } from '@multiformats/multiaddr';
import type { Libp2p } from '@libp2p/interface';
import { createLibp2p } from 'libp2p';
import type { Page } from 'playwright-core';
import { createPublicClient, createWalletClient, http, parseEther, type Hash, type PublicClient } from 'viem';
import type { RelayStatus } from '../../relay/src/relay-status.ts';
import { modelIdByName } from '@permanet/core/chain/actions/marketplace/model-id-by-name';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import type { Deployments } from '@permanet/core/chain/deployments';
import { runOnNetwork } from '../../src/compute/run-on-network.ts';
import type { ModelSpec } from '@permanet/core/inference/model-spec';
import { browserLibp2pOptions } from '@permanet/core/p2p/browser-libp2p';
import { dialUntilConnected } from '../../src/p2p/dial-until-connected.ts';
import { requestInference } from '@permanet/core/protocols/inference';
import { percentile as percentileOf } from '../../src/stats/percentile.ts';
import { digitFeeds, digitsModel, fileCid } from './reference.ts';

const percentile = (values: number[], p: number) => percentileOf(values, p)!;

/**
 * A client peer connected to `relays`. Many clients from one host meet the relay's limit on new
 * connections per host per second (libp2p's inboundConnectionThreshold): dials are retried.
 */
async function clientOf(relays: RelayStatus[]): Promise<Libp2p> {
  const peer = await createLibp2p({
    ...browserLibp2pOptions(relays.flatMap((r) => r.multiaddrs)),
    addresses: { listen: [] },
  });
  for (const relay of relays) {
    await dialUntilConnected(peer, multiaddr(relay.multiaddrs[0]), AbortSignal.timeout(60_000), {
      firstDelayMs: 200,
      maxDelayMs: 1000,
    });
    if (peer.getConnections().length === 0) throw new Error(`could not connect to the relay ${relay.peerId}`);
  }
  return peer;
}

export interface DigitsTarget {
  cid: string;
  spec: ModelSpec;
  id: bigint;
}

export async function digitsTarget(deployments: Deployments): Promise<DigitsTarget> {
  const client = createPublicClient({ transport: http(deployments.rpcUrl) }) as PublicClient;
  const id = (await modelIdByName(client, deployments.contracts.ModelMarketplace.address, digitsModel.name))!;
  return { cid: await fileCid(digitsModel.file), spec: digitsModel.spec, id };
}

/** `runs` sequential requests: round trip minus the provider's compute time, and the compute time. */
export async function roundTripOverhead(relay: RelayStatus, target: DigitsTarget, runs: number) {
  const peer = await clientOf([relay]);
  try {
    const overhead: number[] = [];
    const compute: number[] = [];
    const roundTrip: number[] = [];
    for (let i = 0; i < runs + 10; i++) {
      const answer = await requestInference(
        peer,
        multiaddr(relay.multiaddrs[0]),
        target.cid,
        target.spec,
        digitFeeds(i),
      );
      if (i < 10) continue; // warm-up: session load, connection, JIT
      overhead.push(answer.roundTripMs - answer.computeMs);
      compute.push(answer.computeMs);
      roundTrip.push(answer.roundTripMs);
    }
    return {
      p50: percentile(overhead, 50),
      p99: percentile(overhead, 99),
      computeP50: percentile(compute, 50),
      roundTripP50: percentile(roundTrip, 50),
      roundTripP99: percentile(roundTrip, 99),
    };
  } finally {
    await peer.stop();
  }
}

/**
 * The same from a Chromium page on the digits model page, after a local run: "Run on one node" to
 * `relay`, 10 runs to warm up, then `runs` timed in the page.
 */
export async function pageRoundTripOverhead(page: Page, relay: RelayStatus, runs: number) {
  const panel = page.getByTestId('node-run');
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
  await panel.getByTestId('node-run-node').selectOption(relay.peerId);
  const measure = async (count: number) => {
    await panel.getByTestId('node-run-count').fill(String(count));
    await panel.getByTestId('node-run-start').click();
    const stats = panel.locator(`[data-testid=node-run-stats][data-runs="${count}"]`);
    const outcome = stats.or(panel.locator('[data-testid=node-run-message].error'));
    await outcome.first().waitFor({ timeout: 120_000 });
    if (!(await stats.isVisible()))
      throw new Error(
        `the page's run on ${relay.peerId} failed: ${await panel.getByTestId('node-run-message').innerText()}`,
      );
    const read = async (name: string) => Number(await stats.getAttribute(`data-${name}`));
    return {
      p50: await read('overhead-p50'),
      p99: await read('overhead-p99'),
      computeP50: await read('compute-p50'),
      roundTripP50: await read('round-trip-p50'),
      roundTripP99: await read('round-trip-p99'),
    };
  };
  await measure(10);
  return measure(runs);
}

/**
 * Requests per second that `clients` peers, each asking again as soon as answered, get from each
 * relay, side by side: `rounds` alternating windows on each relay (the first relay goes first in
 * even rounds, second in odd ones), `ms` in all per relay, so both meet the same machine noise.
 */
export async function throughput(
  relays: RelayStatus[],
  target: DigitsTarget,
  clients: number,
  ms: number,
  rounds = 6,
): Promise<{ rps: number; meanBatch: number }[]> {
  const sides = await Promise.all(
    relays.map(async (relay) => {
      const peers: Libp2p[] = [];
      for (let i = 0; i < clients; i++) peers.push(await clientOf([relay]));
      return { addr: multiaddr(relay.multiaddrs[0]), peers, done: 0, batchSum: 0 };
    }),
  );
  try {
    // Warm-up: every client connected and the model loaded before the clock starts.
    for (const side of sides)
      await Promise.all(
        side.peers.map((peer, i) => requestInference(peer, side.addr, target.cid, target.spec, digitFeeds(i))),
      );
    for (let round = 0; round < rounds; round++) {
      for (const side of round % 2 ? [...sides].reverse() : sides) {
        const end = performance.now() + ms / rounds;
        await Promise.all(
          side.peers.map(async (peer, c) => {
            for (let i = 0; performance.now() < end; i++) {
              const answer = await requestInference(peer, side.addr, target.cid, target.spec, digitFeeds(c * 1000 + i));
              side.done++;
              side.batchSum += answer.batchSize;
            }
          }),
        );
      }
    }
    return sides.map((side) => ({ rps: side.done / (ms / 1000), meanBatch: side.batchSum / side.done }));
  } finally {
    await Promise.all(sides.flatMap((side) => side.peers.map((p) => p.stop())));
  }
}

/** One K = 3 task from a requester (dev account 1): gas of each transaction, and request → settlement time. */
export async function taskGasAndSettlement(deployments: Deployments, relays: RelayStatus[], target: DigitsTarget) {
  const transport = http(deployments.rpcUrl);
  const client = createPublicClient({ transport }) as PublicClient;
  const wallet = createWalletClient({ account: devAccount(1), transport, chain: undefined });
  const peer = await clientOf(relays);
  const c = deployments.contracts;
  try {
    const started = performance.now();
    const state = await runOnNetwork({
      client,
      wallet,
      addresses: {
        joy: c.JoyToken.address,
        marketplace: c.ModelMarketplace.address,
        proofOfInference: c.ProofOfInference.address,
        coordinator: c.NodeCoordinator.address,
      },
      libp2p: peer,
      findProviders: async () => [],
      model: { id: target.id, version: 0, weightsCid: target.cid, spec: target.spec },
      inputs: digitFeeds(3),
      k: 3,
      fee: parseEther('3'),
      region: '',
      pollMs: 100,
      onUpdate: () => {},
    });
    const settlementMs = performance.now() - started;
    if (state.chain?.status !== 'settled') throw new Error(`the benchmark task ended ${state.chain?.status}`);
    const gasOf = async (hash: Hash) => (await client.getTransactionReceipt({ hash })).gasUsed;
    const byType = async (type: string) => {
      const hashes = [...new Set(state.chain!.events.filter((e) => e.type === type).map((e) => e.tx))];
      return (await Promise.all(hashes.map(gasOf))).reduce((a, b) => a + b, 0n);
    };
    const gas = {
      createTask: await gasOf(state.task!.hash),
      assign: state.assigned?.hash ? await gasOf(state.assigned.hash) : 0n,
      commits: await byType('committed'),
      reveals: await byType('revealed'),
      settle: await byType('settled'),
    };
    return { settlementMs, gas, total: gas.createTask + gas.assign + gas.commits + gas.reveals + gas.settle };
  } finally {
    await peer.stop();
  }
}
