// A tab as a light compute node ("Contribute"): it serves /permanet/inference/1.0.0 from its own
// worker (WASM or WebGPU) for the models it holds, registers on NodeCoordinator with its stake
// and those models, and takes part in the tasks that select it, for as long as it is open.
import type { Libp2p } from '@libp2p/interface';
import type { PublicClient } from 'viem';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import type { Deployments } from '@permanet/core/chain/deployments';
import type { ConnectedWallet } from '@permanet/core/chain/dev-wallet';
import type { ModelSpec } from '@permanet/core/inference/model-spec';
import type { Feeds } from '@permanet/core/inference/tensors';
import type { InferenceResponse } from '@permanet/core/protocols/inference';
import { MAX_INFERENCE_MESSAGE_BYTES } from '@permanet/core/protocols/inference';
import { documentCommitSecrets } from '@permanet/core/compute/commit-secrets';
import { handleInference, type EngineResult } from '@permanet/core/protocols/inference';
import { joinComputeNetwork, type TaskEvent } from '@permanet/core/compute/task-participant';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

export interface LightNodeOptions {
  libp2p: Libp2p;
  sign: (bytes: Uint8Array) => Promise<Uint8Array> | Uint8Array;
  client: PublicClient;
  wallet: ConnectedWallet;
  deployments: Deployments;
  backend: 'wasm' | 'webgpu';
  stake: bigint;
  region: string;
  capacityRps: number;
  /** The listed models this tab holds (their weights are in its store). */
  heldModels: () => ModelRecord[];
  /** Runs a held model in the tab's worker. */
  run: (cid: string, spec: ModelSpec, inputs: Feeds) => Promise<EngineResult>;
  /** Where commit secrets are kept (localStorage), so a reloaded tab still reveals. */
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  heartbeatMs?: number;
  onEvent?: (event: TaskEvent) => void;
  onAnswer?: (peer: string, answer: InferenceResponse) => void;
}

const SECRETS_KEY = 'permanet:commit-secrets';

export async function startLightNode(options: LightNodeOptions) {
  const held = () => new Map(options.heldModels().map((m) => [m.weightsCid, m]));
  if (held().size === 0)
    throw new PermaNetError(
      'This tab holds no listed model yet: open one (its weights are then kept here) and contribute again',
    );
  const key = `${SECRETS_KEY}:${options.wallet.account.address}`;
  const participant = await joinComputeNetwork({
    client: options.client,
    wallet: options.wallet,
    deployments: options.deployments,
    stake: options.stake,
    region: options.region,
    capacityRps: options.capacityRps,
    backend: options.backend,
    peerId: options.libp2p.peerId.toString(),
    heartbeatMs: options.heartbeatMs ?? 30_000,
    heldModels: async () => [...held().values()].map((m) => m.id),
    secrets: documentCommitSecrets(
      async () => options.storage.getItem(key),
      async (text) => options.storage.setItem(key, text),
    ),
    onEvent: options.onEvent,
  });
  const handler = await handleInference(options.libp2p, {
    // Only what this tab holds is served: any other CID is refused as unknown before anything runs.
    modelByWeights: async (cid) => held().get(cid) ?? null,
    run: options.run,
    sign: options.sign,
    tasks: participant,
    // A tab serves at most its declared capacity, with a short burst.
    requestsPerSecond: options.capacityRps,
    burst: options.capacityRps * 2,
    maxMessageBytes: MAX_INFERENCE_MESSAGE_BYTES,
    // A tab buffers at most 8 requests at once from one address.
    inFlightBytesPerIp: 8 * MAX_INFERENCE_MESSAGE_BYTES,
    maxInboundStreams: 32,
    onAnswer: (peer, answer) => options.onAnswer?.(peer, answer),
  });
  return {
    account: participant.account,
    async stop() {
      participant.stop();
      await handler.stop();
    },
  };
}
