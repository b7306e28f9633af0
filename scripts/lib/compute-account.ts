// A compute node's chain account on the dev chain: a dev account given JOY to stake by the
// deployer, its private key written to a file (mode 600) the way an operator keeps one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http, parseEther, toHex, type PublicClient } from 'viem';
import { joyTokenAbi } from '@permanet/core/chain/abi/generated';
import { writeAndWait } from '@permanet/core/chain/actions/write-and-wait';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import type { Deployments } from '@permanet/core/chain/deployments';

/** The JOY each compute node account receives: several times the minimum stake, for slashes. */
export const COMPUTE_NODE_JOY = parseEther('1000');

/** Funds dev account `index` with JOY and writes its key to `<dir>/node-<index>.key`; returns the path. */
export async function fundComputeAccount(deployments: Deployments, index: number, dir: string): Promise<string> {
  const transport = http(deployments.rpcUrl);
  const client = createPublicClient({ transport }) as PublicClient;
  const admin = createWalletClient({ account: devAccount(0), transport, chain: undefined });
  const account = devAccount(index);
  await writeAndWait(client, admin, {
    address: deployments.contracts.JoyToken.address,
    abi: joyTokenAbi,
    functionName: 'transfer',
    args: [account.address, COMPUTE_NODE_JOY],
  });
  return writeAccountKey(index, dir);
}

/** Writes dev account `index`'s private key to `<dir>/node-<index>.key`; returns the path. */
export function writeAccountKey(index: number, dir: string): string {
  const path = join(dir, `node-${index}.key`);
  writeFileSync(path, toHex(devAccount(index).getHdKey().privateKey!), { mode: 0o600 });
  return path;
}
