// The operator's side of a relay's HTTP admin routes, for the tests and the benchmark: the token is
// read from the relay's data directory, as an operator's script would.
import { readFile } from 'node:fs/promises';
import type { RelayStatus } from '../../relay/src/relay-status.ts';

/** DELETE /ipfs/<cid> with the relay's admin token: the relay drops its copy. */
export async function dropFromRelay(relay: RelayStatus, cid: string): Promise<Response> {
  const token = (await readFile(relay.adminTokenFile, 'utf8')).trim();
  return fetch(`${relay.http}/ipfs/${cid}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
}
