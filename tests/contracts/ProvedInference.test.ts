// Zero-knowledge proof of inference on Hardhat's in-process chain, with the digit model's real
// Groth16 verifier and real proofs (snarkjs, the committed circuit and key): a model's creator
// registers a version's prover once; a proof task settles with a valid proof and pays the prover
// and the model; a forged output, another input's proof, a vote task, a late proof are refused
// with their errors; an unproved task is refunded after its deadline.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { network } from 'hardhat';
import * as snarkjs from 'snarkjs';
import { releaseCurve, warmCurve } from '@permanet/core/proving/bn128-curve';
import {
  encodeAbiParameters,
  getAddress,
  zeroAddress,
  keccak256,
  maxUint256,
  parseEventLogs,
  parseEther,
  toFunctionSelector,
  toHex,
  type Hex,
} from 'viem';
import { heldOutSet } from '../../models/digits/dataset.ts';
import { proofWords } from '@permanet/core/proving/groth16-calldata';
import { verifyingKeyHash, verifyingKeyOf } from '@permanet/core/proving/verifying-key';
import { quantizeInput, type QuantizedMlp } from '@permanet/core/proving/quantized-mlp';
import { revertOf } from './revert-of.ts';
import { deployTestNetwork, digitsRegistration } from './test-network.ts';

const { viem } = await network.create();
const testClient = await viem.getTestClient();
const [_admin, creator, requester, prover, stranger] = await viem.getWalletClients();

const WINDOW = 60n;
const FEE = parseEther('2');
const PRICE = parseEther('1');
const file = (path: string) => new URL(`../../circuits/digits/${path}`, import.meta.url).pathname;
const quantized = JSON.parse(
  readFileSync(new URL('../../models/digits/digits.quant.json', import.meta.url), 'utf8'),
) as QuantizedMlp;
const CIRCUIT_CID = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';
const KEY_CID = 'bafkreiaxnnnb7qz2focittuqq3ya25q7rcv3bqynnczfzao6ybpcbtx4zy';
const verifyingKey = verifyingKeyOf(JSON.parse(readFileSync(file('verification_key.json'), 'utf8')));
const proverOf = (verifier: Hex, circuitCid = CIRCUIT_CID) => ({
  verifier: getAddress(verifier),
  circuitCid,
  provingKeyCid: KEY_CID,
  circuitBytes: 2_000_000n,
  provingKeyBytes: 9_000_000n,
});

async function prove(digit: number, salt = 99n) {
  const x = quantizeInput(quantized.inputScale, heldOutSet()[digit].pixels);
  const { proof, publicSignals } = await snarkjs.groth16.fullProve(
    { x, salt: salt.toString() },
    file('digits.wasm'),
    file('digits.zkey'),
  );
  return {
    words: proofWords(proof),
    signals: publicSignals.map(BigInt),
    commitment: toHex(BigInt(publicSignals[0]), { size: 32 }),
  };
}

async function deployed() {
  const { joy, market, poi, as } = await deployTestNetwork(viem, {
    joySupply: parseEther('1000000'),
    joyCooldown: 3600n,
    platformFeeBps: 0,
    registrationsPerWindow: 10,
    heartbeatTtl: 300n,
    commitWindow: WINDOW,
    revealWindow: WINDOW,
    tasksPerWindow: 10,
  });
  // The verifier the chain accepts: VerifierFactory's, from the circuit's verification key.
  const factory = await viem.getContractAt('VerifierFactory', await market.read.verifierFactory());
  const created = await viem
    .getPublicClient()
    .then(async (client) => client.waitForTransactionReceipt({ hash: await factory.write.create([verifyingKey]) }));
  const [{ args }] = parseEventLogs({ abi: factory.abi, eventName: 'VerifierCreated', logs: created.logs });
  // Called as snarkjs's generated verifier is, through its ABI.
  const verifier = await viem.getContractAt('DigitsVerifier', args.verifier);
  await joy.write.transfer([requester.account.address, parseEther('1000')]);
  const c = await as(creator);
  await c.market.write.registerModel([digitsRegistration(PRICE)]);
  const r = await as(requester);
  await r.joy.write.approve([poi.address, maxUint256]);
  return {
    joy,
    market,
    poi,
    verifier,
    creator: c,
    requester: r,
    prover: await as(prover),
    stranger: await as(stranger),
  };
}
type Setup = Awaited<ReturnType<typeof deployed>>;

