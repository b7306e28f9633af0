// Settles a task once every node revealed or its reveal window closed: anyone may, so a requester
// whose nodes went silent gets the majority paid or the escrow back without waiting on them.
import type { Address, Hash, PublicClient } from 'viem';
import { proofOfInferenceAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';

export async function settleTask(
  client: PublicClient,
  wallet: ConnectedWallet,
  proofOfInference: Address,
  taskId: bigint,
): Promise<Hash> {
  return (
    await writeAndWait(client, wallet, {
      address: proofOfInference,
      abi: proofOfInferenceAbi,
      functionName: 'settle',
      args: [taskId],
    })
  ).hash;
}
