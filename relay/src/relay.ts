// Wires the relay's services from one validated config: identity, libp2p and Helia, then the
// services, started in order: the files pinned at start, the provider records of browser tabs,
// the pin, compute, inference, prove, DNS and ballot services (when a chain is configured), and
// the loopback HTTP server. `stop()` stops them in reverse order, then Helia.
import { ProviderRecords } from '@permanet/core/protocols/providers';
import { deleteDag } from '@permanet/core/storage/delete-dag';
import type { Libp2p } from 'libp2p';
import { CID } from 'multiformats/cid';
import { marketplaceReader } from './chain/marketplace-reader.ts';
import { taskRunnerService } from './compute/task-runner.ts';
import type { RelayConfig } from './config/relay-config.ts';
import { httpService } from './http/http-server.ts';
import { inferenceService } from './inference/inference-service.ts';
import { sandboxedBackend } from './inference/sandboxed-backend.ts';
import type { Logger } from './log.ts';
import { relayLibp2pOptions } from './p2p/create-libp2p.ts';
import { loadOrCreateAdminToken } from './http/admin-token.ts';
import { loadOrCreatePeerKey } from './p2p/peer-key.ts';
import { pinService } from './pinning/pin-service.ts';
import { proveService } from './proving/prove-service.ts';
import { sandboxedProver } from './proving/sandboxed-prover.ts';
import type { RelayStatus } from './relay-status.ts';
import { providersService } from './routing/providers-service.ts';
import { type RelayService, startServices } from './service.ts';
import { createRelayHelia } from './storage/create-helia.ts';
import { type DnsService, dnsService } from './names/dns-service.ts';
import { ballotRelayer } from './governance/ballot-relayer.ts';
import { pinnedFilesService } from './storage/pin-files.ts';

export async function createRelay(config: RelayConfig, log: Logger) {
  const privateKey = await loadOrCreatePeerKey(config.dataDir);
  const admin = await loadOrCreateAdminToken(config.dataDir);
  let node: Libp2p | undefined;
  const { helia, blockstore } = await createRelayHelia(
    config.dataDir,
    relayLibp2pOptions(config, privateKey, () => node),
  );
  const { libp2p } = helia;
  node = libp2p;
  libp2p.addEventListener('peer:connect', (event) => log.debug('peer.connect', { peer: event.detail.toString() }));
  libp2p.addEventListener('peer:disconnect', (event) =>
    log.debug('peer.disconnect', { peer: event.detail.toString() }),
  );

  const pins = pinnedFilesService(helia, config.pin.files, log);
  const records = new ProviderRecords();
  const services: RelayService[] = [pins, providersService(libp2p, records, blockstore, log)];
  let inference: ReturnType<typeof inferenceService> | null = null;
  let proving: ReturnType<typeof proveService> | null = null;
  let dns: DnsService | null = null;
  let ballots: ReturnType<typeof ballotRelayer> | null = null;
  if (config.chain.deployments !== null) {
    const chain = await marketplaceReader(config.chain.deployments);
    services.push(pinService({ helia, blockstore, libp2p, chain, ...config.pin, log }));
    if (config.inference.enabled) {
      const backend = sandboxedBackend({
        timeoutMs: config.inference.runTimeoutMs,
        memoryBytes: config.inference.memoryMb * 2 ** 20,
      });
      const tasks = config.compute.enabled
        ? taskRunnerService({
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
          })
        : null;
      inference = inferenceService({
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
      if (tasks) services.push(tasks);
      services.push(inference);
    }
    if (config.proving.enabled) {
      proving = proveService({
        libp2p,
        helia,
        blockstore,
        chain,
        backend: sandboxedProver({
          timeoutMs: config.proving.timeoutMs,
          memoryBytes: config.proving.memoryMb * 2 ** 20,
        }),
        ...config.proving,
        log,
      });
      services.push(proving);
    }
    if (config.dns.enabled) {
      dns = dnsService(chain.client, chain.deployments, config.dns, log);
      services.push(dns);
    }
    if (config.ballots.enabled) {
      ballots = ballotRelayer({
        libp2p,
        client: chain.client,
        deployments: chain.deployments,
        ...config.ballots,
        accountKeyFile: config.ballots.accountKeyFile!,
        log,
      });
      services.push(ballots);
    }
  } else {
    log.info('pin.service_disabled', { reason: 'no chain deployments configured' });
  }

  /** Unpins a DAG and deletes its blocks that no other pin holds: Helia counts each block's pins,
   * so a chunk two files share stays while either is pinned (deleting from the store itself:
   * Helia's delete wants content routing). */
  const drop = async (cid: CID): Promise<number> => {
    const pinned = await helia.pins.get(cid).then(
      () => true,
      () => false,
    );
    if (pinned) {
      for await (const _ of helia.pins.rm(cid)) {
        // drain: pins.rm yields each block as it is unpinned
      }
    }
    pins.forget(cid);
    return deleteDag(blockstore, cid, { keep: (block) => helia.pins.isPinned(block) });
  };

  const status = (): RelayStatus => ({
    peerId: libp2p.peerId.toString(),
    multiaddrs: libp2p.getMultiaddrs().map(String),
    http: http.url(),
    adminTokenFile: admin.file,
    pins: pins.stats(),
    connections: libp2p.getConnections().length,
    providerPeers: records.size,
    inference: inference?.stats() ?? null,
    proving: proving?.stats() ?? null,
    dnsUdpPort: dns?.udpPort() ?? null,
    ballots: ballots?.stats() ?? null,
  });
  const http = httpService(
    helia,
    {
      status,
      drop,
      providers: (cid) => records.find(cid.toString(), ''),
      dns: (query, ip) => dns?.answer(query, ip) ?? null,
    },
    config.http,
    admin.token,
    log,
  );
  services.push(http);

  const stopServices = await startServices(services).catch(async (error) => {
    await helia.stop();
    throw error;
  });
  return {
    helia,
    status,
    async stop() {
      await stopServices();
      await helia.stop();
    },
  };
}

export type Relay = Awaited<ReturnType<typeof createRelay>>;
