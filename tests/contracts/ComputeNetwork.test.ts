// NodeCoordinator and ProofOfInference on Hardhat's in-process chain: registration with locked
// stake, deterministic weighted selection (stale, unstaked and model-less nodes skipped, the
// requester's region favoured), commit-reveal tasks settled by majority with the liar and the
// silent slashed, refunds without a majority, the model's price paid through the marketplace,
// and every refusal as a custom error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keccak256, maxUint256, parseEther, toHex, type Hex } from 'viem';
import {
  computeFixture,
  FEE,
  FEE_BPS,
  GPU,
  outputHash,
  PRICE,
  REFUNDED,
  SETTLED,
  SLASH,
  TTL,
  WINDOW,
  type Party,
} from './compute-fixture.ts';
import { revertOf } from './revert-of.ts';

const { deployed, join, commitment, salt, openTask, answer, answerAll, advance } = await computeFixture();

describe('NodeCoordinator', () => {
  it('registers a node with its stake locked, and refuses bad profiles and short stakes', async () => {
    const s = await deployed();
    const [a, b] = s.nodes;
    await join(a);
    const node = await s.coordinator.read.getNode([a.address]);
    assert.equal(node.stake, parseEther('500'));
    assert.equal(node.reputation, 500);
    assert.equal((await s.joy.read.stakeOf([a.address])).locked, parseEther('500'));
    assert.equal(
      (await revertOf(a.coordinator.write.register([GPU, 10, 'u33d', 'peer', parseEther('500'), []])))?.errorName,
      'AlreadyRegistered',
    );
    await b.joy.write.stake([parseEther('500')]);
    assert.equal(
      (await revertOf(b.coordinator.write.register([GPU, 10, 'u33d', 'peer', parseEther('99'), []])))?.errorName,
      'StakeTooLow',
    );
    assert.equal(
      (await revertOf(b.coordinator.write.register([GPU, 10, 'a1', 'peer', parseEther('100'), []])))?.errorName,
      'BadRegion',
    );
    assert.equal(
      (await revertOf(b.coordinator.write.register([GPU, 0, 'u33d', 'peer', parseEther('100'), []])))?.errorName,
      'ZeroCapacity',
    );
    assert.equal(
      (await revertOf(b.coordinator.write.register([GPU, 10, 'u33d', '', parseEther('100'), []])))?.errorName,
      'BadPeerId',
    );
    // More than the unlocked stake cannot be locked: JoyToken's own error.
    assert.equal(
      (await revertOf(b.coordinator.write.register([GPU, 10, 'u33d', 'peer', parseEther('600'), []])))?.signature,
      `0x${keccak256(toHex('InsufficientUnlockedStake(address,uint256,uint256)')).slice(2, 10)}`,
    );
  });

  it(
    'selects deterministically from the seed, distinct nodes, skipping stale, model-less and under-staked ' + 'ones',
    async () => {
      const s = await deployed();
      const [a, b, c, d] = s.nodes;
      for (const n of [a, b, c]) await join(n);
      await join(d, { models: [7n] });
      const seed = keccak256(toHex('seed'));
      const first = await s.coordinator.read.select([0n, 3, seed, '']);
      assert.deepEqual(await s.coordinator.read.select([0n, 3, seed, '']), first);
      assert.equal(new Set(first).size, 3);
      assert.ok(
        !first.map((x) => x.toLowerCase()).includes(d.address.toLowerCase()),
        'the node without the model is never chosen',
      );
      assert.equal((await revertOf(s.coordinator.read.select([0n, 4, seed, ''])))?.errorName, 'NotEnoughNodes');
      // Heartbeats: after the TTL only the node that beat is selectable.
      await advance(TTL + 1n);
      await a.coordinator.write.heartbeat();
      assert.deepEqual(
        (await s.coordinator.read.select([0n, 1, seed, ''])).map((x) => x.toLowerCase()),
        [a.address.toLowerCase()],
      );
      assert.equal((await revertOf(s.coordinator.read.select([0n, 2, seed, ''])))?.errorName, 'NotEnoughNodes');
    },
  );

  it("favours the requester's region by weight", async () => {
    const s = await deployed();
    const [a, b] = s.nodes;
    await join(a, { region: 'u33d' });
    await join(b, { region: '9q8y' });
    let near = 0;
    for (let i = 0; i < 200; i++) {
      const [pick] = await s.coordinator.read.select([0n, 1, keccak256(toHex(`seed-${i}`)), 'u33dc']);
      if (pick.toLowerCase() === a.address.toLowerCase()) near++;
    }
    // Weights 5 : 1 (four geohash characters shared): about 167 of 200.
    assert.ok(near > 140 && near < 190, `the near node was chosen ${near} times of 200`);
  });
});

