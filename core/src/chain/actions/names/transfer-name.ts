// Handing a name to another account (ERC-721 safeTransferFrom): its records stay, its model link
// is dropped, as the adapter drops every link on a change of hands.
import type { Address, Hash, Hex, PublicClient } from 'viem';
import { permaNetDomainRegistryAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';

export async function transferName(
  client: PublicClient,
  wallet: ConnectedWallet,
  names: Address,
  node: Hex,
  to: Address,
): Promise<Hash> {
  const { hash } = await writeAndWait(client, wallet, {
    address: names,
    abi: permaNetDomainRegistryAbi,
    functionName: 'safeTransferFrom',
    args: [wallet.account.address, to, BigInt(node)],
  });
  return hash;
}