const registered = async () => {
  const s = await deployed();
  await s.creator.market.write.registerProver([0n, 0, proverOf(s.verifier.address)]);
  return s;
};

describe('proved inference', () => {
  let proved: Awaited<ReturnType<typeof prove>>;
  before(async () => {
    await warmCurve();
    proved = await prove(3);
  });
  after(async () => {
    await releaseCurve();
  });

  it('a version gets its prover once, from its creator, and relays may pin its artifacts', async () => {
    const s = await deployed();
    const register = (who: Setup['creator'], version = 0, verifier: Hex = s.verifier.address, circuit = CIRCUIT_CID) =>
      revertOf(who.market.write.registerProver([0n, version, proverOf(verifier, circuit)]));
    assert.equal((await register(s.stranger))?.errorName, 'NotCreator');
    assert.equal((await register(s.creator, 1))?.errorName, 'UnknownVersion');
    assert.equal((await register(s.creator, 0, s.stranger.address))?.errorName, 'UnknownVerifier');
    assert.equal((await register(s.creator, 0, s.verifier.address, ''))?.errorName, 'EmptyField');
    assert.equal(
      (
        await revertOf(
          s.creator.market.write.registerProver([0n, 0, { ...proverOf(s.verifier.address), provingKeyBytes: 0n }]),
        )
      )?.errorName,
      'ZeroSize',
    );
    assert.equal((await s.market.read.getProver([0n, 0])).verifier, zeroAddress);
    assert.equal(await s.market.read.verifierOf([0n, 0]), zeroAddress);
    await s.creator.market.write.registerProver([0n, 0, proverOf(s.verifier.address)]);
    assert.deepEqual(await s.market.read.getProver([0n, 0]), proverOf(s.verifier.address));
    assert.equal(await s.market.read.verifierOf([0n, 0]), getAddress(s.verifier.address));
    assert.equal((await revertOf(s.market.read.verifierOf([0n, 1])))?.errorName, 'UnknownVersion');
    assert.equal(await s.market.read.isRegisteredCid([KEY_CID]), true);
    const events = await s.market.getEvents.ProverRegistered();
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].args, {
      id: 0n,
      version: 0,
      verifier: getAddress(s.verifier.address),
      circuitCid: CIRCUIT_CID,
      provingKeyCid: KEY_CID,
    });
    assert.equal((await register(s.creator))?.errorName, 'ProverAlreadyRegistered');
  });

  it('the verifier and isValidProof accept the proof, and refuse it with one public signal changed', async () => {
    const s = await registered();
    const [a0, a1, b00, b01, b10, b11, c0, c1] = proved.words;
    // Two public signals: the input's commitment, then the ten logits packed in 24-bit slots.
    const [commitment, logits] = proved.signals;
    assert.equal(
      await s.verifier.read.verifyProof([
        [a0, a1],
        [
          [b00, b01],
          [b10, b11],
        ],
        [c0, c1],
        [commitment, logits],
      ]),
      true,
    );
    assert.equal(await s.poi.read.isValidProof([0n, 0, proved.words, proved.signals]), true);
    const forgeries: [string, bigint[]][] = [
      ['the commitment', [commitment + 1n, logits]],
      ['logit 0', [commitment, logits + 1n]],
      ['logit 9', [commitment, logits - (1n << 216n)]],
      ['a signal missing', [commitment]],
    ];
    for (const [changed, forged] of forgeries)
      assert.equal(await s.poi.read.isValidProof([0n, 0, proved.words, forged]), false, changed);
  });

  it('a proof task settles with a valid proof: the prover is paid the fee and the model its price', async () => {
    const s = await registered();
    await s.requester.poi.write.createProofTask([0n, 0, proved.commitment, FEE, maxUint256, prover.account.address]);
    const task = await s.poi.read.getTask([0n]);
    assert.equal(task.k, 0);
    assert.equal(task.inputHash, proved.commitment);
    assert.deepEqual(await s.poi.read.assignedNodes([0n]), []);

    const before = await s.joy.read.balanceOf([prover.account.address]);
    await s.prover.poi.write.settleWithProof([0n, proved.words, proved.signals]);
    const settled = await s.poi.read.getTask([0n]);
    assert.equal(settled.status, 3);
    const expected = keccak256(encodeAbiParameters([{ type: 'uint256[]' }], [proved.signals]));
    assert.equal(settled.result, expected);
    assert.equal((await s.joy.read.balanceOf([prover.account.address])) - before, FEE);
    assert.equal(await s.market.read.earningsOf([creator.account.address]), PRICE);
    const [event] = await s.poi.getEvents.TaskProved();
    assert.deepEqual(event.args, { taskId: 0n, prover: getAddress(prover.account.address), result: expected });
    assert.equal(
      (await revertOf(s.prover.poi.write.settleWithProof([0n, proved.words, proved.signals])))?.errorName,
      'NotOpen',
    );
  });

  // Issue 14: a watcher of the mempool copied a valid proof and took the fee.
  it('pays the fee to the prover the task names, whoever submits the proof', async () => {
    const s = await registered();
    await s.requester.poi.write.createProofTask([0n, 0, proved.commitment, FEE, maxUint256, prover.account.address]);
    assert.equal(getAddress(await s.poi.read.proverOf([0n])), getAddress(prover.account.address));
    const copier = s.stranger;
    const before = {
      prover: await s.joy.read.balanceOf([prover.account.address]),
      copier: await s.joy.read.balanceOf([stranger.account.address]),
    };
    await copier.poi.write.settleWithProof([0n, proved.words, proved.signals]);
    assert.equal((await s.joy.read.balanceOf([prover.account.address])) - before.prover, FEE);
    assert.equal(await s.joy.read.balanceOf([stranger.account.address]), before.copier);
  });

  it('refuses a forged output, another input, a vote task, a late proof, and a version without a prover', async () => {
    const s = await registered();
    await s.requester.poi.write.createProofTask([0n, 0, proved.commitment, FEE, maxUint256, prover.account.address]);
    const settle = (signals: bigint[], taskId = 0n) =>
      revertOf(s.prover.poi.write.settleWithProof([taskId, proved.words, signals]));
    // Logit 3 one higher.
    assert.equal((await settle([proved.signals[0], proved.signals[1] + (1n << 72n)]))?.errorName, 'InvalidProof');
    const other = await prove(8, 7n);
    assert.equal(
      (await revertOf(s.prover.poi.write.settleWithProof([0n, other.words, other.signals])))?.errorName,
      'CommitmentMismatch',
    );
    assert.equal((await settle([]))?.errorName, 'CommitmentMismatch');
    // The marketplace's own error, raised in the call ProofOfInference makes to it.
    assert.equal(
      (
        await revertOf(
          s.requester.poi.write.createProofTask([0n, 1, proved.commitment, FEE, maxUint256, prover.account.address]),
        )
      )?.signature,
      toFunctionSelector('UnknownVersion(uint256,uint32)'),
    );
    await s.creator.market.write.publishVersion([
      0n,
      'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
      'bafkreidgvpkjawlxz6sffxzwgooowe5yt7i6wsyg236mfoks77nywkptdq',
      '{}',
      1n,
    ]);
    assert.equal(
      (
        await revertOf(
          s.requester.poi.write.createProofTask([0n, 1, proved.commitment, FEE, maxUint256, prover.account.address]),
        )
      )?.errorName,
      'NoProver',
    );
    assert.equal(
      (await revertOf(s.poi.read.isValidProof([0n, 1, proved.words, proved.signals])))?.errorName,
      'NoProver',
    );

    // Nothing was lost to the refusals; after the deadline the proof is late and the task refunds.
    assert.equal((await s.poi.read.getTask([0n])).status, 2);
    assert.equal((await revertOf(s.stranger.poi.write.settle([0n])))?.errorName, 'TooEarly');
    await testClient.increaseTime({ seconds: Number(2n * WINDOW + 1n) });
    await testClient.mine({ blocks: 1 });
    assert.equal((await settle(proved.signals))?.errorName, 'ProofWindowClosed');
    const before = await s.joy.read.balanceOf([requester.account.address]);
    await s.stranger.poi.write.settle([0n]);
    assert.equal((await s.poi.read.getTask([0n])).status, 4);
    assert.equal((await s.joy.read.balanceOf([requester.account.address])) - before, FEE + PRICE);
  });

  it('a vote task cannot be settled with a proof', async () => {
    const s = await registered();
    const coordinator = await viem.getContractAt('NodeCoordinator', await s.poi.read.coordinator());
    const node = await viem.getContractAt('NodeCoordinator', coordinator.address, { client: { wallet: stranger } });
    await s.joy.write.transfer([stranger.account.address, parseEther('500')]);
    const joyAsNode = await viem.getContractAt('JoyToken', s.joy.address, { client: { wallet: stranger } });
    await joyAsNode.write.stake([parseEther('200')]);
    await node.write.register([0, 10, 'u33d', '12D3KooWstranger', parseEther('200'), [0n]]);
    await s.requester.poi.write.createTask([0n, 0, proved.commitment, 1, FEE, maxUint256, '']);
    await s.requester.poi.write.assign([0n]);
    assert.equal(
      (await revertOf(s.prover.poi.write.settleWithProof([0n, proved.words, proved.signals])))?.errorName,
      'NotAProofTask',
    );
  });
});