describe('ProofOfInference', () => {
  it(
    'settles with the honest majority: the liar is slashed into their pay, reputations move, the model is paid ' +
      'through the marketplace',
    async () => {
      const s = await deployed();
      for (const n of s.nodes.slice(0, 3)) await join(n);
      const before = await s.joy.read.balanceOf([s.requester.address]);
      const { taskId, chosen } = await openTask(s);
      assert.equal(await s.joy.read.balanceOf([s.requester.address]), before - FEE - PRICE);
      const [honest1, honest2, liar] = chosen;
      const reveals = [
        await answer(taskId, honest1, outputHash('7:0.98')),
        await answer(taskId, honest2, outputHash('7:0.98')),
        await answer(taskId, liar, outputHash('1:0.51')),
      ];
      for (const reveal of reveals) await reveal();
      const balances = await Promise.all(chosen.map((n) => s.joy.read.balanceOf([n.address])));
      await s.requester.poi.write.settle([taskId]);

      const task = await s.poi.read.getTask([taskId]);
      assert.equal(task.status, SETTLED);
      assert.equal(task.result, outputHash('7:0.98'));
      const pool = FEE + SLASH;
      assert.equal(await s.joy.read.balanceOf([honest1.address]), balances[0] + pool / 2n);
      assert.equal(await s.joy.read.balanceOf([honest2.address]), balances[1] + pool / 2n);
      assert.equal(await s.joy.read.balanceOf([liar.address]), balances[2] - SLASH);
      assert.equal((await s.coordinator.read.getNode([liar.address])).stake, parseEther('450'));
      assert.deepEqual(
        await Promise.all(chosen.map(async (n) => (await s.coordinator.read.getNode([n.address])).reputation)),
        [510, 510, 400],
      );
      assert.deepEqual(
        await Promise.all(chosen.map(async (n) => (await s.coordinator.read.getNode([n.address])).activeTasks)),
        [0, 0, 0],
      );
      assert.equal(await s.market.read.earningsOf([s.creator.address]), (PRICE * BigInt(10_000 - FEE_BPS)) / 10_000n);
      assert.equal((await s.market.read.getModel([0n])).uses, 1n);
      assert.equal(await s.joy.read.balanceOf([s.poi.address]), 0n);
    },
  );

  it(
    'settles after the reveal window without a silent node, which is slashed; refunds when no majority ' + 'agrees',
    async () => {
      const s = await deployed();
      for (const n of s.nodes.slice(0, 3)) await join(n);
      const one = await openTask(s);
      const r1 = await answer(one.taskId, one.chosen[0], outputHash('x'));
      const r2 = await answer(one.taskId, one.chosen[1], outputHash('x'));
      assert.equal(
        (await revertOf(r1()))?.errorName,
        'RevealNotOpen',
        'a reveal waits for every commit or the commit deadline',
      );
      await advance(WINDOW + 1n);
      await r1();
      await r2();
      assert.equal((await revertOf(s.requester.poi.write.settle([one.taskId])))?.errorName, 'TooEarly');
      await advance(WINDOW + 1n);
      await s.requester.poi.write.settle([one.taskId]);
      assert.equal((await s.coordinator.read.getNode([one.chosen[2].address])).stake, parseEther('450'));

      const before = await s.joy.read.balanceOf([s.requester.address]);
      const two = await openTask(s);
      const stakes = async () =>
        Promise.all(two.chosen.map(async (n) => (await s.coordinator.read.getNode([n.address])).stake));
      const stakesBefore = await stakes();
      await answerAll(
        two.taskId,
        two.chosen.map((n, i): [Party, Hex] => [n, outputHash(`answer-${i}`)]),
      );
      await s.requester.poi.write.settle([two.taskId]);
      assert.equal((await s.poi.read.getTask([two.taskId])).status, REFUNDED);
      assert.equal(await s.joy.read.balanceOf([s.requester.address]), before, 'fee and price come back');
      // Disagreeing is not proof of lying: nobody who revealed is slashed.
      assert.deepEqual(await stakes(), stakesBefore);
    },
  );

  it(
    'refuses bad reveals, strangers, early settlement, a paused marketplace, bad K, too many tasks, and leaving ' +
      'mid-task',
    async () => {
      const s = await deployed({ tasksPerHour: 2 });
      for (const n of s.nodes.slice(0, 3)) await join(n);
      const { taskId, chosen } = await openTask(s);
      const stranger = s.creator;
      assert.equal(
        (await revertOf(stranger.poi.write.commit([taskId, keccak256(toHex('c'))])))?.errorName,
        'NotAssigned',
      );
      for (const n of chosen) await n.poi.write.commit([taskId, commitment(taskId, n, outputHash('y'))]);
      assert.equal(
        (await revertOf(chosen[0].poi.write.commit([taskId, keccak256(toHex('again'))])))?.errorName,
        'AlreadyCommitted',
      );
      assert.equal(
        (await revertOf(chosen[0].poi.write.reveal([taskId, outputHash('not what I committed'), salt(chosen[0])])))
          ?.errorName,
        'RevealMismatch',
      );
      assert.equal((await revertOf(s.requester.poi.write.settle([taskId])))?.errorName, 'TooEarly');
      assert.equal((await revertOf(chosen[0].coordinator.write.leave()))?.errorName, 'HasActiveTasks');
      assert.equal(
        (await revertOf(s.requester.poi.write.createTask([0n, 0, keccak256(toHex('i')), 0, FEE, maxUint256, ''])))
          ?.errorName,
        'BadK',
      );
      assert.equal(
        (await revertOf(s.requester.poi.write.createTask([0n, 5, keccak256(toHex('i')), 3, FEE, maxUint256, ''])))
          ?.errorName,
        undefined,
        "an unknown version is the marketplace's UnknownVersion",
      );
      await s.admin.market.write.pause();
      assert.equal(
        (await revertOf(s.requester.poi.write.createTask([0n, 0, keccak256(toHex('i')), 3, FEE, maxUint256, ''])))
          ?.errorName,
        'MarketplacePaused',
      );
      await s.admin.market.write.unpause();
      await s.requester.poi.write.createTask([0n, 0, keccak256(toHex('i')), 1, FEE, maxUint256, '']);
      assert.equal(
        (await revertOf(s.requester.poi.write.createTask([0n, 0, keccak256(toHex('i')), 1, FEE, maxUint256, ''])))
          ?.errorName,
        'RateLimited',
      );
    },
  );

  it('conserves JOY: slashed stake and fees move, none is created or lost', async () => {
    const s = await deployed();
    for (const n of s.nodes) await join(n);
    for (let round = 0; round < 3; round++) {
      // Nodes keep beating; a slashed node under the minimum stake drops out of selection.
      for (const n of s.nodes) await n.coordinator.write.heartbeat();
      const { taskId, chosen } = await openTask(s);
      // Round 0 agrees, round 1 has a silent node, round 2 a liar.
      const answers = chosen
        .filter((_, i) => i < 2 || round !== 1)
        .map((n, i): [Party, Hex] => [n, outputHash(i === 2 && round === 2 ? 'odd' : 'same')]);
      const reveals = [];
      for (const [node, output] of answers) reveals.push(await answer(taskId, node, output));
      if (round === 1) await advance(WINDOW + 1n);
      for (const reveal of reveals) await reveal();
      await advance(2n * WINDOW + 2n);
      await s.requester.poi.write.settle([taskId]);
    }
    let total = 0n;
    for (const who of [s.admin, s.creator, s.requester, ...s.nodes]) total += await s.joy.read.balanceOf([who.address]);
    total += await s.joy.read.balanceOf([s.market.address]);
    total += await s.joy.read.balanceOf([s.poi.address]);
    assert.equal(total, parseEther('1000000'));
  });
});
