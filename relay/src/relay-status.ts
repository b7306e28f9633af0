// What GET /status answers and /metrics counts.
import type { InferenceStats } from './inference/inference-service.ts';
import type { ProveStats } from './proving/prove-service.ts';
import type { BallotStats } from './governance/ballot-relayer.ts';

export interface RelayStatus {
  peerId: string;
  multiaddrs: string[];
  http: string;
  /** The file holding the token the HTTP port's admin routes want (Authorization: Bearer). */
  adminTokenFile: string;
  pins: { name: string; cid: string; bytes: number }[];
  connections: number;
  /** Peers (browser tabs) that announced the models they hold. */
  providerPeers: number;
  /** The inference service: its backend, requests served and refused, ready sessions. */
  inference: InferenceStats | null;
  /** The prove service: its backend, proofs made and refused, proofs waiting. */
  proving: ProveStats | null;
  /** The resolver's plain DNS port (UDP), or null when it does not run; DNS over HTTPS is at /dns-query. */
  dnsUdpPort: number | null;
  /** The ballot relayer: its account, ballots cast and refused, ballots waiting; null when it does not run. */
  ballots: BallotStats | null;
}
