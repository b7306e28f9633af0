// A member's vote as a signed EIP-712 Ballot (OpenZeppelin Governor's castVoteBySig): signed in
// the wallet, no gas; anyone may send it (a relay's /permanet/ballot/1.0.0 does), and the governor
// counts it once, for the signer, with the signer's nonce.
import type { Address, PublicClient } from 'viem';
import { tldGovernorAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { BALLOT_TYPES, type Ballot } from '../../../protocols/ballot/codec.ts';
import type { Support } from './cast-vote.ts';

export async function signBallot(
  client: PublicClient,
  wallet: ConnectedWallet,
  governor: Address,
  proposalId: bigint,
  support: Support,
): Promise<Ballot> {
  const contract = { address: governor, abi: tldGovernorAbi } as const;
  const voter = wallet.account.address;
  const [name, version, nonce, chainId] = await Promise.all([
    client.readContract({ ...contract, functionName: 'name' }),
    client.readContract({ ...contract, functionName: 'version' }),
    client.readContract({ ...contract, functionName: 'nonces', args: [voter] }),
    client.getChainId(),
  ]);
  const signature = await wallet.signTypedData({
    account: wallet.account,
    domain: { name, version, chainId, verifyingContract: governor },
    types: BALLOT_TYPES,
    primaryType: 'Ballot',
    message: { proposalId, support, voter, nonce },
  });
  return { governor, proposalId, support, voter, signature };
}
