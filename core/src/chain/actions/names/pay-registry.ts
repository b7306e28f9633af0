// Pays the domain registry exactly `fee` JOY and has it act on `data` in one ERC-1363
// transferAndCall: a registration's reveal or a renewal (payment-data.ts encodes both), with no
// allowance. Simulated on the pending block: the registry checks the time (a commitment's age,
// an expiry's grace).
import type { Address, Hash, Hex, PublicClient } from 'viem';
import { joyTokenAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';

export async function payRegistry(
  client: PublicClient,
  wallet: ConnectedWallet,
  contracts: { joy: Address; names: Address },
  fee: bigint,
  data: Hex,
): Promise<Hash> {
  const { hash } = await writeAndWait(
    client,
    wallet,
    { address: contracts.joy, abi: joyTokenAbi, functionName: 'transferAndCall', args: [contracts.names, fee, data] },
    { pending: true },
  );
  return hash;
}
