// The compute network's contract-test fixture: NodeCoordinator and ProofOfInference deployed on
// Hardhat's in-process chain with short windows, four funded node accounts (and as many more as a
// test asks, impersonated), a requester with an allowance, and the commit-reveal steps a node takes.
import { network } from 'hardhat';
import {
  encodeAbiParameters,
  keccak256,
  maxUint256,
  numberToHex,
  parseEther,
  toHex,
  type Address,
  type Hex,
} from 'viem';
import { deployTestNetwork, digitsRegistration } from './test-network.ts';

export const MIN_STAKE = parseEther('100');
export const TTL = 300n;
export const WINDOW = 60n;
export const SLASH = parseEther('50');
export const FEE = parseEther('9');
export const PRICE = parseEther('1');
export const FEE_BPS = 1000;
export const GPU = 0;
export const [PENDING, OPEN, SETTLED, REFUNDED] = [1, 2, 3, 4];

export async function computeFixture() {
  const { viem } = await network.create();
  const testClient = await viem.getTestClient();
  const publicClient = await viem.getPublicClient();
  const [admin, creator, requester, n1, n2, n3, n4] = await viem.getWalletClients();
  let impersonated = 0;

  async function deployed({ tasksPerHour = 5 } = {}) {
    const { joy, market, coordinator, poi, as } = await deployTestNetwork(viem, {
      joySupply: parseEther('1000000'),
      joyCooldown: 3600n,
      platformFeeBps: FEE_BPS,
      registrationsPerWindow: 10,
      minStake: MIN_STAKE,
      heartbeatTtl: TTL,
      commitWindow: WINDOW,
      revealWindow: WINDOW,
      slash: SLASH,
      tasksPerWindow: tasksPerHour,
    });
    for (const w of [creator, requester, n1, n2, n3, n4])
      await joy.write.transfer([w.account.address, parseEther('1000')]);
    const c = await as(creator);
    await c.market.write.registerModel([digitsRegistration(PRICE)]);
    const nodes = [await as(n1), await as(n2), await as(n3), await as(n4)];
    const r = await as(requester);
    await r.joy.write.approve([poi.address, maxUint256]);

    /** `count` more parties, impersonated (no keys), each with ETH for gas and `joyEach` JOY. */
    const moreParties = (count: number, joyEach = parseEther('1000')) =>
      Promise.all(
        Array.from({ length: count }, async () => {
          const address = numberToHex(0xc0de0000n + BigInt(++impersonated), { size: 20 }) as Address;
          await testClient.impersonateAccount({ address });
          await testClient.setBalance({ address, value: parseEther('10') });
          await joy.write.transfer([address, joyEach]);
          return as(await viem.getWalletClient(address));
        }),
      );
    return { joy, market, coordinator, poi, creator: c, requester: r, nodes, admin: await as(admin), moreParties };
  }
  type Setup = Awaited<ReturnType<typeof deployed>>;
  type Party = Setup['nodes'][number];

  async function join(node: Party, { region = 'u33d', models = [0n], stake = parseEther('500') } = {}) {
    await node.joy.write.stake([stake]);
    await node.coordinator.write.register([GPU, 10, region, `12D3KooW${node.address.slice(2, 12)}`, stake, models]);
  }

  const salt = (node: Party) => keccak256(toHex(`salt-${node.address}`));
  const commitment = (taskId: bigint, node: Party, output: Hex) =>
    keccak256(
      encodeAbiParameters(
        [{ type: 'uint256' }, { type: 'address' }, { type: 'bytes32' }, { type: 'bytes32' }],
        [taskId, node.address, output, salt(node)],
      ),
    );

  /** The parties among `nodes` that `addresses` name, in that order. */
  const partiesOf = (nodes: Party[], addresses: readonly Address[]) =>
    addresses.map((a) => nodes.find((n) => n.address.toLowerCase() === a.toLowerCase())!);

  /** Opens a task for k nodes, assigns it in the next block, and returns its id and the selected parties. */
  async function openTask(s: Setup, k = 3, nodes = s.nodes) {
    const taskId = await s.poi.read.taskCount();
    await s.requester.poi.write.createTask([0n, 0, keccak256(toHex('input')), k, FEE, maxUint256, 'u33d']);
    await s.requester.poi.write.assign([taskId]);
    return { taskId, chosen: partiesOf(nodes, await s.poi.read.assignedNodes([taskId])) };
  }

  async function answer(taskId: bigint, node: Party, output: Hex) {
    await node.poi.write.commit([taskId, commitment(taskId, node, output)]);
    return () => node.poi.write.reveal([taskId, output, salt(node)]);
  }

  /** Every listed node commits, then every one reveals (a reveal waits for all commits). */
  async function answerAll(taskId: bigint, answers: [Party, Hex][]) {
    const reveals = [];
    for (const [node, output] of answers) reveals.push(await answer(taskId, node, output));
    for (const reveal of reveals) await reveal();
  }

  const advance = async (seconds: bigint) => {
    await testClient.increaseTime({ seconds: Number(seconds) });
    await testClient.mine({ blocks: 1 });
  };

  return {
    viem,
    testClient,
    publicClient,
    deployed,
    join,
    salt,
    commitment,
    partiesOf,
    openTask,
    answer,
    answerAll,
    advance,
  };
}

export type ComputeFixture = Awaited<ReturnType<typeof computeFixture>>;
export type Setup = Awaited<ReturnType<ComputeFixture['deployed']>>;
export type Party = Setup['nodes'][number];

export const outputHash = (text: string) => keccak256(toHex(text));
