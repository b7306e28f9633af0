// Moves the fees the registry holds for a TLD to its treasury and the platform's part to the
// platform's: anyone may, since each share can only go where the registry says.
import type { Address, Hash, Hex, PublicClient } from 'viem';
import { permaNetDomainRegistryAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';

export async function withdrawEarnings(
  client: PublicClient,
  wallet: ConnectedWallet,
  names: Address,
  tldNode: Hex,
): Promise<Hash> {
  const { hash } = await writeAndWait(client, wallet, {
    address: names,
    abi: permaNetDomainRegistryAbi,
    functionName: 'withdraw',
    args: [tldNode],
  });
  return hash;
}
