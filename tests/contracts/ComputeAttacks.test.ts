// The attacks an open compute network meets (issue 14), each written as the attack and asserting
// that it fails; each fails on the contracts before its fix. A fuzzed run then checks, after every
// step of many random tasks, that no requester gains, no node that lacked the input loses, and the
// escrow is conserved.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeAbiParameters, keccak256, maxUint256, parseEther, toHex, type Hex } from 'viem';
import {
  computeFixture,
  FEE,
  GPU,
  MIN_STAKE,
  OPEN,
  outputHash,
  PENDING,
  PRICE,
  REFUNDED,
  SETTLED,
  SLASH,
  WINDOW,
  type Party,
} from './compute-fixture.ts';
import { revertOf } from './revert-of.ts';

const f = await computeFixture();
const { deployed, join, commitment, openTask, answer, answerAll, advance, partiesOf } = f;

describe('attacks on the compute network', () => {
  it('a zero commitment is refused: one node cannot count itself as many commits', async () => {
    const s = await deployed();
    for (const n of s.nodes.slice(0, 3)) await join(n);
    const { taskId, chosen } = await openTask(s);
    const [cheat] = chosen;
    for (let i = 0; i < 3; i++)
      assert.equal(
        (await revertOf(cheat.poi.write.commit([taskId, `0x${'00'.repeat(32)}`])))?.errorName,
        'ZeroCommitment',
      );
    assert.equal((await s.poi.read.getTask([taskId])).commits, 0);
    await answer(taskId, cheat, outputHash('7:0.98'));
    assert.equal(
      (await revertOf(cheat.poi.write.commit([taskId, commitment(taskId, cheat, outputHash('x'))])))?.errorName,
      'AlreadyCommitted',
    );
    assert.equal((await s.poi.read.getTask([taskId])).commits, 1);
  });

  it('a pause stops the windows too: no node is silent, nor slashed, for what the pause refused', async () => {
    const s = await deployed();
    for (const n of s.nodes.slice(0, 3)) await join(n);
    const { taskId, chosen } = await openTask(s);
    await s.admin.poi.write.pause();
    await advance(WINDOW * 3n);
    assert.equal((await revertOf(s.requester.poi.write.settle([taskId])))?.errorName, 'TooEarly');
    await s.admin.poi.write.unpause();
    // The task's clock stood still while paused: the nodes still have their windows.
    await answerAll(
      taskId,
      chosen.map((n): [Party, Hex] => [n, outputHash('7:0.98')]),
    );
    await s.requester.poi.write.settle([taskId]);
    for (const n of chosen) assert.equal((await s.coordinator.read.getNode([n.address])).stake, parseEther('500'));
  });

  it('leaving and registering again does not wash a lowered reputation back to the initial one', async () => {
    const s = await deployed();
    for (const n of s.nodes.slice(0, 3)) await join(n);
    const { taskId, chosen } = await openTask(s);
    const [honest1, honest2, liar] = chosen;
    await answerAll(taskId, [
      [honest1, outputHash('7:0.98')],
      [honest2, outputHash('7:0.98')],
      [liar, outputHash('1:0.51')],
    ]);
    await s.requester.poi.write.settle([taskId]);
    assert.equal((await s.coordinator.read.getNode([liar.address])).reputation, 400);
    await liar.coordinator.write.leave();
    await liar.coordinator.write.register([GPU, 10, 'u33d', 'peer', parseEther('400'), [0n]]);
    assert.equal((await s.coordinator.read.getNode([liar.address])).reputation, 400);
  });

  it('a huge declared capacity does not buy selection: stake and reputation decide', async () => {
    const s = await deployed();
    const [a, b, sybil] = s.nodes;
    for (const n of [a, b]) {
      await n.joy.write.stake([parseEther('500')]);
      await n.coordinator.write.register([GPU, 50, 'u33d', `peer-${n.address}`, parseEther('500'), [0n]]);
    }
    await sybil.joy.write.stake([parseEther('100')]);
    await sybil.coordinator.write.register([GPU, 4_294_967_295, 'u33d', 'sybil', parseEther('100'), [0n]]);
    let picked = 0;
    for (let i = 0; i < 100; i++) {
      const [chosen] = await s.coordinator.read.select([0n, 1, keccak256(toHex(`seed-${i}`)), 'u33d']);
      if (chosen.toLowerCase() === sybil.address.toLowerCase()) picked++;
    }
    // By stake × reputation alone its share is 1 in 11; capacity can at most double a weight.
    assert.ok(picked < 25, `the sybil was picked ${picked} times of 100`);
  });
});

