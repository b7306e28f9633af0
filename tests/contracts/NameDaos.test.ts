// A TLD governed by a DAO of JOY stakers, on Hardhat's chain with the one deployment: joining by
// staking, votes counted from checkpoints (JOY moved after a snapshot does not vote twice), a
// pending registration voted through (one vote by signature, relayed by another account), queued
// and carried out by the timelock; a rejected one refunded; a defeated or cancelled proposal that
// changes nothing; a treasury spend; and a DAO whose wiring would let someone else decide, refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { network } from 'hardhat';
import { encodeFunctionData, keccak256, namehash, parseEther, toHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { ballotTypedData } from '@permanet/core/protocols/ballot';
import { newRegistration } from '@permanet/core/chain/actions/names/register-name';
import { revertOf } from './revert-of.ts';
import { cheapPolicy, deployTestNetwork } from './test-network.ts';

const { viem } = await network.create();
const publicClient = await viem.getPublicClient();
const testClient = await viem.getTestClient();
const [admin, alice, bob, carol, dave] = await viem.getWalletClients();

const DELAY = 60;
const PERIOD = 3600;
const TIMELOCK = 600n;
const FOR = 1;
const AGAINST = 0;
const policy = cheapPolicy(true);
const later = async (seconds: number | bigint) => {
  await testClient.increaseTime({ seconds: Number(seconds) });
  await testClient.mine({ blocks: 1 });
};

async function deployed() {
  const n = await deployTestNetwork(viem, { minCommitmentAge: 60n });
  const dao = await n.dao(
    { label: 'dao', platformBps: 1000, policy },
    {
      votingDelay: DELAY,
      votingPeriod: PERIOD,
      proposalThreshold: 0n,
      quorumPercent: 10,
      timelockDelay: TIMELOCK,
    },
  );
  const as = async (wallet: typeof alice) => ({
    wallet,
    address: wallet.account.address,
    joy: await viem.getContractAt('JoyToken', n.joy.address, { client: { wallet } }),
    names: await viem.getContractAt('PermaNetDomainRegistry', n.names.address, { client: { wallet } }),
    votes: await viem.getContractAt('TldVotes', dao.votes, { client: { wallet } }),
    governor: await viem.getContractAt('TldGovernor', dao.governor, { client: { wallet } }),
  });
  const members = { alice: await as(alice), bob: await as(bob), carol: await as(carol), dave: await as(dave) };
  // alice 600, carol 100 and dave 0 staked of 1,000 JOY each; bob registers.
  for (const [member, stake] of [
    [members.alice, 600n],
    [members.carol, 100n],
  ] as const) {
    await n.joy.write.transfer([member.address, parseEther('1000')]);
    await member.joy.write.approve([dao.votes, parseEther(String(stake))]);
    await member.votes.write.depositFor([member.address, parseEther(String(stake))]);
  }
  for (const member of [members.bob, members.dave]) await n.joy.write.transfer([member.address, parseEther('1000')]);
  return { ...n, dao, ...members };
}
type Network = Awaited<ReturnType<typeof deployed>>;
type Member = Network['alice'];

/** `member` commits, waits, and registers `label` under .dao, paying 5 JOY into escrow. */
async function pendingRegistration(member: Member, label: string) {
  const registration = newRegistration(member.address, label, 'dao', 1);
  await member.names.write.commit([await member.names.read.makeCommitment([registration])]);
  await later(61);
  await member.joy.write.approve([member.names.address, parseEther('5')]);
  await member.names.write.register([registration]);
  return registration;
}

/** Proposes the calls, and waits out the voting delay; returns the proposal id and what queue needs. */
async function proposed(member: Member, calls: { target: Address; data: Hex }[], description: string) {
  const args = [calls.map((c) => c.target), calls.map(() => 0n), calls.map((c) => c.data), description] as const;
  await member.governor.write.propose(args);
  const id = await member.governor.read.hashProposal([args[0], args[1], args[2], keccak256(toHex(description))]);
  await later(DELAY + 1);
  return { id, queueArgs: [args[0], args[1], args[2], keccak256(toHex(description))] as const };
}

const STATE = ['Pending', 'Active', 'Canceled', 'Defeated', 'Succeeded', 'Queued', 'Expired', 'Executed'];
const stateOf = async (f: Network, id: bigint) => STATE[await f.alice.governor.read.state([id])];

describe('TLD DAOs', () => {
  it('counts votes from the snapshot: JOY withdrawn and staked again after it does not vote twice', async () => {
    const f = await deployed();
    assert.equal(await f.alice.votes.read.getVotes([f.alice.address]), parseEther('600'));
    assert.equal(
      (await revertOf(f.alice.votes.write.transfer([f.dave.address, parseEther('1')])))?.errorName,
      'StakeNotTransferable',
    );
    const { id } = await proposed(
      f.alice,
      [
        {
          target: f.tlds.address,
          data: encodeFunctionData({
            abi: f.tlds.abi,
            functionName: 'setPolicy',
            args: [namehash('dao'), { ...policy, maxYears: 5 }],
          }),
        },
      ],
      'shorter registrations',
    );
    // alice takes her stake out and hands the JOY to dave, who stakes it: at the snapshot he had none.
    await f.alice.votes.write.withdrawTo([f.alice.address, parseEther('600')]);
    await f.alice.joy.write.transfer([f.dave.address, parseEther('600')]);
    await f.dave.joy.write.approve([f.dao.votes, parseEther('600')]);
    await f.dave.votes.write.depositFor([f.dave.address, parseEther('600')]);
    await f.alice.governor.write.castVote([id, FOR]);
    await f.dave.governor.write.castVote([id, FOR]);
    const [against, inFavour] = await f.alice.governor.read.proposalVotes([id]);
    assert.deepEqual([against, inFavour], [0n, parseEther('600')]);
  });

  it('votes a pending registration through, one vote by signature; the timelock applies it later', async () => {
    const f = await deployed();
    const registration = await pendingRegistration(f.bob, 'voted');
    const node = namehash('voted.dao');
    const { id, queueArgs } = await proposed(
      f.alice,
      [
        {
          target: f.names.address,
          data: encodeFunctionData({ abi: f.names.abi, functionName: 'approveRegistration', args: [registration] }),
        },
      ],
      'approve voted.dao',
    );
    assert.equal(await stateOf(f, id), 'Active');
    await f.alice.governor.write.castVote([id, FOR]);
    assert.equal((await revertOf(f.alice.governor.write.castVote([id, FOR])))?.errorName, 'GovernorAlreadyCastVote');
    // carol signs her ballot; dave, who has no votes, sends it and pays the gas.
    const signature = await carol.signTypedData({
      domain: {
        name: '.dao DAO',
        version: '1',
        chainId: await publicClient.getChainId(),
        verifyingContract: f.dao.governor,
      },
      types: {
        Ballot: [
          { name: 'proposalId', type: 'uint256' },
          { name: 'support', type: 'uint8' },
          { name: 'voter', type: 'address' },
          { name: 'nonce', type: 'uint256' },
        ],
      },
      primaryType: 'Ballot',
      message: { proposalId: id, support: FOR, voter: f.carol.address, nonce: 0n },
    });
    await f.dave.governor.write.castVoteBySig([id, FOR, f.carol.address, signature]);
    assert.equal(await f.alice.governor.read.hasVoted([id, f.carol.address]), true);
    assert.equal((await f.alice.governor.read.proposalVotes([id]))[1], parseEther('700'));
    // The same signature again is a second vote, refused.
    assert.equal(
      (await revertOf(f.dave.governor.write.castVoteBySig([id, FOR, f.carol.address, signature])))?.errorName,
      'GovernorInvalidSignature',
    );
    await later(PERIOD);
    assert.equal(await stateOf(f, id), 'Succeeded');
    assert.equal(
      (await revertOf(f.dave.governor.write.castVote([id, AGAINST])))?.errorName,
      'GovernorUnexpectedProposalState',
    );
    await f.dave.governor.write.queue(queueArgs);
    assert.equal(await stateOf(f, id), 'Queued');
    assert.ok(await revertOf(f.dave.governor.write.execute(queueArgs)));
    await later(TIMELOCK);
    await f.dave.governor.write.execute(queueArgs);
    assert.equal(await stateOf(f, id), 'Executed');
    assert.equal((await f.names.read.ownerOf([BigInt(node)])).toLowerCase(), f.bob.address.toLowerCase());
    // The fee is the DAO's: withdrawn to its timelock, it is spent only by another vote.
    await f.dave.names.write.withdraw([namehash('dao')]);
    assert.equal(await f.joy.read.balanceOf([f.dao.timelock]), parseEther('4.5'));
    const spend = await proposed(
      f.alice,
      [
        {
          target: f.joy.address,
          data: encodeFunctionData({
            abi: f.joy.abi,
            functionName: 'transfer',
            args: [f.carol.address, parseEther('4')],
          }),
        },
      ],
      'pay carol for the logo',
    );
    await f.alice.governor.write.castVote([spend.id, FOR]);
    await later(PERIOD);
    await f.dave.governor.write.queue(spend.queueArgs);
    await later(TIMELOCK);
    const before = await f.joy.read.balanceOf([f.carol.address]);
    await f.dave.governor.write.execute(spend.queueArgs);
    assert.equal(await f.joy.read.balanceOf([f.carol.address]), before + parseEther('4'));
  });

  it('refunds a registration the vote rejects; a defeated or cancelled proposal changes nothing', async () => {
    const f = await deployed();
    await pendingRegistration(f.bob, 'rejected');
    const balance = await f.joy.read.balanceOf([f.bob.address]);
    const reject = await proposed(
      f.carol,
      [
        {
          target: f.names.address,
          data: encodeFunctionData({
            abi: f.names.abi,
            functionName: 'rejectRegistration',
            args: [namehash('rejected.dao')],
          }),
        },
      ],
      'reject rejected.dao',
    );
    await f.carol.governor.write.castVote([reject.id, FOR]);
    await later(PERIOD);
    await f.dave.governor.write.queue(reject.queueArgs);
    await later(TIMELOCK);
    await f.dave.governor.write.execute(reject.queueArgs);
    assert.equal(await f.joy.read.balanceOf([f.bob.address]), balance + parseEther('5'));
    assert.equal(await f.names.read.available([namehash('dao'), 'rejected']), true);

    // alice votes down carol's policy change: defeated, it cannot be queued.
    const change = await proposed(
      f.carol,
      [
        {
          target: f.tlds.address,
          data: encodeFunctionData({
            abi: f.tlds.abi,
            functionName: 'setPolicy',
            args: [namehash('dao'), { ...policy, needsApproval: false }],
          }),
        },
      ],
      'open registrations',
    );
    await f.carol.governor.write.castVote([change.id, FOR]);
    await f.alice.governor.write.castVote([change.id, AGAINST]);
    await later(PERIOD);
    assert.equal(await stateOf(f, change.id), 'Defeated');
    assert.ok(await revertOf(f.dave.governor.write.queue(change.queueArgs)));
    assert.equal((await f.tlds.read.tldOf([namehash('dao')])).policy.needsApproval, true);

    // A proposer cancels before the vote opens.
    const description = 'hand the TLD to dave';
    const target = [f.tlds.address] as const;
    const data = [
      encodeFunctionData({ abi: f.tlds.abi, functionName: 'transferTld', args: [namehash('dao'), f.dave.address] }),
    ] as const;
    await f.carol.governor.write.propose([[...target], [0n], [...data], description]);
    await f.carol.governor.write.cancel([[...target], [0n], [...data], keccak256(toHex(description))]);
    const id = await f.carol.governor.read.hashProposal([[...target], [0n], [...data], keccak256(toHex(description))]);
    assert.equal(await stateOf(f, id), 'Canceled');
  });

  it('counts a delegate’s votes, and refuses a vote from an account that never held any', async () => {
    const f = await deployed();
    // dave never staked; carol delegates her 100 to him, so he is numbered and votes them.
    await f.carol.votes.write.delegate([f.dave.address]);
    assert.notEqual(await f.alice.votes.read.memberNumberOf([f.dave.address]), 0n);
    const { id } = await proposed(f.alice, [{ target: f.tlds.address, data: '0x' }], 'a call that does nothing');
    await f.dave.governor.write.castVote([id, FOR]);
    assert.equal((await f.alice.governor.read.proposalVotes([id]))[1], parseEther('100'));
    assert.equal(await f.alice.governor.read.hasVoted([id, f.dave.address]), true);
    assert.equal(await f.alice.governor.read.hasVoted([id, bob.account.address]), false);
    assert.equal((await revertOf(f.bob.governor.write.castVote([id, FOR])))?.errorName, 'GovernorNotMember');
  });

  it('fuzzed: 300 members voting by signature, across bitmap words; no vote counts twice', async () => {
    const f = await deployed();
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    // alice stakes for 300 fresh accounts (members 3 to 302), 1 to 5 JOY each.
    const voters = Array.from({ length: 300 }, () => privateKeyToAccount(generatePrivateKey()));
    const weights = voters.map(() => parseEther(String(1 + random(5))));
    const total = weights.reduce((a, b) => a + b);
    await f.joy.write.transfer([f.alice.address, total]);
    await f.alice.joy.write.approve([f.dao.votes, total]);
    for (const [i, voter] of voters.entries()) await f.alice.votes.write.depositFor([voter.address, weights[i]]);
    const { id } = await proposed(f.alice, [{ target: f.tlds.address, data: '0x' }], 'a vote of many');
    const chainId = await publicClient.getChainId();
    const domain = { name: '.dao DAO', version: '1', chainId };
    const ballot = (voter: (typeof voters)[number], support: number, nonce: bigint) =>
      voter.signTypedData(
        ballotTypedData(
          domain,
          { governor: f.dao.governor, proposalId: id, support: support as 0 | 1 | 2, voter: voter.address },
          nonce,
        ),
      );
    const tally = [0n, 0n, 0n];
    const signed: { voter: (typeof voters)[number]; support: number; signature: Hex }[] = [];
    for (const [i, voter] of voters.entries()) {
      if (random(4) === 0) continue;
      const support = random(3);
      const signature = await ballot(voter, support, 0n);
      await f.dave.governor.write.castVoteBySig([id, support, voter.address, signature]);
      tally[support] += weights[i];
      signed.push({ voter, support, signature });
    }
    // Replayed ballots and fresh ballots of those who voted are all refused.
    for (let k = 0; k < 20; k++) {
      const { voter, support, signature } = signed[random(signed.length)];
      assert.equal(
        (await revertOf(f.dave.governor.write.castVoteBySig([id, support, voter.address, signature])))?.errorName,
        'GovernorInvalidSignature',
      );
      const again = await ballot(voter, (support + 1) % 3, 1n);
      assert.equal(
        (await revertOf(f.dave.governor.write.castVoteBySig([id, (support + 1) % 3, voter.address, again])))?.errorName,
        'GovernorAlreadyCastVote',
      );
    }
    const [against, inFavour, abstain] = await f.alice.governor.read.proposalVotes([id]);
    assert.deepEqual([against, inFavour, abstain], tally);
    for (const [i, voter] of voters.entries())
      assert.equal(
        await f.alice.governor.read.hasVoted([id, voter.address]),
        signed.some((s) => s.voter === voter),
        `voter ${i}`,
      );
  });

  it('records only a DAO whose timelock owns the TLD, whose governor counts its votes, once', async () => {
    const f = await deployed();
    const dao = await f.daos.read.daoOf([namehash('dao')]);
    assert.equal(dao.governor.toLowerCase(), f.dao.governor.toLowerCase());
    assert.equal((await revertOf(f.daos.write.registerDao([namehash('dao'), f.dao])))?.errorName, 'DaoExists');
    await f.tlds.write.createTld(['mine', admin.account.address, admin.account.address, 0, policy]);
    const miswired = await revertOf(f.daos.write.registerDao([namehash('mine'), f.dao]));
    assert.deepEqual(miswired?.args, [namehash('mine'), "the TLD's owner and treasury are not the timelock"]);
    const asBob = await viem.getContractAt('PermaNetDAORegistry', f.daos.address, { client: { wallet: bob } });
    assert.equal(
      (await revertOf(asBob.write.registerDao([namehash('mine'), f.dao])))?.errorName,
      'AccessControlUnauthorizedAccount',
    );
    assert.equal((await revertOf(f.daos.read.daoOf([namehash('ai')])))?.errorName, 'UnknownDao');
  });
});
