// A relay under requests built to stall it, on real processes and a real chain. Anyone may
// register a model and its prover: here a 326-byte ONNX model whose Loop runs 10^15 times, and a
// prover whose circuit is a 32-byte wasm whose start function never returns. Each request is
// answered "over-limit" within its limit while /health and libp2p ping keep answering within 1 s
// and the digit model is still served and proved; the looping model is then refused at once.
// Then the load of scripts/lib/relay-load.ts all at once (300 fresh peer ids dialling, announcing
// and asking for reservations, pins past the quota, rounds of 256 requests of 1 MiB on one
// connection) within the memory budget the README states, while an honest peer is served.
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p, type Libp2p } from 'libp2p';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopingGraphToOnnx } from '../../models/onnx-graph.ts';
import { peerOf, startChainAndRelay, type ChainAndRelay } from '../../scripts/lib/chain-and-relay.ts';
import { LOAD_LIMITS, LOAD_LISTEN, LOAD_MEMORY_BUDGET, LOAD_YAML, loadRelay } from '../../scripts/lib/relay-load.ts';
import { demoFilesToPin, publishDemoModels } from '../../scripts/lib/publish-demo-models.ts';
import { digitFeeds, digitsModel, fileCid } from '../../scripts/lib/reference.ts';
import { modelMarketplaceAbi } from '@permanet/core/chain/abi/generated';
import { modelIdByName } from '@permanet/core/chain/actions/marketplace/model-id-by-name';
import { registerModel } from '@permanet/core/chain/actions/marketplace/register-model';
import { writeAndWait } from '@permanet/core/chain/actions/write-and-wait';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { InferenceRefusedError, requestInference } from '@permanet/core/protocols/inference';
import { ProofRefusedError, requestProof } from '@permanet/core/protocols/prove';
import { cidOfBytes } from '@permanet/core/storage/cid-of-bytes';
import { browserLibp2pOptions } from '@permanet/core/p2p/browser-libp2p';

const dir = mkdtempSync(join(tmpdir(), 'relay-limits-'));
const loopingModel = join(dir, 'looping.onnx');
writeFileSync(loopingModel, loopingGraphToOnnx(10n ** 15n));
// (module (func loop br 0 end) (start 0)): instantiating it never returns.
const loopingCircuit = join(dir, 'looping.wasm');
writeFileSync(
  loopingCircuit,
  new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x08,
    0x01, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b,
  ]),
);
const RUN_LIMIT_MS = 3000;
const PROVE_LIMIT_MS = 4000;

let network: ChainAndRelay;
let peer: Libp2p;
/** A peer of its own for pings, on one connection throughout. */
const startPinger = () =>
  createLibp2p({ ...browserLibp2pOptions(network.relay.multiaddrs), addresses: { listen: [] } });
let pinger: Awaited<ReturnType<typeof startPinger>>;
let loopingId: bigint;
let digitsId: bigint;
const cidOf = async (path: string) => (await cidOfBytes(readFileSync(path))).toString();

/** Asks /health and pings over libp2p every 400 ms until stopped; returns the slowest of each. */
function watchLiveness() {
  let stopped = false;
  const slowest = { health: 0, ping: 0, answers: 0 };
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      const response = await fetch(`${network.relay.http}/health`, { signal: AbortSignal.timeout(5000) });
      slowest.health = Math.max(slowest.health, performance.now() - started);
      if (response.ok) slowest.answers++;
      const rtt = await pinger.services.ping.ping(multiaddr(network.relay.multiaddrs[0]), {
        signal: AbortSignal.timeout(5000),
      });
      slowest.ping = Math.max(slowest.ping, rtt);
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return slowest;
  };
}

beforeAll(async () => {
  const cardsDir = join(dir, 'cards');
  network = await startChainAndRelay({
    yaml:
      `inference: { preload: 0, run_timeout_ms: ${RUN_LIMIT_MS} }\n` +
      `proving: { timeout_ms: ${PROVE_LIMIT_MS}, proofs_per_minute: 60, burst: 10 }\n${LOAD_YAML}`,
    listen: LOAD_LISTEN,
    pins: [...demoFilesToPin(cardsDir), loopingModel, loopingCircuit],
    beforeRelay: async (deployments) => {
      await publishDemoModels(deployments, cardsDir);
      const transport = http(deployments.rpcUrl);
      const client = createPublicClient({ transport }) as PublicClient;
      const attacker = createWalletClient({ account: devAccount(4), transport, chain: undefined });
      const marketplace = deployments.contracts.ModelMarketplace.address;
      const weightsCid = await cidOf(loopingModel);
      ({ id: loopingId } = await registerModel(client, attacker, marketplace, {
        name: 'looper',
        task: 'tensor',
        licence: 'MIT',
        weightsCid,
        cardCid: weightsCid,
        spec: {
          presentation: 'tensor',
          inputs: [{ name: 'x', type: 'float32', shape: [1] }],
          outputs: [{ name: 'y', type: 'float32', shape: [1] }],
        },
        sizeBytes: statSync(loopingModel).size,
      }));
      // Its prover: the digit model's verifier and proving key, with a circuit that never returns.
      digitsId = (await modelIdByName(client, marketplace, digitsModel.name))!;
      const digitsProver = await client.readContract({
        address: marketplace,
        abi: modelMarketplaceAbi,
        functionName: 'getProver',
        args: [digitsId, 0],
      });
      await writeAndWait(client, attacker, {
        address: marketplace,
        abi: modelMarketplaceAbi,
        functionName: 'registerProver',
        args: [
          loopingId,
          0,
          {
            ...digitsProver,
            circuitCid: await cidOf(loopingCircuit),
            circuitBytes: BigInt(statSync(loopingCircuit).size),
          },
        ],
      });
    },
  });
  peer = await peerOf(network.relay);
  pinger = await startPinger();
}, 180_000);

