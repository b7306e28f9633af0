// Renewing a registered name, by anyone: `fee` JOY (the TLD's quote for the years) paid and the
// expiry moved in one ERC-1363 transferAndCall to the registry.
import type { Address, Hash, Hex, PublicClient } from 'viem';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { payRegistry } from './pay-registry.ts';
import { renewalData } from './payment-data.ts';

export const renewName = (
  client: PublicClient,
  wallet: ConnectedWallet,
  contracts: { joy: Address; names: Address },
  node: Hex,
  yearCount: number,
  fee: bigint,
): Promise<Hash> => payRegistry(client, wallet, contracts, fee, renewalData(node, yearCount));
