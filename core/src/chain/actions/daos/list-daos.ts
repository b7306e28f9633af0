// The TLDs a DAO governs, from PermaNetDAORegistry's DaoRegistered events, each with its TLD's
// label (from TldRegistry's TldCreated) and its governor, timelock and staked votes.
import type { Address, Hex, PublicClient } from 'viem';
import { permaNetDAORegistryAbi, tldRegistryAbi } from '../../abi/generated.ts';

export interface DaoRecord {
  tld: string;
  tldNode: Hex;
  governor: Address;
  timelock: Address;
  votes: Address;
}

export async function listDaos(
  client: PublicClient,
  contracts: { daos: Address; tlds: Address },
  fromBlock = 0n,
): Promise<DaoRecord[]> {
  const [registered, created] = await Promise.all([
    client.getContractEvents({
      address: contracts.daos,
      abi: permaNetDAORegistryAbi,
      eventName: 'DaoRegistered',
      fromBlock,
    }),
    client.getContractEvents({ address: contracts.tlds, abi: tldRegistryAbi, eventName: 'TldCreated', fromBlock }),
  ]);
  const labels = new Map(created.map((e) => [e.args.node!, e.args.label!]));
  return registered.map((e) => ({
    tld: labels.get(e.args.tld!) ?? e.args.tld!,
    tldNode: e.args.tld!,
    governor: e.args.governor!,
    timelock: e.args.timelock!,
    votes: e.args.votes!,
  }));
}
