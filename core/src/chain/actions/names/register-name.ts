// Registering a name in two transactions: the commitment, then (at least the registry's minimum
// age later) the reveal, paid in one JOY transferAndCall that also sets the records and links the
// model. The caller keeps the Registration (with its secret) between the two, so a reload resumes.
import { keccak256, namehash, toHex, zeroAddress, type Address, type Hash, type Hex, type PublicClient } from 'viem';
import { permaNetDomainRegistryAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';
import { payRegistry } from './pay-registry.ts';
import { registrationData, type Registration } from './payment-data.ts';

export interface NameRecordsInput {
  /** The address record (coin type 60), or none. */
  address?: Address;
  /** An EIP-1577 content hash. */
  contenthash?: Hex;
  /** A model of the owner's to link the name to. */
  modelId?: bigint;
  text?: Record<string, string>;
}

/** A registration of `label`.`tld` for the wallet's account, with a fresh secret. */
export function newRegistration(
  owner: Address,
  label: string,
  tld: string,
  yearCount: number,
  records: NameRecordsInput = {},
): Registration {
  const text = Object.entries(records.text ?? {}).filter(([, value]) => value !== '');
  return {
    label,
    tld: namehash(tld),
    owner,
    yearCount,
    secret: keccak256(toHex(crypto.getRandomValues(new Uint8Array(32)))),
    records: {
      coinAddress: records.address ?? zeroAddress,
      contenthash: records.contenthash ?? '0x',
      textKeys: text.map(([key]) => key),
      textValues: text.map(([, value]) => value),
      modelIdPlusOne: records.modelId === undefined ? 0n : records.modelId + 1n,
    },
  };
}

export async function commitName(
  client: PublicClient,
  wallet: ConnectedWallet,
  names: Address,
  registration: Registration,
): Promise<Hash> {
  const commitment = await client.readContract({
    address: names,
    abi: permaNetDomainRegistryAbi,
    functionName: 'makeCommitment',
    args: [registration],
  });
  const { hash } = await writeAndWait(client, wallet, {
    address: names,
    abi: permaNetDomainRegistryAbi,
    functionName: 'commit',
    args: [commitment],
  });
  return hash;
}

/** The reveal: pays exactly `fee` JOY and registers (or, under a DAO TLD, escrows) the name. */
export const revealName = (
  client: PublicClient,
  wallet: ConnectedWallet,
  contracts: { joy: Address; names: Address },
  registration: Registration,
  fee: bigint,
): Promise<Hash> => payRegistry(client, wallet, contracts, fee, registrationData(registration));
