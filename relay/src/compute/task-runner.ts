// The relay as a compute node: the shared task participant (core/src/compute/task-participant.ts)
// with the operator's chain account from a key file, its commit secrets in the data dir (so a
// restarted relay still reveals what it committed to) and its events in the structured log.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Deployments } from '@permanet/core/chain/deployments';
import type { ConnectedWallet } from '@permanet/core/chain/dev-wallet';
import { documentCommitSecrets } from '@permanet/core/compute/commit-secrets';
import {
  joinComputeNetwork,
  type NodeProfile,
  type TaskEvent,
  type TaskParticipant,
  type TaskParticipantOptions,
} from '@permanet/core/compute/task-participant';
import type { Logger } from '../log.ts';
import type { RelayService } from '../service.ts';
import type { ComputeSettings } from './compute-settings.ts';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

export interface TaskRunnerOptions
  extends Omit<ComputeSettings, 'enabled' | 'accountKeyFile'>,
    Pick<NodeProfile, 'peerId' | 'backend'>,
    Pick<TaskParticipantOptions, 'onSelected'> {
  deployments: Deployments;
  accountKeyFile: string;
  dataDir: string;
  heldModels: () => Promise<bigint[]>;
  log: Logger;
}

/** The commit secrets file: written whole to a temporary name, then renamed, so a crash leaves the old or the new. */
function fileCommitSecrets(path: string) {
  return documentCommitSecrets(
    () =>
      readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) =>
        error.code === 'ENOENT' ? null : Promise.reject(error),
      ),
    async (text) => {
      await writeFile(`${path}.tmp`, text, { mode: 0o600 });
      await rename(`${path}.tmp`, path);
    },
  );
}

function logEvent(log: Logger, event: TaskEvent) {
  if (event.type === 'failed')
    log.warn(`compute.${event.what}_failed`, { task: event.task?.toString(), error: event.error });
  else if (event.type === 'registered')
    log.info('compute.registered', { account: event.account, models: event.models });
  else if (event.type === 'models') log.info('compute.models_changed', { added: event.added, removed: event.removed });
  else if (event.type === 'selected')
    log.info('compute.selected', { task: event.task.toString(), cid: event.weightsCid });
  else log.info(`compute.${event.type}`, { task: event.task.toString(), tx: event.hash });
}

/** Joins the compute network on start (registers, heartbeats, answers its tasks); leaves on stop. */
export function taskRunnerService(
  options: TaskRunnerOptions,
): RelayService & Pick<TaskParticipant, 'check' | 'commit'> {
  let participant: TaskParticipant | null = null;
  const joined = () => {
    if (participant === null) throw new PermaNetError('the compute node has not joined the network yet');
    return participant;
  };
  return {
    name: 'compute',
    async start() {
      const account = privateKeyToAccount((await readFile(options.accountKeyFile, 'utf8')).trim() as `0x${string}`);
      const transport = http(options.deployments.rpcUrl, { timeout: 10_000 });
      participant = await joinComputeNetwork({
        ...options,
        client: createPublicClient({ transport }) as PublicClient,
        wallet: createWalletClient({ account, transport, chain: undefined }) as ConnectedWallet,
        secrets: fileCommitSecrets(join(options.dataDir, 'commit-secrets.json')),
        onEvent: (event) => logEvent(options.log, event),
      });
      options.log.info('compute.ready', { account: participant.account });
    },
    async stop() {
      participant?.stop();
    },
    check: (...args) => joined().check(...args),
    commit: (...args) => joined().commit(...args),
  };
}
