// What the app needs to know at run time, served as /config.json by whoever serves the app:
// the chain and its contracts (the deployments file) and the relays to dial.
import { parseDeployments, type Deployments } from '@permanet/core/chain/deployments';
import { FieldReader } from '@permanet/core/config/fields';

export interface AppConfig {
  deployments: Deployments;
  /** Relay multiaddrs (with /p2p/ peer ids) that the browser dials for bitswap. */
  relays: string[];
  /** A relay's plain HTTP endpoint, used only by the fetch benchmark. */
  relayHttp: string | null;
  /** How long a model fetch waits for peers before it gives up with a message. */
  fetchTimeoutMs: number;
  /** STUN/TURN URLs for WebRTC between tabs; empty on a local network. */
  iceServers: string[];
}

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

export function parseAppConfig(document: unknown, source = '/config.json'): AppConfig {
  const read = new FieldReader(source);
  const top = read.object(document, '(top level)');
  const relays = read.stringArray(top.relays, 'relays');
  relays.forEach((address, i) => {
    if (!address.includes('/p2p/')) read.fail(`relays[${i}]`, 'must end in /p2p/<peer id>');
  });
  const relayHttp = top.relayHttp == null ? null : read.string(top.relayHttp, 'relayHttp');
  const fetchTimeoutMs = read.integer(
    top.fetchTimeoutMs,
    'fetchTimeoutMs',
    { min: 1000, max: 600_000 },
    DEFAULT_FETCH_TIMEOUT_MS,
  );
  const iceServers = read.stringArray(top.iceServers, 'iceServers');
  iceServers.forEach((url, i) => {
    if (!/^(stun|stuns|turn|turns):/.test(url)) read.fail(`iceServers[${i}]`, 'must be a stun: or turn: URL');
  });
  read.done();
  return {
    deployments: parseDeployments(top.deployments, `${source} deployments`),
    relays,
    relayHttp,
    fetchTimeoutMs,
    iceServers,
  };
}