describe('a task opened under a raised price', () => {
  it('is refused above the most the requester agreed to pay', async () => {
    const s = await deployed();
    for (const n of s.nodes.slice(0, 3)) await join(n);
    await s.creator.market.write.setPrices([0n, parseEther('400'), 0n]);
    const refused = await revertOf(
      s.requester.poi.write.createTask([0n, 0, keccak256(toHex('input')), 3, FEE, PRICE, 'u33d']),
    );
    assert.equal(refused?.errorName, 'PriceAboveMax');
    assert.equal(await s.poi.read.taskCount(), 0n);
  });
});

describe('a requester that withholds the input', () => {
  it('gains nothing, and the nodes it kept the input from lose nothing, task after task', async () => {
    const s = await deployed();
    for (const n of s.nodes.slice(0, 3)) await join(n);
    const before = await s.joy.read.balanceOf([s.requester.address]);
    for (let round = 0; round < 5; round++) {
      // The input reaches one node of three: the others say so instead of going silent.
      const { taskId, chosen } = await openTask(s);
      const [reached, ...keptFrom] = chosen;
      const reveal = await answer(taskId, reached, outputHash('7:0.98'));
      for (const n of keptFrom) await n.poi.write.declareNoInput([taskId]);
      await reveal();
      // Every node has answered or declared: no need to wait out the windows.
      await s.requester.poi.write.settle([taskId]);
      assert.equal((await s.poi.read.getTask([taskId])).status, REFUNDED);
    }
    assert.equal(await s.joy.read.balanceOf([s.requester.address]), before, 'only its escrow came back');
    for (const n of s.nodes.slice(0, 3)) {
      const node = await s.coordinator.read.getNode([n.address]);
      assert.equal(node.stake, parseEther('500'));
      assert.equal(node.reputation, 500);
      assert.equal(node.activeTasks, 0);
    }
  });

  it('from nodes that are silent: their slashed stake is burned, never paid to the requester', async () => {
    const s = await deployed();
    for (const n of s.nodes.slice(0, 3)) await join(n);
    const before = await s.joy.read.balanceOf([s.requester.address]);
    const supply = await s.joy.read.totalSupply();
    const { taskId } = await openTask(s);
    await advance(2n * WINDOW + 2n);
    await s.requester.poi.write.settle([taskId]);
    assert.equal(await s.joy.read.balanceOf([s.requester.address]), before);
    assert.equal(await s.joy.read.totalSupply(), supply - 3n * SLASH);
  });

  it('pays the majority when one node of three lacked the input; that one is not paid, judged or slashed', async () => {
    const s = await deployed();
    for (const n of s.nodes.slice(0, 3)) await join(n);
    const { taskId, chosen } = await openTask(s);
    const [a, b, lacking] = chosen;
    const balances = await Promise.all(chosen.map((n) => s.joy.read.balanceOf([n.address])));
    await lacking.poi.write.declareNoInput([taskId]);
    await answerAll(taskId, [
      [a, outputHash('7:0.98')],
      [b, outputHash('7:0.98')],
    ]);
    await s.requester.poi.write.settle([taskId]);
    assert.equal((await s.poi.read.getTask([taskId])).status, SETTLED);
    assert.equal(await s.joy.read.balanceOf([a.address]), balances[0] + FEE / 2n);
    assert.equal(await s.joy.read.balanceOf([b.address]), balances[1] + FEE / 2n);
    assert.equal(await s.joy.read.balanceOf([lacking.address]), balances[2]);
    const node = await s.coordinator.read.getNode([lacking.address]);
    assert.deepEqual([node.stake, node.reputation, node.activeTasks], [parseEther('500'), 500, 0]);
  });

  it('refuses a declaration after a commit, twice, from a stranger or after the commit window', async () => {
    const s = await deployed();
    for (const n of s.nodes.slice(0, 3)) await join(n);
    const { taskId, chosen } = await openTask(s);
    const [committed, declared, late] = chosen;
    await answer(taskId, committed, outputHash('x'));
    assert.equal((await revertOf(committed.poi.write.declareNoInput([taskId])))?.errorName, 'AlreadyCommitted');
    await declared.poi.write.declareNoInput([taskId]);
    assert.equal((await revertOf(declared.poi.write.declareNoInput([taskId])))?.errorName, 'DeclaredNoInput');
    assert.equal(
      (await revertOf(declared.poi.write.commit([taskId, commitment(taskId, declared, outputHash('x'))])))?.errorName,
      'DeclaredNoInput',
    );
    assert.equal((await revertOf(s.creator.poi.write.declareNoInput([taskId])))?.errorName, 'NotAssigned');
    await advance(WINDOW + 1n);
    assert.equal((await revertOf(late.poi.write.declareNoInput([taskId])))?.errorName, 'CommitClosed');
  });
});

