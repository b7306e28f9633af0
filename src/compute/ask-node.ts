// Asks one compute node, known by its peer id, to run a model on an input: find where it is
// reachable (a connected relay, or a tab through the relays' holder records), and keep trying
// while it cannot be reached yet (a tab's WebRTC dial can fail for a passing reason). A refusal,
// a wrong answer or a malformed peer id is final.
import type { Libp2p } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import type { ModelSpec } from '@permanet/core/inference/model-spec';
import type { Feeds } from '@permanet/core/inference/tensors';
import { locatePeer, PeerNotFoundError } from '../p2p/locate-peer.ts';
import { ProviderUnreachableError, requestInference, type NetworkInference } from '@permanet/core/protocols/inference';
import { retryWithBackoff } from '../p2p/retry-with-backoff.ts';

export interface AskNodeOptions {
  libp2p: Libp2p;
  /** The tabs the relays know to hold a CID. */
  findProviders: (cid: string) => Promise<Multiaddr[]>;
  peerId: string;
  model: { weightsCid: string; spec: ModelSpec };
  inputs: Feeds;
  /** The task that selected the node, when there is one: the node then commits its answer on-chain. */
  task?: bigint;
  signal: AbortSignal;
}

export function askNode(options: AskNodeOptions): Promise<NetworkInference> {
  const { libp2p, model, signal } = options;
  const attempt = async () => {
    const target = await locatePeer(libp2p, options.peerId, () => options.findProviders(model.weightsCid));
    return requestInference(libp2p, target, model.weightsCid, model.spec, options.inputs, {
      task: options.task,
      signal,
    });
  };
  return retryWithBackoff(attempt, signal, {
    retryable: (error) => error instanceof PeerNotFoundError || error instanceof ProviderUnreachableError,
  });
}