afterAll(async () => {
  await peer?.stop();
  await pinger?.stop();
  await network?.stop();
});

const relayAddr = () => multiaddr(network.relay.multiaddrs[0]);
const loopingSpec = {
  presentation: 'tensor' as const,
  inputs: [{ name: 'x', type: 'float32' as const, shape: [1] }],
  outputs: [{ name: 'y', type: 'float32' as const, shape: [1] }],
};
const loopingInput = { x: { type: 'float32' as const, dims: [1], data: new Float32Array([0]) } };
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'served',
    (error) =>
      error instanceof InferenceRefusedError || error instanceof ProofRefusedError ? error.code : String(error),
  );

describe('a relay asked to run what never ends', () => {
  it('answers a looping model "over-limit" within its limit, alive and serving others meanwhile', async () => {
    const stop = watchLiveness();
    const started = performance.now();
    const looping = refusalOf(
      requestInference(peer, relayAddr(), await cidOf(loopingModel), loopingSpec, loopingInput, {
        signal: AbortSignal.timeout(20_000),
      }),
    );
    // An honest model is served while the looping one runs.
    const honest = await requestInference(
      peer,
      relayAddr(),
      await fileCid(digitsModel.file),
      digitsModel.spec,
      digitFeeds(0),
    );
    expect(honest.outputs.probabilities.dims).toEqual([1, 10]);
    expect(await looping).toBe('over-limit');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThan(RUN_LIMIT_MS);
    expect(elapsed).toBeLessThan(RUN_LIMIT_MS + 3000);
    const slowest = await stop();
    expect(slowest.answers).toBeGreaterThan(3);
    expect(slowest.health).toBeLessThan(1000);
    expect(slowest.ping).toBeLessThan(1000);

    // Quarantined: asked again, it is refused without running.
    const again = performance.now();
    expect(
      await refusalOf(requestInference(peer, relayAddr(), await cidOf(loopingModel), loopingSpec, loopingInput)),
    ).toBe('over-limit');
    expect(performance.now() - again).toBeLessThan(1000);
  }, 60_000);

  it('answers a looping circuit "over-limit" within its limit, then proves an honest digit', async () => {
    const stop = watchLiveness();
    const started = performance.now();
    const input = { x: Array.from({ length: 784 }, () => 0), salt: '1' };
    expect(
      await refusalOf(
        requestProof(
          peer,
          relayAddr(),
          { model: loopingId, version: 0, input },
          { signal: AbortSignal.timeout(30_000) },
        ),
      ),
    ).toBe('over-limit');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThan(PROVE_LIMIT_MS);
    expect(elapsed).toBeLessThan(PROVE_LIMIT_MS + 5000);
    const slowest = await stop();
    expect(slowest.health).toBeLessThan(1000);
    expect(slowest.ping).toBeLessThan(1000);
    // A fresh prover process makes the next proof.
    const proof = await requestProof(
      peer,
      relayAddr(),
      { model: digitsId, version: 0, input },
      { signal: AbortSignal.timeout(60_000) },
    );
    expect(proof.publicSignals.length).toBeGreaterThan(1);
  }, 90_000);
});

describe('a relay under load', () => {
  it('300 peer ids, pins past quota and 1 MiB floods stay within budget; an honest peer is served', async () => {
    const load = await loadRelay(network, devAccount(4));
    const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
    console.info(
      `load: RSS ${mib(load.before)} -> ${mib(load.peak)} MiB at most; flood ${JSON.stringify(load.flood)}; ` +
        `pins ${JSON.stringify(load.pins)}; peers ${JSON.stringify(load.peers)}; honest ${load.honest.served}/` +
        `${load.honest.asked}, slowest ${Math.round(load.honest.slowestMs)} ms`,
    );
    expect(load.peak - load.before).toBeLessThan(LOAD_MEMORY_BUDGET);
    // Each flood request is reset unread (past the connection's 64 streams), refused before it is
    // read, or read and refused as malformed: never run, never held past the address's budget.
    expect(Object.keys(load.flood).every((code) => ['malformed', 'rate-limited', 'reset'].includes(code))).toBe(true);
    expect((load.flood.malformed ?? 0) + (load.flood['rate-limited'] ?? 0)).toBeGreaterThanOrEqual(3 * 32);
    // The connections and reservations one address may hold; the rest refused.
    expect(load.peers.held).toBeLessThan(LOAD_LIMITS.connectionsPerIp);
    expect(load.peers.refused).toBeGreaterThanOrEqual(300 - LOAD_LIMITS.connectionsPerIp);
    expect(load.peers.reserved).toBeLessThanOrEqual(LOAD_LIMITS.reservationsPerIp);
    // A few pins at once, and only the publisher's quota of them.
    const pinned = (load.pins.first.ok ?? 0) + (load.pins.again.ok ?? 0);
    expect(pinned).toBe(LOAD_LIMITS.publisherMaxBytes / LOAD_LIMITS.pinFileBytes);
    expect(load.pins.first.ok).toBeLessThanOrEqual(LOAD_LIMITS.pinMaxConcurrent);
    expect(load.pins.first.busy).toBeGreaterThan(0);
    expect(load.pins.again['over-quota']).toBeGreaterThan(0);
    // Every request of the honest peer, from another address, was served throughout.
    expect(load.honest.refusals).toEqual([]);
    expect(load.honest.served).toBeGreaterThan(50);
  }, 240_000);
});
