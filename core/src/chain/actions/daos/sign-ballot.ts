// A member's vote as a signed EIP-712 Ballot (OpenZeppelin Governor's castVoteBySig): signed in
// the wallet, no gas; anyone may send it (a relay's /permanet/ballot/1.0.0 does), and the governor
// counts it once, for the signer, with the signer's nonce.
import type { Address, PublicClient } from 'viem';
import { tldGovernorAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { ballotTypedData, type Ballot, type BallotDomain } from '../../../protocols/ballot/codec.ts';
import type { Support } from './cast-vote.ts';

/** The governor's EIP-712 domain: read once per governor by whoever checks many ballots. */
export async function readBallotDomain(client: PublicClient, governor: Address): Promise<BallotDomain> {
  const contract = { address: governor, abi: tldGovernorAbi } as const;
  const [name, version, chainId] = await Promise.all([
    client.readContract({ ...contract, functionName: 'name' }),
    client.readContract({ ...contract, functionName: 'version' }),
    client.getChainId(),
  ]);
  return { name, version, chainId };
}

export async function signBallot(
  client: PublicClient,
  wallet: ConnectedWallet,
  governor: Address,
  proposalId: bigint,
  support: Support,
): Promise<Ballot> {
  const voter = wallet.account.address;
  const [domain, nonce] = await Promise.all([
    readBallotDomain(client, governor),
    client.readContract({ address: governor, abi: tldGovernorAbi, functionName: 'nonces', args: [voter] }),
  ]);
  const unsigned = { governor, proposalId, support, voter };
  const signature = await wallet.signTypedData({
    account: wallet.account,
    ...ballotTypedData(domain, unsigned, nonce),
  });
  return { ...unsigned, signature };
}
