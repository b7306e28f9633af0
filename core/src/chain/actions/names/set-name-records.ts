// Changing a name's records in one transaction: the registry's multicall of setAddr,
// setContenthash and setText, each only for what changes. An empty value clears a record.
import { encodeFunctionData, type Address, type Hash, type Hex, type PublicClient } from 'viem';
import { permaNetDomainRegistryAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { ipfsContenthash } from '../../../names/contenthash.ts';
import { PermaNetError } from '../../../errors/permanet-error.ts';
import { writeAndWait } from '../write-and-wait.ts';

/** SLIP-44's coin type of Ethereum, the address record's. */
const ETH_COIN_TYPE = 60n;

export interface RecordChanges {
  /** The address record; null clears it. */
  address?: Address | null;
  /** An IPFS CID for the content hash; null clears it. */
  contentCid?: string | null;
  /** Text records to set; an empty value clears one. */
  text?: Record<string, string>;
}

/** The registry calls that make `changes` to `node`, encoded for its multicall. */
export function recordCalls(node: Hex, changes: RecordChanges): Hex[] {
  const abi = permaNetDomainRegistryAbi;
  const calls: Hex[] = [];
  // Cleared as EIP-2304 clears it, to no bytes (not to the zero address).
  if (changes.address !== undefined)
    calls.push(
      changes.address === null
        ? encodeFunctionData({ abi, functionName: 'setAddr', args: [node, ETH_COIN_TYPE, '0x'] })
        : encodeFunctionData({ abi, functionName: 'setAddr', args: [node, changes.address] }),
    );
  if (changes.contentCid !== undefined) {
    const hash = changes.contentCid === null ? '0x' : ipfsContenthash(changes.contentCid);
    calls.push(encodeFunctionData({ abi, functionName: 'setContenthash', args: [node, hash] }));
  }
  for (const [key, value] of Object.entries(changes.text ?? {}))
    calls.push(encodeFunctionData({ abi, functionName: 'setText', args: [node, key, value] }));
  return calls;
}

export async function setNameRecords(
  client: PublicClient,
  wallet: ConnectedWallet,
  names: Address,
  node: Hex,
  changes: RecordChanges,
): Promise<Hash> {
  const calls = recordCalls(node, changes);
  if (calls.length === 0) throw new PermaNetError('nothing to change');
  const { hash } = await writeAndWait(client, wallet, {
    address: names,
    abi: permaNetDomainRegistryAbi,
    functionName: 'multicall',
    args: [calls],
  });
  return hash;
}
