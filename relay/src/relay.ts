// Wires the relay's services from one validated config: identity, libp2p, Helia with its pins,
// the pin, inference and prove services (when a chain is configured), the provider records of browser
// tabs, and the loopback HTTP server. `stop()` closes them in reverse order.
import type { AddressInfo } from 'node:net';
import type { RelayConfig } from './config/relay-config.ts';
import type { Logger } from './log.ts';
import { loadOrCreatePeerKey } from './p2p/peer-key.ts';
import { relayLibp2pOptions } from './p2p/create-libp2p.ts';
import { createRelayHelia } from './storage/create-helia.ts';
import { pinFile, type PinnedFile } from './storage/pin-files.ts';
import { startHttpServer } from './http/http-server.ts';
import { marketplaceReader } from './chain/marketplace-reader.ts';
import { startPinService } from './pinning/pin-service.ts';
import { startProviderRecords } from './routing/provider-records.ts';
import { startInferenceService } from './inference/inference-service.ts';
import { onnxRuntimeBackend } from './inference/execution-backend.ts';
import { deleteDag } from '@permanet/core/storage/delete-dag';
import { CID } from 'multiformats/cid';
import { startTaskRunner, type TaskRunner } from './compute/task-runner.ts';
import { startProveService } from './proving/prove-service.ts';
import { snarkjsProver } from './proving/snarkjs-prover.ts';

export interface RelayStatus {
  peerId: string;
  multiaddrs: string[];
  http: string;
  pins: { name: string; cid: string; bytes: number }[];
  connections: number;
  /** Peers (browser tabs) that announced the models they hold. */
  providerPeers: number;
  /** The inference service: its backend, requests served and refused, ready sessions. */
  inference: { backend: string; served: number; refused: number; sessions: string[] } | null;
  /** The prove service: its backend, proofs made and refused, proofs waiting. */
  proving: { backend: string; proved: number; refused: number; waiting: number } | null;
}

export async function createRelay(config: RelayConfig, log: Logger) {
  const privateKey = await loadOrCreatePeerKey(config.dataDir);
  const { helia, blockstore } = await createRelayHelia(config.dataDir, relayLibp2pOptions(config, privateKey));
  const { libp2p } = helia;
  libp2p.addEventListener('peer:connect', (event) => log.debug('peer.connect', { peer: event.detail.toString() }));
  libp2p.addEventListener('peer:disconnect', (event) =>
    log.debug('peer.disconnect', { peer: event.detail.toString() }),
  );

  let pins: PinnedFile[] = [];
  for (const path of config.pinFiles) {
    const pinned = await pinFile(helia, path);
    pins.push(pinned);
    log.info('pin.added', { name: pinned.name, cid: pinned.cid.toString(), bytes: pinned.bytes });
  }

  let inference: Awaited<ReturnType<typeof startInferenceService>> | null = null;
  let tasks: TaskRunner | null = null;
  let proving: Awaited<ReturnType<typeof startProveService>> | null = null;
  if (config.deployments !== null) {
    const chain = await marketplaceReader(config.deployments);
    await startPinService({ helia, blockstore, libp2p, chain, ...config.pinService, log });
    if (config.inference.enabled) {
      const backend = onnxRuntimeBackend((message) => log.warn('inference.backend', { message }));
      if (config.compute.enabled) {
        tasks = await startTaskRunner({
          ...config.compute,
          deployments: chain.deployments,
          accountKeyFile: config.compute.accountKeyFile!,
          dataDir: config.dataDir,
          peerId: libp2p.peerId.toString(),
          backend: backend.name,
          // The listed models whose weights this relay holds.
          heldModels: async () => {
            const held = [];
            for (const model of await chain.mostUsed(Number.MAX_SAFE_INTEGER))
              if (await blockstore.has(CID.parse(model.weightsCid))) held.push(model.id);
            return held;
          },
          // The inference service starts next; a selection before then has nothing to warm.
          onSelected: (cid) => inference?.warm(cid),
          log,
        });
        log.info('compute.ready', { account: tasks.account });
      }
      inference = await startInferenceService({
        libp2p,
        privateKey,
        helia,
        blockstore,
        chain,
        backend,
        ...config.inference,
        tasks: tasks ?? undefined,
        log,
      });
    }
    if (config.proving.enabled)
      proving = await startProveService({
        libp2p,
        helia,
        blockstore,
        chain,
        backend: snarkjsProver(),
        ...config.proving,
        log,
      });
  } else {
    log.info('pin.service_disabled', { reason: 'no chain deployments configured' });
  }

  const providers = await startProviderRecords(libp2p, log);

  /** Unpins and deletes a DAG (from the store itself: Helia's delete wants content routing). */
  const drop = async (cid: CID): Promise<number> => {
    if (await helia.pins.isPinned(cid)) {
      for await (const _ of helia.pins.rm(cid)) {
        // drain: pins.rm yields each block as it is unpinned
      }
    }
    pins = pins.filter((p) => !p.cid.equals(cid));
    return deleteDag(blockstore, cid);
  };

  let httpUrl = '';
  const status = (): RelayStatus => ({
    peerId: libp2p.peerId.toString(),
    multiaddrs: libp2p.getMultiaddrs().map(String),
    http: httpUrl,
    pins: pins.map((p) => ({ name: p.name, cid: p.cid.toString(), bytes: p.bytes })),
    connections: libp2p.getConnections().length,
    providerPeers: providers.size,
    inference: inference?.stats() ?? null,
    proving: proving?.stats() ?? null,
  });
  const server = await startHttpServer(
    helia,
    { status, drop, providers: (cid) => providers.find(cid.toString(), '') },
    config.http.host,
    config.http.port,
    log,
  );
  const address = server.address() as AddressInfo;
  httpUrl = `http://${config.http.host}:${address.port}`;

  return {
    helia,
    status,
    async stop() {
      tasks?.stop();
      await proving?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await helia.stop();
    },
  };
}

export type Relay = Awaited<ReturnType<typeof createRelay>>;
