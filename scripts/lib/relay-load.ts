// The load of the relay's limits test and of the bench's "load" measure, all at once on one relay:
// from 127.0.0.1, 300 fresh peer ids dialling at the rate libp2p allows one host (each announcing a
// model and asking for a circuit reservation), a publisher pinning files it serves past the relay's
// concurrency and its quota, and rounds of 256 inference requests of 1 MiB on one connection; from
// ::1, an honest peer asking for a digit every half second. The relay's resident memory is read
// from /metrics every 50 ms throughout.
import { withBitswap } from '@helia/bitswap';
import { withLibp2pLight } from '@helia/libp2p';
import { unixfs } from '@helia/unixfs';
import { lpStream } from '@libp2p/utils';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { MemoryBlockstore } from 'blockstore-core/memory';
import { MemoryDatastore } from 'datastore-core/memory';
import { createHeliaLight } from 'helia';
import { createLibp2p, type Libp2p } from 'libp2p';
import { toHex, type LocalAccount } from 'viem';
import { browserLibp2pOptions } from '@permanet/core/p2p/browser-libp2p';
import { INFERENCE_PROTOCOL, parseInferenceResponse, requestInference } from '@permanet/core/protocols/inference';
import { pinAuthorizationText, requestPin, type PinGrant } from '@permanet/core/protocols/pin';
import { announceProviders } from '@permanet/core/protocols/providers';
import { modelImportOptions } from '@permanet/core/storage/import-options';
import type { RelayStatus } from '../../relay/src/relay-status.ts';
import type { ChainAndRelay } from './chain-and-relay.ts';
import { digitFeeds, digitsModel, fileCid } from './reference.ts';

/** The limits the load is run against, as an operator would write them (p2p_config.yaml). */
export const LOAD_LIMITS = {
  connectionsPerIp: 16,
  reservationsPerIp: 4,
  pinMaxConcurrent: 4,
  pinFileBytes: 2 * 2 ** 20,
  /** Four of the publisher's files. */
  publisherMaxBytes: 8 * 2 ** 20,
};
export const LOAD_YAML =
  `connections: { per_ip: ${LOAD_LIMITS.connectionsPerIp} }\n` +
  `relay: { max_reservations_per_ip: ${LOAD_LIMITS.reservationsPerIp} }\n` +
  `pin: { max_concurrent: ${LOAD_LIMITS.pinMaxConcurrent}, publisher_max_bytes: ${LOAD_LIMITS.publisherMaxBytes} }\n`;
/** A relay listening on both loopback addresses: the honest peer comes from the one the load does not. */
export const LOAD_LISTEN = ['/ip4/127.0.0.1/tcp/0/ws', '/ip6/::1/tcp/0/ws'];

/** What the load may add to the relay's resident memory (README, "Security model"). */
export const LOAD_MEMORY_BUDGET = 160 * 2 ** 20;

const PEERS = 300;
const FLOOD_REQUESTS = 256;
const FILES = 12;

export interface RelayLoad {
  before: number;
  peak: number;
  /** Each flood request's answer code ("reset" for a stream the relay reset unread), counted. */
  flood: Record<string, number>;
  /** The pins asked at once, then those refused "busy" asked again: their codes, counted. */
  pins: { first: Record<string, number>; again: Record<string, number> };
  peers: { held: number; refused: number; reserved: number };
  honest: { asked: number; served: number; refusals: string[]; slowestMs: number };
}

/** The relay's resident memory, from /metrics. */
export async function relayRss(relay: RelayStatus): Promise<number> {
  const text = await (await fetch(`${relay.http}/metrics`)).text();
  return Number(/^permanet_relay_resident_memory_bytes (\d+)$/m.exec(text)?.[1]);
}

const counted = (codes: string[]) => {
  const counts: Record<string, number> = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
};
const addressOn = (relay: RelayStatus, prefix: string): Multiaddr => {
  const found = relay.multiaddrs.find((a) => a.startsWith(prefix));
  if (!found) throw new Error(`the relay does not listen on ${prefix}: ${relay.multiaddrs.join(', ')}`);
  return multiaddr(found);
};

