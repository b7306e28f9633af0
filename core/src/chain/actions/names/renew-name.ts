// Renewing a registered name, by anyone: `fee` JOY (the TLD's quote for the years) paid and the
// expiry moved in one ERC-1363 transferAndCall to the registry.
import type { Address, Hash, Hex, PublicClient } from 'viem';
import { joyTokenAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';
import { renewalData } from './payment-data.ts';

export async function renewName(
  client: PublicClient,
  wallet: ConnectedWallet,
  contracts: { joy: Address; names: Address },
  node: Hex,
  yearCount: number,
  fee: bigint,
): Promise<Hash> {
  const { hash } = await writeAndWait(
    client,
    wallet,
    {
      address: contracts.joy,
      abi: joyTokenAbi,
      functionName: 'transferAndCall',
      args: [contracts.names, fee, renewalData(node, yearCount)],
    },
    { pending: true },
  );
  return hash;
}
