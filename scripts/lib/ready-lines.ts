// The lines the stack's children print when they are ready: what every starter of a chain or a
// relay (npm start, the tests, the benchmark) waits for.
import type { RelayStatus } from '../../relay/src/relay-status.ts';

/** Hardhat's node, once its JSON-RPC server listens. */
export const chainReady = (line: string): true | undefined => (line.includes('JSON-RPC server at') ? true : undefined);

/** permanet-relay's structured `relay.ready` log line, with its status. */
export function relayReady(line: string): RelayStatus | undefined {
  if (!line.startsWith('{')) return undefined;
  const entry = JSON.parse(line);
  return entry.event === 'relay.ready' ? (entry as RelayStatus) : undefined;
}