describe('a requester grinding the selection', () => {
  it('has no selection to read in its own transaction: the next block seeds it, and anyone assigns', async () => {
    const s = await deployed();
    for (const n of s.nodes) await join(n);
    const input = keccak256(toHex('input'));
    const hash = await s.requester.poi.write.createTask([0n, 0, input, 3, FEE, maxUint256, 'u33d']);
    const created = await f.publicClient.waitForTransactionReceipt({ hash });
    assert.equal((await s.poi.read.getTask([0n])).status, PENDING);
    assert.deepEqual(await s.poi.read.assignedNodes([0n]), [], 'nothing was selected when the requester sent it');

    // The seed is the hash of the block the task landed in, unknown to whoever signed the task.
    const seed = keccak256(
      encodeAbiParameters(
        [{ type: 'bytes32' }, { type: 'uint256' }, { type: 'bytes32' }],
        [created.blockHash, 0n, input],
      ),
    );
    const expected = await s.coordinator.read.select([0n, 3, seed, 'u33d']);
    // A caller short of gas cannot turn the assignment into a refund it prefers: it reverts whole.
    await assert.rejects(s.requester.poi.write.assign([0n], { gas: 120_000n }));
    assert.equal((await s.poi.read.getTask([0n])).status, PENDING);
    await s.creator.poi.write.assign([0n]);
    assert.deepEqual(await s.poi.read.assignedNodes([0n]), expected);
    const task = await s.poi.read.getTask([0n]);
    assert.equal(task.status, OPEN);
    assert.equal((await revertOf(s.requester.poi.write.assign([0n])))?.errorName, 'NotPending');
  });

  it('refuses an assignment in the block the task was created in', async () => {
    const s = await deployed();
    for (const n of s.nodes) await join(n);
    await f.testClient.setAutomine(false);
    try {
      await s.requester.poi.write.createTask([0n, 0, keccak256(toHex('i')), 3, FEE, maxUint256, ''], {
        gas: 1_000_000n,
      });
      const same = await s.requester.poi.write.assign([0n], { gas: 3_000_000n });
      await f.testClient.mine({ blocks: 1 });
      assert.equal((await f.publicClient.getTransactionReceipt({ hash: same })).status, 'reverted');
    } finally {
      await f.testClient.setAutomine(true);
    }
    await s.requester.poi.write.assign([0n]);
    assert.equal((await s.poi.read.getTask([0n])).status, OPEN);
  });

  it('reseeds from a later block when the seed block fell out of reach, rather than from a known hash', async () => {
    const s = await deployed();
    for (const n of s.nodes) await join(n);
    await s.requester.poi.write.createTask([0n, 0, keccak256(toHex('i')), 3, FEE, maxUint256, '']);
    await f.testClient.mine({ blocks: 300 });
    await s.requester.poi.write.assign([0n]);
    const task = await s.poi.read.getTask([0n]);
    assert.equal(task.status, PENDING);
    assert.equal(task.seedBlock, await f.publicClient.getBlockNumber());
    await s.requester.poi.write.assign([0n]);
    assert.equal((await s.poi.read.getTask([0n])).status, OPEN);
  });
});

describe('many registrations', () => {
  it("do not raise what a task's selection costs, and a model's candidate list stays bounded", async () => {
    const s = await deployed({ tasksPerHour: 10 });
    for (const n of s.nodes.slice(0, 3)) await join(n);
    // Blocks come faster than seconds pass here, so the chain's clock runs ahead: beats keep nodes live.
    const beat = async (parties: Party[]) => {
      for (const p of parties) await p.coordinator.write.heartbeat();
    };
    const assignGas = async () => {
      await beat(s.nodes.slice(0, 3));
      const taskId = await s.poi.read.taskCount();
      await s.requester.poi.write.createTask([0n, 0, keccak256(toHex(`i${taskId}`)), 3, FEE, maxUint256, 'u33d']);
      const hash = await s.requester.poi.write.assign([taskId]);
      return (await f.publicClient.waitForTransactionReceipt({ hash })).gasUsed;
    };
    const few = await assignGas();
    const crowd: Party[] = [];
    for (const p of await s.moreParties(100)) crowd.push(p);
    // 100 registrations for other models: a task for model 0 does not read them.
    for (const [i, p] of crowd.entries()) await join(p, { models: [BigInt(1 + (i % 5))], stake: MIN_STAKE });
    const afterOthers = await assignGas();
    assert.ok(afterOthers - few < 2_000n, `assign took ${few} gas, then ${afterOthers} with 100 more nodes`);

    // Model 0's list fills at 64; a newcomer only takes the place of a weaker node.
    const joining = await s.moreParties(62);
    for (const p of joining.slice(0, 61)) await join(p, { stake: MIN_STAKE });
    assert.equal((await s.coordinator.read.candidatesOf([0n])).length, 64);
    await beat(joining.slice(0, 61));
    const weak = joining[61];
    await weak.joy.write.stake([MIN_STAKE]);
    assert.equal(
      (await revertOf(weak.coordinator.write.register([GPU, 10, 'u33d', 'weak', MIN_STAKE, [0n]])))?.errorName,
      'ModelFull',
    );
    const strong = crowd[0];
    await strong.joy.write.stake([parseEther('400')]);
    await strong.coordinator.write.addStake([parseEther('400')]);
    await strong.coordinator.write.setModels([[0n], []]);
    const candidates = await s.coordinator.read.candidatesOf([0n]);
    assert.equal(candidates.length, 64);
    assert.ok(candidates.some((a) => a.toLowerCase() === strong.address.toLowerCase()));
    const full = await assignGas();
    assert.ok(full < 2_000_000n, `assign with a full candidate list took ${full} gas`);
  });
});

