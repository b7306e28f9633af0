// The registrations under a DAO's TLD that wait for its decision: RegistrationPending events whose
// escrow is still held, each with the Registration itself, read back from the transaction that
// revealed it (a JOY transferAndCall, or the registry's register, alone or in its multicall),
// since approving it needs it whole. It is null when that transaction cannot be decoded (sent
// through another contract): the registrant can still give it, and rejecting needs only the node.
import {
  decodeAbiParameters,
  decodeFunctionData,
  encodeAbiParameters,
  getAbiItem,
  keccak256,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
  zeroAddress,
} from 'viem';
import { joyTokenAbi, permaNetDomainRegistryAbi } from '../../abi/generated.ts';
import type { Registration } from '../names/payment-data.ts';

export interface PendingRegistration {
  name: string;
  node: Hex;
  owner: Address;
  fee: bigint;
  decideBy: Date;
  registration: Registration | null;
}

const registerInputs = getAbiItem({ abi: permaNetDomainRegistryAbi, name: 'register' }).inputs;

/** The Registration a reveal's input carries: register, a JOY transferAndCall, or either inside
 * the registry's multicall. */
function revealed(input: Hex): Registration | null {
  try {
    const call = decodeFunctionData({ abi: [...joyTokenAbi, ...permaNetDomainRegistryAbi], data: input });
    if (call.functionName === 'register') return call.args[0] as Registration;
    if (call.functionName === 'transferAndCall' && call.args.length === 3)
      return decodeAbiParameters(registerInputs, call.args[2] as Hex)[0];
    if (call.functionName === 'multicall')
      for (const inner of call.args[0] as Hex[]) {
        const found = revealed(inner);
        if (found) return found;
      }
  } catch {
    // not a call this code knows
  }
  return null;
}

export async function listPendingRegistrations(
  client: PublicClient,
  names: Address,
  tld: { label: string; node: Hex },
  fromBlock = 0n,
): Promise<PendingRegistration[]> {
  const registry = { address: names, abi: permaNetDomainRegistryAbi } as const;
  const events = await client.getContractEvents({
    ...registry,
    eventName: 'RegistrationPending',
    args: { tld: tld.node },
    fromBlock,
  });
  // The latest reveal of each name: a rejected or expired one may be made again.
  const latest = new Map<Hex, { label: string; hash: Hash }>();
  for (const e of events) latest.set(e.args.node!, { label: e.args.label!, hash: e.transactionHash });
  const pending = await Promise.all(
    [...latest].map(async ([node, { label, hash }]) => {
      const escrow = await client.readContract({ ...registry, functionName: 'pendingOf', args: [node] });
      if (escrow.owner === zeroAddress) return null;
      const registration = revealed((await client.getTransaction({ hash })).input);
      const matches =
        registration !== null && keccak256(encodeAbiParameters(registerInputs, [registration])) === escrow.registration;
      return {
        name: `${label}.${tld.label}`,
        node,
        owner: escrow.owner,
        fee: escrow.fee,
        decideBy: new Date(Number(escrow.decideBy) * 1000),
        registration: matches ? registration : null,
      };
    }),
  );
  return pending.filter((p) => p !== null);
}
