// The relay's ballot relayer on a real relay process and the dev chain's .dao DAO: a member's
// signed ballot is cast and counted for the member, with the relay paying the gas; a ballot from
// someone with no votes, a forged or replayed signature, a contract voter, a governor the registry
// does not list, a vote already closed and a malformed message are each refused with a code, and
// none of them costs the relay a transaction.
import type { Libp2p } from '@libp2p/interface';
import { createPublicClient, createTestClient, createWalletClient, http, parseEther, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_DAO_SETTINGS, DEV_DAO_TLD } from '../../../contracts/deploy.ts';
import { listDaos, type DaoRecord } from '@permanet/core/chain/actions/daos/list-daos';
import { listPendingRegistrations } from '@permanet/core/chain/actions/daos/list-pending-registrations';
import { listProposals } from '@permanet/core/chain/actions/daos/list-proposals';
import { propose } from '@permanet/core/chain/actions/daos/propose';
import { decisionCall } from '@permanet/core/chain/actions/daos/proposal-calls';
import { signBallot } from '@permanet/core/chain/actions/daos/sign-ballot';
import { stakeInDao } from '@permanet/core/chain/actions/daos/stake-in-dao';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { BALLOT_PROTOCOL, BallotRefusedError, sendBallot } from '@permanet/core/protocols/ballot';
import { requestOnce } from '@permanet/core/stream/request-once';
import { startChainAndRelay, peerOf, type ChainAndRelay } from '../../../scripts/lib/chain-and-relay.ts';
import { writeAccountKey } from '../../../scripts/lib/compute-account.ts';
import { registerDevName } from '../../../scripts/lib/register-dev-name.ts';

const RELAYER = 11;
let network: ChainAndRelay;
let peer: Libp2p;
let client: PublicClient;
let dao: DaoRecord;
const wallet = (index: number) =>
  createWalletClient({ account: devAccount(index), transport: http(network.deployments.rpcUrl), chain: undefined });
const contracts = () => ({
  names: network.deployments.contracts.PermaNetDomainRegistry.address,
  governor: dao.governor,
});
const relayerNonce = () => client.getTransactionCount({ address: devAccount(RELAYER).address });

beforeAll(async () => {
  network = await startChainAndRelay({
    yaml: `inference: { enabled: false }\nballots: { enabled: true, account_key_file: node-${RELAYER}.key }\n`,
    beforeRelay: async (_, dir) => void writeAccountKey(RELAYER, dir),
  });
  client = createPublicClient({ transport: http(network.deployments.rpcUrl) }) as PublicClient;
  const c = network.deployments.contracts;
  [dao] = await listDaos(client, { daos: c.PermaNetDAORegistry.address, tlds: c.TldRegistry.address });
  peer = await peerOf(network.relay);
  // Accounts 1 and 3 stake 100 JOY each in the DAO; account 2 asks for a name under .dao; account 1 proposes
  // to approve it, and the voting delay passes.
  for (const member of [1, 3])
    await stakeInDao(client, wallet(member), { joy: c.JoyToken.address, votes: dao.votes }, parseEther('100'));
  await registerDevName(network.deployments, 2, 'wanted', {}, DEV_DAO_TLD.label);
}, 120_000);

afterAll(async () => {
  await peer?.stop();
  await network?.stop();
});

describe('the ballot relayer', () => {
  it('casts a member’s signed ballot, once, and refuses every ballot that would not count', async () => {
    expect(dao.tld).toBe('dao');
    const [pending] = await listPendingRegistrations(client, contracts().names, { label: 'dao', node: dao.tldNode });
    expect(pending.name).toBe('wanted.dao');
    expect(pending.registration?.label).toBe('wanted');
    const id = await propose(client, wallet(1), dao.governor, [decisionCall(contracts().names, pending, true)]);
    const relay = peer.getConnections()[0].remotePeer;
    const before = await relayerNonce();
    const test = createTestClient({ mode: 'hardhat', transport: http(network.deployments.rpcUrl) });
    await test.increaseTime({ seconds: DEV_DAO_SETTINGS.votingDelay + 1 });
    await test.mine({ blocks: 1 });

    const outsider = await signBallot(client, wallet(4), dao.governor, id, 0);
    await expect(sendBallot(peer, relay, outsider)).rejects.toMatchObject({ code: 'no-votes' });
    // Account 4 signs a ballot that claims to be account 1's.
    const forged = { ...(await signBallot(client, wallet(4), dao.governor, id, 0)), voter: devAccount(1).address };
    await expect(sendBallot(peer, relay, forged)).rejects.toThrow('the ballot is not signed by');
    const asContract = { ...forged, voter: network.deployments.contracts.JoyToken.address };
    await expect(sendBallot(peer, relay, asContract)).rejects.toThrow('the relay casts ballots of plain accounts only');
    const elsewhere = { ...forged, governor: network.deployments.contracts.JoyToken.address };
    await expect(sendBallot(peer, relay, elsewhere)).rejects.toMatchObject({ code: 'not-a-dao' });
    const malformed = await requestOnce(peer, relay, BALLOT_PROTOCOL, { type: 'ballot', support: 7 });
    expect(malformed).toMatchObject({ ok: false, code: 'malformed' });
    expect(await relayerNonce()).toBe(before);

    const ballot = await signBallot(client, wallet(1), dao.governor, id, 1);
    const hash = await sendBallot(peer, relay, ballot);
    const receipt = await client.getTransactionReceipt({ hash });
    expect(receipt.from.toLowerCase()).toBe(devAccount(RELAYER).address.toLowerCase());
    const [proposal] = await listProposals(client, contracts(), devAccount(1).address);
    expect(proposal.votes.for).toBe(parseEther('100'));
    expect(proposal.hasVoted).toBe(true);
    expect(proposal.decides).toEqual({ node: pending.node, approve: true });
    // The same ballot again: its nonce is spent, and the vote is cast already.
    const again = sendBallot(peer, relay, ballot);
    await expect(again).rejects.toBeInstanceOf(BallotRefusedError);
    await expect(again).rejects.toMatchObject({ code: 'refused' });
    // After the vote closes, account 3's ballot is refused.
    await test.increaseTime({ seconds: DEV_DAO_SETTINGS.votingPeriod });
    await test.mine({ blocks: 1 });
    const late = await signBallot(client, wallet(3), dao.governor, id, 1);
    await expect(sendBallot(peer, relay, late)).rejects.toThrow('the proposal is not open for votes');
    expect(await relayerNonce()).toBe(before + 1);
  });
});