/** A small seeded generator (mulberry32): the same seed replays the same run. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}

describe('a fuzzed run of tasks', () => {
  const SEED = Number(process.env.FUZZ_SEED ?? 14);
  it(`keeps requesters from gaining, nodes that lacked the input whole, the escrow (seed ${SEED})`, async () => {
    const random = randomFrom(SEED);
    const s = await deployed({ tasksPerHour: 50 });
    const nodes = [...s.nodes, ...(await s.moreParties(3))];
    for (const n of nodes) await join(n);
    const second = (await s.moreParties(1))[0];
    await second.joy.write.approve([s.poi.address, maxUint256]);
    const requesters = [s.requester, second];
    let burned = 0n;
    const supply = await s.joy.read.totalSupply();

    for (let step = 0; step < 16; step++) {
      for (const n of nodes) await n.coordinator.write.heartbeat();
      const available = Number(await s.coordinator.read.countSelectable([0n, 5n]));
      const k = random.pick([1, 3, 5].filter((x) => x <= available));
      const fee = random.pick([0n, parseEther('1'), parseEther('9'), parseEther('20')]);
      const requester = random.pick(requesters);
      const spent = await s.joy.read.balanceOf([requester.address]);
      const taskId = await s.poi.read.taskCount();
      await requester.poi.write.createTask([0n, 0, keccak256(toHex(`in-${step}`)), k, fee, maxUint256, '']);
      await requester.poi.write.assign([taskId]);
      assert.equal(await s.joy.read.balanceOf([s.poi.address]), fee + PRICE, 'the escrow is held');
      const chosen = partiesOf(nodes, await s.poi.read.assignedNodes([taskId]));

      // Which nodes the input reaches is the requester's choice; a reached node may lie, one not
      // reached says so or is offline.
      const roles = chosen.map(() =>
        random.chance(0.6) ? (random.chance(0.2) ? 'liar' : 'honest') : random.chance(0.7) ? 'declares' : 'offline',
      );
      const before = await Promise.all(chosen.map((n) => s.coordinator.read.getNode([n.address])));
      const reveals: (() => Promise<unknown>)[] = [];
      for (const [i, n] of chosen.entries()) {
        if (roles[i] === 'declares') await n.poi.write.declareNoInput([taskId]);
        if (roles[i] === 'honest') reveals.push(await answer(taskId, n, outputHash('7:0.98')));
        if (roles[i] === 'liar') reveals.push(await answer(taskId, n, outputHash(`lie-${i}`)));
      }
      if (roles.includes('offline')) await advance(WINDOW + 1n);
      for (const reveal of reveals) await reveal();
      if (roles.includes('offline')) await advance(WINDOW + 1n);
      const supplyBefore = await s.joy.read.totalSupply();
      await requester.poi.write.settle([taskId]);
      burned += supplyBefore - (await s.joy.read.totalSupply());

      const task = await s.poi.read.getTask([taskId]);
      assert.ok(task.status === SETTLED || task.status === REFUNDED);
      assert.ok((await s.joy.read.balanceOf([requester.address])) <= spent, `step ${step}: the requester gained`);
      assert.equal(await s.joy.read.balanceOf([s.poi.address]), 0n, `step ${step}: escrow left behind`);
      for (const [i, n] of chosen.entries()) {
        const after = await s.coordinator.read.getNode([n.address]);
        if (roles[i] === 'declares') {
          assert.equal(after.stake, before[i].stake, `step ${step}: a node without the input lost stake`);
          assert.equal(after.reputation, before[i].reputation, `step ${step}: its reputation moved`);
        }
        if (roles[i] === 'honest' && task.status === SETTLED && task.result === outputHash('7:0.98'))
          assert.equal(after.stake, before[i].stake, `step ${step}: an honest node was slashed`);
        assert.equal(after.activeTasks, before[i].activeTasks - 1, `step ${step}: the task still holds a node`);
      }
    }
    // JOY is only ever burned by slashing silent nodes of refunded tasks.
    assert.equal(await s.joy.read.totalSupply(), supply - burned);
    assert.equal(burned % SLASH, 0n);
  });
});
