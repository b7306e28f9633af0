// Gas of a TLD DAO's Governor steps on Hardhat's in-process chain, next to a stock OpenZeppelin
// Governor deployed in the same run as the reference (StockGovernor: the same modules with
// GovernorCountingSimple, over stock ERC20Votes with a block-number clock and delegation by hand).
// Each DAO: three members, a proposal that has its timelock approve 1 wei of JOY, the second
// member's castVote, the third's castVoteBySig relayed by a fourth account, queue and execute.
import { network } from 'hardhat';
import { encodeFunctionData, keccak256, parseEther, toHex, zeroAddress, type Address, type Hex } from 'viem';
import { DEV_DAO_SETTINGS, PRODUCTION } from '../../contracts/deploy.ts';
import { ballotTypedData } from '@permanet/core/protocols/ballot';
import { cheapPolicy, deployTestNetwork } from '../../tests/contracts/test-network.ts';

export type GovernorStep = 'propose' | 'castVote' | 'castVoteBySig' | 'queue' | 'execute';

const FOR = 1;
const TIMELOCK_DELAY = 60n;

export async function governorGas(): Promise<Record<'tld' | 'stock', Record<GovernorStep, bigint>>> {
  const { viem } = await network.create();
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();
  const [admin, ...members] = await viem.getWalletClients();
  const n = await deployTestNetwork(viem, PRODUCTION);
  const gasOf = async (hash: Promise<Hex>) =>
    (await publicClient.waitForTransactionReceipt({ hash: await hash })).gasUsed;
  for (const m of members.slice(0, 3)) await n.joy.write.transfer([m.account.address, parseEther('1000')]);

  // PermaNet's: a .gov TLD with its DAO, as deployTldDao makes one, its clock in seconds.
  const tld = await n.dao(
    { label: 'gov', platformBps: 1000, policy: cheapPolicy(true) },
    { ...DEV_DAO_SETTINGS, timelockDelay: TIMELOCK_DELAY },
  );
  for (const m of members.slice(0, 3)) {
    const joy = await viem.getContractAt('JoyToken', n.joy.address, { client: { wallet: m } });
    const votes = await viem.getContractAt('TldVotes', tld.votes, { client: { wallet: m } });
    await joy.write.approve([tld.votes, parseEther('100')]);
    await votes.write.depositFor([m.account.address, parseEther('100')]);
  }
  const later = async (seconds: number | bigint) => {
    await testClient.increaseTime({ seconds: Number(seconds) });
    await testClient.mine({ blocks: 1 });
  };
  const ours = await steps(tld.governor, tld.timelock, {
    delay: () => later(DEV_DAO_SETTINGS.votingDelay + 1),
    period: () => later(DEV_DAO_SETTINGS.votingPeriod + 1),
  });

  // The reference: stock ERC20Votes, delegated by hand, its clock in blocks.
  const stockVotes = await viem.deployContract('StockVotes', [parseEther('300')]);
  for (const m of members.slice(0, 3)) {
    await stockVotes.write.transfer([m.account.address, parseEther('100')]);
    const mine = await viem.getContractAt('StockVotes', stockVotes.address, { client: { wallet: m } });
    await mine.write.delegate([m.account.address]);
  }
  const timelock = await viem.deployContract('TldTimelock', [TIMELOCK_DELAY, [], [zeroAddress], admin.account.address]);
  const governor = await viem.deployContract('StockGovernor', [stockVotes.address, timelock.address, 1, 20, 10n]);
  for (const role of ['PROPOSER_ROLE', 'CANCELLER_ROLE'])
    await timelock.write.grantRole([keccak256(toHex(role)), governor.address]);
  const stock = await steps(governor.address, timelock.address, {
    delay: () => testClient.mine({ blocks: 2 }),
    period: () => testClient.mine({ blocks: 21 }),
  });
  return { tld: ours, stock };

  async function steps(
    governor: Address,
    timelock: Address,
    wait: { delay(): Promise<unknown>; period(): Promise<unknown> },
  ) {
    const as = (i: number) => viem.getContractAt('TldGovernor', governor, { client: { wallet: members[i] } });
    const call = {
      targets: [n.joy.address],
      values: [0n],
      calldatas: [encodeFunctionData({ abi: n.joy.abi, functionName: 'approve', args: [timelock, 1n] })],
    };
    const description = `approve 1 wei (${governor})`;
    const args = [call.targets, call.values, call.calldatas] as const;
    const g0 = await as(0);
    const propose = await gasOf(g0.write.propose([...args, description]));
    const id = await g0.read.hashProposal([...args, keccak256(toHex(description))]);
    await wait.delay();
    await g0.write.castVote([id, FOR]);
    const castVote = await gasOf((await as(1)).write.castVote([id, FOR]));
    const voter = members[2];
    const domain = { name: await g0.read.name(), version: '1', chainId: await publicClient.getChainId() };
    const unsigned = { governor, proposalId: id, support: FOR, voter: voter.account.address } as const;
    const signature = await voter.signTypedData(ballotTypedData(domain, unsigned, 0n));
    const castVoteBySig = await gasOf((await as(3)).write.castVoteBySig([id, FOR, voter.account.address, signature]));
    await wait.period();
    const queue = await gasOf(g0.write.queue([...args, keccak256(toHex(description))]));
    await later(TIMELOCK_DELAY);
    const execute = await gasOf(g0.write.execute([...args, keccak256(toHex(description))]));
    return { propose, castVote, castVoteBySig, queue, execute };
  }
}
