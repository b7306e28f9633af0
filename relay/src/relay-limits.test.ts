// A relay under requests built to stall it, on real processes and a real chain. Anyone may
// register a model and its prover: here a 326-byte ONNX model whose Loop runs 10^15 times, and a
// prover whose circuit is a 32-byte wasm whose start function never returns. Each request is
// answered "over-limit" within its limit while /health and libp2p ping keep answering within 1 s
// and the digit model is still served and proved; the looping model is then refused at once.
// Then floods: 256 requests of 1 MiB on one connection, and 300 fresh peer ids dialling, announcing
// and asking for reservations, each within a stated memory budget while an honest peer is served.
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p, type Libp2p } from 'libp2p';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopingGraphToOnnx } from '../../models/onnx-graph.ts';
import { peerOf, startChainAndRelay, type ChainAndRelay } from '../../scripts/lib/chain-and-relay.ts';
import { FLOOD_MEMORY_BUDGET, floodInference, relayRss as rssOf } from '../../scripts/lib/inference-flood.ts';
import { demoFilesToPin, publishDemoModels } from '../../scripts/lib/publish-demo-models.ts';
import { digitFeeds, digitsModel, fileCid } from '../../scripts/lib/reference.ts';
import { modelMarketplaceAbi } from '@permanet/core/chain/abi/generated';
import { modelIdByName } from '@permanet/core/chain/actions/marketplace/model-id-by-name';
import { registerModel } from '@permanet/core/chain/actions/marketplace/register-model';
import { writeAndWait } from '@permanet/core/chain/actions/write-and-wait';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { InferenceRefusedError, requestInference } from '@permanet/core/protocols/inference';
import { ProofRefusedError, requestProof } from '@permanet/core/protocols/prove';
import { announceProviders } from '@permanet/core/protocols/providers';
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
const CONNECTIONS_PER_IP = 16;
const RESERVATIONS_PER_IP = 4;
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
      `proving: { timeout_ms: ${PROVE_LIMIT_MS}, proofs_per_minute: 60, burst: 10 }\n` +
      `connections: { per_ip: ${CONNECTIONS_PER_IP} }\nrelay: { max_reservations_per_ip: ${RESERVATIONS_PER_IP} }\n`,
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

const relayRss = () => rssOf(network.relay);

describe('a relay flooded', () => {
  it('answers 256 requests of 1 MiB on one connection, holding few at once, within its memory budget', async () => {
    const { codes, before, peak } = await floodInference(peer, network.relay, await fileCid(digitsModel.file));
    // Streams past the connection's 64 are reset unread; each of the others is answered, malformed (its
    // data is no tensor) or past a limit.
    const answered = codes.filter((c) => c !== 'reset');
    expect(answered.length).toBeGreaterThanOrEqual(32);
    expect(answered.every((c) => c === 'malformed' || c === 'rate-limited')).toBe(true);
    expect(peak - before).toBeLessThan(FLOOD_MEMORY_BUDGET);
    // An honest request is served right after.
    const honest = await requestInference(
      peer,
      relayAddr(),
      await fileCid(digitsModel.file),
      digitsModel.spec,
      digitFeeds(1),
    );
    expect(honest.outputs.probabilities.dims).toEqual([1, 10]);
    console.info(`flood: RSS ${Math.round(before / 2 ** 20)} MiB, peak ${Math.round(peak / 2 ** 20)} MiB`);
  }, 120_000);

  it("300 fresh peer ids dialling at the allowed rate hold only their address's share", async () => {
    const before = await relayRss();
    let peak = before;
    const live: Libp2p[] = [];
    let refused = 0;
    const digitsCid = await fileCid(digitsModel.file);
    try {
      for (let i = 0; i < 300; i++) {
        // libp2p's own limit: 5 new connections a second from one host.
        await new Promise((resolve) => setTimeout(resolve, 210));
        const node = await createLibp2p({
          ...browserLibp2pOptions(network.relay.multiaddrs),
          // Each asks the relay for a circuit reservation too.
          addresses: { listen: ['/p2p-circuit'] },
        });
        const connected = await node.dial(relayAddr(), { signal: AbortSignal.timeout(5000) }).then(
          () => true,
          () => false,
        );
        if (!connected) {
          refused++;
          await node.stop();
          continue;
        }
        live.push(node);
        await announceProviders(node, relayAddr(), [digitsCid]).catch(() => {});
        peak = Math.max(peak, await relayRss());
      }
      // The file's own peers hold a connection or two of the address's share.
      expect(live.length).toBeLessThanOrEqual(CONNECTIONS_PER_IP);
      expect(refused).toBeGreaterThanOrEqual(300 - CONNECTIONS_PER_IP);
      const status = await (await fetch(`${network.relay.http}/status`)).json();
      expect(status.connections).toBeLessThanOrEqual(CONNECTIONS_PER_IP + 1);
      const reserved = live.filter((node) => node.getMultiaddrs().some((a) => a.toString().includes('/p2p-circuit')));
      expect(reserved.length).toBeLessThanOrEqual(RESERVATIONS_PER_IP);
      expect(peak - before).toBeLessThan(FLOOD_MEMORY_BUDGET);
      // The honest peer, connected before them all, is still served.
      const honest = await requestInference(peer, relayAddr(), digitsCid, digitsModel.spec, digitFeeds(2));
      expect(honest.outputs.probabilities.dims).toEqual([1, 10]);
      console.info(
        `300 peer ids: ${live.length} held, ${reserved.length} reserved; RSS ${Math.round(before / 2 ** 20)} -> ` +
          `${Math.round(peak / 2 ** 20)} MiB at most`,
      );
    } finally {
      await Promise.all(live.map((node) => node.stop()));
    }
  }, 180_000);
});
