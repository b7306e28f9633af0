// For the relay's service tests: a dev chain with the contracts deployed, and a relay process
// configured from a p2p_config.yaml as an operator would write it (pin and inference services on).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p, type Libp2p } from 'libp2p';
import { deployContracts } from '../../contracts/deploy.ts';
import { browserLibp2pOptions } from '@permanet/core/p2p/browser-libp2p';
import type { Deployments } from '@permanet/core/chain/deployments';
import type { RelayStatus } from '../../relay/src/relay-status.ts';
import { freePort } from './free-port.ts';
import { startChild, type Child } from './processes.ts';
import { chainReady, relayReady } from './ready-lines.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ChainAndRelay {
  dir: string;
  deployments: Deployments;
  relay: RelayStatus;
  /**
   * Kills the relay (SIGKILL, as a crash would) and starts it again on the same config and data dir; `relay` is then
   * the new process.
   */
  crashAndRestartRelay(): Promise<RelayStatus>;
  stop(): Promise<void>;
}

/**
 * Starts the chain, deploys, runs `beforeRelay` (to register models the relay should know at
 * start), then the relay with `yaml` added to its config and `pins` pinned.
 */
export async function startChainAndRelay(
  options: {
    yaml?: string;
    pins?: string[];
    /** The relay's listen addresses (websockets); 127.0.0.1 by default. */
    listen?: string[];
    beforeRelay?: (deployments: Deployments, dir: string) => Promise<void>;
  } = {},
): Promise<ChainAndRelay> {
  const dir = mkdtempSync(join(tmpdir(), 'chain-and-relay-'));
  const children: Child[] = [];
  const stop = () => Promise.all(children.map((c) => c.stop())).then(() => {});
  try {
    const chainPort = await freePort();
    const chain = startChild(
      'chain',
      join(root, 'node_modules', '.bin', 'hardhat'),
      ['node', '--hostname', '127.0.0.1', '--port', String(chainPort)],
      { cwd: root },
    );
    children.push(chain);
    await chain.waitForLine(chainReady);
    const deployments = await deployContracts(`http://127.0.0.1:${chainPort}`);
    writeFileSync(join(dir, 'deployments.json'), JSON.stringify(deployments));
    await options.beforeRelay?.(deployments, dir);
    const listen = (options.listen ?? ['/ip4/127.0.0.1/tcp/0/ws']).join(', ');
    writeFileSync(
      join(dir, 'p2p_config.yaml'),
      `data_dir: data\nlisten: [${listen}]\nhttp: { port: 0 }\nchain: { deployments: deployments.json }\n` +
        (options.yaml ?? ''),
    );
    const startRelay = () => {
      const relay = startChild(
        'relay',
        process.execPath,
        [
          join(root, 'relay', 'bin', 'permanet-relay.js'),
          '--config',
          join(dir, 'p2p_config.yaml'),
          ...(options.pins ?? []).flatMap((file) => ['--pin', file]),
        ],
        { cwd: dir },
      );
      children.push(relay);
      return relay;
    };
    let relay = startRelay();
    const network: ChainAndRelay = {
      dir,
      deployments,
      relay: await relay.waitForLine(relayReady),
      async crashAndRestartRelay() {
        await relay.kill();
        children.splice(children.indexOf(relay), 1);
        relay = startRelay();
        network.relay = await relay.waitForLine(relayReady);
        return network.relay;
      },
      stop,
    };
    return network;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A libp2p peer built with the browser's options (no listener), connected to `relay`. */
export async function peerOf(relay: RelayStatus): Promise<Libp2p> {
  const peer = await createLibp2p({ ...browserLibp2pOptions(relay.multiaddrs), addresses: { listen: [] } });
  await peer.dial(multiaddr(relay.multiaddrs[0]));
  return peer;
}