/** `publisher` is an account that registered a model, so its signed pins count. */
export async function loadRelay(network: ChainAndRelay, publisher: LocalAccount): Promise<RelayLoad> {
  const { relay } = network;
  const ipv4 = addressOn(relay, '/ip4/127.0.0.1/');
  const ipv6 = addressOn(relay, '/ip6/::1/');
  const digitsCid = await fileCid(digitsModel.file);

  const attacker = withBitswap(
    withLibp2pLight(createHeliaLight({ blockstore: new MemoryBlockstore(), datastore: new MemoryDatastore() }), {
      ...browserLibp2pOptions(relay.multiaddrs),
      addresses: { listen: [] },
    }),
  );
  const honest = await createLibp2p({ ...browserLibp2pOptions(relay.multiaddrs), addresses: { listen: [] } });
  const sybils: Libp2p[] = [];
  try {
    await attacker.start();
    await attacker.libp2p.dial(ipv4);
    await honest.dial(ipv6);
    const files = await Promise.all(
      Array.from({ length: FILES }, async (_, f) =>
        (
          await unixfs(attacker).addBytes(
            Uint8Array.from({ length: LOAD_LIMITS.pinFileBytes }, (_, i) => (i * (f + 3) + f) % 251),
            modelImportOptions() as object,
          )
        ).toString(),
      ),
    );

    const before = await relayRss(relay);
    let peak = before;
    let loading = true;
    const watch = (async () => {
      while (loading) {
        peak = Math.max(peak, await relayRss(relay));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const honestRuns = (async () => {
      const report = { asked: 0, served: 0, refusals: [] as string[], slowestMs: 0 };
      while (loading) {
        const started = performance.now();
        report.asked++;
        try {
          await requestInference(honest, ipv6, digitsCid, digitsModel.spec, digitFeeds(report.asked % 10), {
            signal: AbortSignal.timeout(10_000),
          });
          report.served++;
        } catch (error) {
          report.refusals.push((error as Error).message);
        }
        report.slowestMs = Math.max(report.slowestMs, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return report;
    })();

    const peers = (async () => {
      const counts = { held: 0, refused: 0, reserved: 0 };
      for (let i = 0; i < PEERS; i++) {
        // libp2p's own limit: 5 new connections a second from one host.
        await new Promise((resolve) => setTimeout(resolve, 210));
        const node = await createLibp2p({
          ...browserLibp2pOptions(relay.multiaddrs),
          // Each asks the relay for a circuit reservation too.
          addresses: { listen: ['/p2p-circuit'] },
        });
        const connected = await node.dial(ipv4, { signal: AbortSignal.timeout(5000) }).then(
          () => true,
          () => false,
        );
        if (!connected) {
          counts.refused++;
          await node.stop();
          continue;
        }
        sybils.push(node);
        await announceProviders(node, ipv4, [digitsCid]).catch(() => {});
      }
      counts.held = sybils.length;
      counts.reserved = sybils.filter((node) =>
        node.getMultiaddrs().some((a) => a.toString().includes('/p2p-circuit')),
      ).length;
      return counts;
    })();

    const pins = (async () => {
      const grant: PinGrant = {
        chainId: network.deployments.chainId,
        relays: [relay.peerId],
        cids: files,
        nonce: toHex(crypto.getRandomValues(new Uint8Array(16))),
        expires: Math.floor(Date.now() / 1000) + 600,
      };
      const signature = await publisher.signMessage({ message: pinAuthorizationText(grant) });
      const pin = (cid: string) =>
        requestPin(
          attacker.libp2p,
          ipv4,
          { type: 'pin', cid, auth: { kind: 'signed', publisher: publisher.address, signature, ...grant } },
          { signal: AbortSignal.timeout(60_000) },
        ).then(
          (answer) => (answer.ok ? 'ok' : answer.code),
          () => 'failed',
        );
      const first = await Promise.all(files.map(pin));
      const again = await Promise.all(files.filter((_, i) => first[i] === 'busy').map(pin));
      return { first: counted(first), again: counted(again) };
    })();

    // A flood round every 20 s while the peers dial.
    const floods = (async () => {
      const codes: string[] = [];
      for (let round = 0; round < 3; round++) {
        codes.push(...(await floodInference(attacker.libp2p, ipv4, digitsCid)));
        await new Promise((resolve) => setTimeout(resolve, 20_000));
      }
      return counted(codes);
    })();

    const [peerCounts, pinCodes, floodCodes] = await Promise.all([peers, pins, floods]);
    loading = false;
    const [honestReport] = await Promise.all([honestRuns, watch]);
    return { before, peak, flood: floodCodes, pins: pinCodes, peers: peerCounts, honest: honestReport };
  } finally {
    await Promise.all([...sybils.map((node) => node.stop()), honest.stop(), attacker.stop()]);
  }
}

/** 256 requests of about 1 MiB (the message limit) at once on one connection; their answers' codes. */
async function floodInference(peer: Libp2p, relay: Multiaddr, cid: string): Promise<string[]> {
  // Not a tensor: a provider that reads it refuses it as malformed, having held it whole.
  const bytes = new TextEncoder().encode(
    JSON.stringify({
      type: 'infer',
      cid,
      inputs: { pixels: { type: 'float32', dims: [1, 784], data: 'A'.repeat(1024 * 1024 - 400) } },
    }),
  );
  const send = async (): Promise<string> => {
    const stream = await peer.dialProtocol(relay, INFERENCE_PROTOCOL, { maxOutboundStreams: FLOOD_REQUESTS + 1 });
    try {
      const lp = lpStream(stream, { maxDataLength: 2 * 1024 * 1024 });
      await lp.write(bytes, { signal: AbortSignal.timeout(30_000) });
      const answer = parseInferenceResponse(JSON.parse(new TextDecoder().decode((await lp.read()).subarray())));
      return answer.ok ? 'ok' : answer.code;
    } catch {
      return 'reset';
    } finally {
      await stream.close().catch(() => {});
    }
  };
  return Promise.all(Array.from({ length: FLOOD_REQUESTS }, send));
}
