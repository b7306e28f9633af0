import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { network } from 'hardhat';
import { revertOf } from './revert-of.ts';

const { viem } = await network.create();
const [creator, other] = await viem.getWalletClients();

const cid = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const spec = '{"inputs":[{"name":"pixels","shape":[1,784],"type":"float32"}]}';

async function deployed() {
  return viem.deployContract('ModelMarketplace');
}

describe('ModelMarketplace', () => {
  it('registers a model and emits ModelRegistered with its id', async () => {
    const market = await deployed();
    const hash = await market.write.registerModel(['digits', 'image-classification', cid, spec, 1234n]);
    const publicClient = await viem.getPublicClient();
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    const events = await market.getEvents.ModelRegistered({}, { blockHash: receipt.blockHash });
    assert.equal(events.length, 1);
    assert.equal(events[0].args.id, 0n);
    assert.equal(events[0].args.name, 'digits');
    assert.equal(events[0].args.creator?.toLowerCase(), creator.account.address.toLowerCase());

    const model = await market.read.getModel([0n]);
    assert.equal(model.name, 'digits');
    assert.equal(model.task, 'image-classification');
    assert.equal(model.weightsCid, cid);
    assert.equal(model.spec, spec);
    assert.equal(model.sizeBytes, 1234n);
    assert.ok(model.registeredAt > 0n);
    assert.equal(await market.read.modelCount(), 1n);
    assert.equal(await market.read.modelIdByName(['digits']), 0n);
  });

  it('lists models in pages in registration order', async () => {
    const market = await deployed();
    for (const name of ['a', 'b', 'c']) await market.write.registerModel([name, 'task', cid, spec, 1n]);
    const firstTwo = await market.read.listModels([0n, 2n]);
    assert.deepEqual(firstTwo.map((m) => m.name), ['a', 'b']);
    const rest = await market.read.listModels([2n, 10n]);
    assert.deepEqual(rest.map((m) => m.name), ['c']);
    assert.deepEqual(await market.read.listModels([3n, 10n]), []);
  });

  it('refuses a name that another creator already holds', async () => {
    const market = await deployed();
    await market.write.registerModel(['digits', 'task', cid, spec, 1n]);
    const asOther = await viem.getContractAt('ModelMarketplace', market.address, { client: { wallet: other } });
    const error = await revertOf(asOther.write.registerModel(['digits', 'task', cid, spec, 1n]));
    assert.equal(error?.errorName, 'NameTaken');
    assert.deepEqual(error?.args, ['digits', 0n]);
    assert.equal(await market.read.modelCount(), 1n);
  });

  it('refuses empty fields, a zero size and oversized fields with custom errors', async () => {
    const market = await deployed();
    assert.deepEqual((await revertOf(market.write.registerModel(['', 't', cid, spec, 1n])))?.args, ['name']);
    assert.deepEqual((await revertOf(market.write.registerModel(['n', '', cid, spec, 1n])))?.args, ['task']);
    assert.deepEqual((await revertOf(market.write.registerModel(['n', 't', '', spec, 1n])))?.args, ['weightsCid']);
    assert.deepEqual((await revertOf(market.write.registerModel(['n', 't', cid, '', 1n])))?.args, ['spec']);
    assert.equal((await revertOf(market.write.registerModel(['n', 't', cid, spec, 0n])))?.errorName, 'ZeroSize');
    const long = 'x'.repeat(4097);
    const tooLong = await revertOf(market.write.registerModel(['n', 't', cid, long, 1n]));
    assert.equal(tooLong?.errorName, 'FieldTooLong');
    assert.deepEqual(tooLong?.args, ['spec', 4097n]);
    assert.equal(await market.read.modelCount(), 0n);
  });

  it('reverts with UnknownModel and UnknownName for ids and names it does not hold', async () => {
    const market = await deployed();
    assert.equal((await revertOf(market.read.getModel([0n])))?.errorName, 'UnknownModel');
    assert.equal((await revertOf(market.read.modelIdByName(['nope'])))?.errorName, 'UnknownName');
  });
});