// Issue 14: a creator could register any contract, an always-true one or a proxy, as a version's verifier.
describe('verifier provenance', () => {
  // A proof made here starts the curve's threads again.
  after(releaseCurve);

  it("accepts as a version's verifier only one the factory made, whose key hash it records", async () => {
    const s = await deployed();
    // snarkjs's own generated verifier for the same key is a real verifier, but the chain cannot tell it from
    // any other contract: refused, as an always-true one would be.
    const generated = await viem.deployContract('DigitsVerifier');
    assert.equal(
      (await revertOf(s.creator.market.write.registerProver([0n, 0, proverOf(generated.address)])))?.errorName,
      'UnknownVerifier',
    );
    const factory = await viem.getContractAt('VerifierFactory', await s.market.read.verifierFactory());
    assert.equal(await factory.read.keyHashOf([s.verifier.address]), verifyingKeyHash(verifyingKey));
    assert.equal(await factory.read.keyHashOf([generated.address]), `0x${'00'.repeat(32)}`);
    await s.creator.market.write.registerProver([0n, 0, proverOf(s.verifier.address)]);
  });

  it("the factory's verifier accepts exactly what snarkjs's generated verifier accepts", async () => {
    const s = await deployed();
    const generated = await viem.deployContract('DigitsVerifier');
    const proved = await prove(5, 7n);
    const call = (address: Hex, signals: bigint[]) => {
      const selector = toFunctionSelector(
        `verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[${signals.length}])`,
      );
      const args = encodeAbiParameters(
        [{ type: 'uint256[8]' }, { type: `uint256[${signals.length}]` }],
        [proved.words as never, signals],
      );
      return viem
        .getPublicClient()
        .then((client) => client.call({ to: address, data: `${selector}${args.slice(2)}` as Hex }));
    };
    const tampered = [proved.signals[0], proved.signals[1] + 1n];
    for (const signals of [proved.signals, tampered]) {
      const [ours, theirs] = await Promise.all([call(s.verifier.address, signals), call(generated.address, signals)]);
      assert.equal(ours.data, theirs.data);
    }
    assert.equal((await call(s.verifier.address, proved.signals)).data, `0x${'00'.repeat(31)}01`);
    assert.equal((await call(s.verifier.address, tampered)).data, `0x${'00'.repeat(32)}`);
    // A signal at or past the field's modulus is refused, not reduced.
    const r = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
    assert.equal(
      (await call(s.verifier.address, [proved.signals[0] + r, proved.signals[1]])).data,
      `0x${'00'.repeat(32)}`,
    );
  });
});
