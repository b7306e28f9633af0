import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { network } from 'hardhat';
import {
  getAddress,
  keccak256,
  maxUint256,
  parseEther,
  toFunctionSelector,
  toHex,
  type Abi,
  type AbiFunction,
  type Address,
} from 'viem';
import { revertOf } from './revert-of.ts';
import { deployTestNetwork } from './test-network.ts';

const { viem } = await network.create();
const publicClient = await viem.getPublicClient();
const testClient = await viem.getTestClient();
const [admin, alice, bob, carol, treasury, outsider] = await viem.getWalletClients();

const FEE_BPS = 1000; // 10%
const PER_WINDOW = 3;
const WINDOW = 3600n;
const cid = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const cardCid = 'bafkreidgvpkjawlxz6sffxzwgooowe5yt7i6wsyg236mfoks77nywkptdq';
const spec = '{"presentation":"digit-canvas"}';
const GUARDIAN_ROLE = keccak256(toHex('GUARDIAN_ROLE'));

async function deployed() {
  const { joy, market, as } = await deployTestNetwork(viem, {
    joySupply: parseEther('1000000'),
    joyCooldown: 3600n,
    treasury: treasury.account.address,
    platformFeeBps: FEE_BPS,
    registrationsPerWindow: PER_WINDOW,
    registrationWindow: WINDOW,
  });
  for (const wallet of [alice, bob, carol]) await joy.write.transfer([wallet.account.address, parseEther('1000')]);
  return {
    joy,
    market,
    alice: await as(alice),
    bob: await as(bob),
    carol: await as(carol),
    treasury: await as(treasury),
    outsider: await as(outsider),
  };
}

type Setup = Awaited<ReturnType<typeof deployed>>;

const registration = (name: string, overrides: Partial<Record<string, unknown>> = {}) =>
  ({
    name,
    task: 'image-classification',
    licence: 'MIT',
    weightsCid: cid,
    cardCid,
    spec,
    sizeBytes: 1234n,
    pricePerUse: parseEther('1'),
    licencePrice: parseEther('100'),
    derivativeRoyaltyBps: 0,
    parentIdPlusOne: 0n,
    ...overrides,
  }) as never;

async function logsOf(hash: `0x${string}`, market: Setup['market']) {
  const { blockHash } = await publicClient.waitForTransactionReceipt({ hash });
  return {
    registered: await market.getEvents.ModelRegistered({}, { blockHash }),
    versions: await market.getEvents.VersionPublished({}, { blockHash }),
    splits: await market.getEvents.RevenueSplit({}, { blockHash }),
  };
}

describe('ModelMarketplace', () => {
  it('registers a model with its first version and lists it with the latest version', async () => {
    const { market, alice, bob } = await deployed();
    const logs = await logsOf(await alice.market.write.registerModel([registration('digits')]), market);
    assert.equal(logs.registered[0].args.id, 0n);
    assert.equal(getAddress(logs.registered[0].args.creator!), getAddress(alice.account.address));
    assert.equal(logs.versions[0].args.version, 0);
    const model = await market.read.getModel([0n]);
    assert.equal(model.name, 'digits');
    assert.equal(model.licence, 'MIT');
    assert.equal(model.versionCount, 1);
    assert.equal(model.listed, true);
    const [listing] = await market.read.listModels([0n, 10n]);
    assert.equal(listing.id, 0n);
    assert.equal(listing.latest.weightsCid, cid);
    assert.equal(listing.latest.cardCid, cardCid);
    assert.equal(await market.read.modelIdByName(['digits']), 0n);
    // What relays check before they pin: the CIDs a registration names, and who publishes.
    assert.equal(await market.read.isRegisteredCid([cid]), true);
    assert.equal(await market.read.isRegisteredCid([cardCid]), true);
    assert.equal(await market.read.isRegisteredCid(['bafkreiunknown']), false);
    assert.equal(await market.read.isPublisher([alice.account.address]), true);
    assert.equal(await market.read.isPublisher([bob.account.address]), false);
  });

  it('keeps every version when a new one is published, and only the creator may publish', async () => {
    const { market, alice, bob } = await deployed();
    await alice.market.write.registerModel([registration('digits')]);
    await alice.market.write.publishVersion([0n, 'bafkreinew', cardCid, spec, 999n]);
    assert.equal((await market.read.getModel([0n])).versionCount, 2);
    assert.equal((await market.read.getVersion([0n, 0])).weightsCid, cid);
    assert.equal((await market.read.getVersion([0n, 1])).weightsCid, 'bafkreinew');
    assert.equal((await market.read.listModels([0n, 1n]))[0].latest.sizeBytes, 999n);
    assert.equal(
      (await revertOf(bob.market.write.publishVersion([0n, cid, cardCid, spec, 1n])))?.errorName,
      'NotCreator',
    );
    assert.equal((await revertOf(market.read.getVersion([0n, 2])))?.errorName, 'UnknownVersion');
  });

  it('refuses bad registrations with custom errors and keeps nothing of them', async () => {
    const { market, alice, bob } = await deployed();
    await alice.market.write.registerModel([registration('digits')]);
    for (const field of ['name', 'task', 'licence', 'weightsCid', 'cardCid', 'spec']) {
      const error = await revertOf(bob.market.write.registerModel([registration('x', { [field]: '' })]));
      assert.deepEqual([error?.errorName, error?.args], ['EmptyField', [field]]);
    }
    assert.equal(
      (await revertOf(bob.market.write.registerModel([registration('x', { sizeBytes: 0n })])))?.errorName,
      'ZeroSize',
    );
    assert.deepEqual(
      (await revertOf(bob.market.write.registerModel([registration('x', { spec: 'y'.repeat(4097) })])))?.args,
      ['spec', 4097n],
    );
    assert.equal(
      (await revertOf(bob.market.write.registerModel([registration('x', { derivativeRoyaltyBps: 5001 })])))?.errorName,
      'RoyaltyTooHigh',
    );
    assert.equal(
      (await revertOf(bob.market.write.registerModel([registration('x', { parentIdPlusOne: 5n })])))?.errorName,
      'UnknownModel',
    );
    assert.deepEqual((await revertOf(bob.market.write.registerModel([registration('digits')])))?.args, ['digits', 0n]);
    assert.equal(await market.read.modelCount(), 1n);
    assert.equal((await revertOf(market.read.modelIdByName(['nope'])))?.errorName, 'UnknownName');
  });

  it('limits registrations per account and window', async () => {
    const { alice, bob } = await deployed();
    for (let i = 0; i < PER_WINDOW; i++) await alice.market.write.registerModel([registration(`m${i}`)]);
    const limited = await revertOf(alice.market.write.registerModel([registration('one-too-many')]));
    assert.equal(limited?.errorName, 'RateLimited');
    // Another account is not affected; the same account may go on after the window.
    await bob.market.write.registerModel([registration('bobs')]);
    await testClient.increaseTime({ seconds: Number(WINDOW) });
    await testClient.mine({ blocks: 1 });
    await alice.market.write.registerModel([registration('one-too-many')]);
  });

  it('sells a licence: without an allowance nothing happens, with one the price is split 90/10', async () => {
    const { market, joy, alice, bob } = await deployed();
    await alice.market.write.registerModel([registration('digits')]);
    // JoyToken's ERC20InsufficientAllowance(address,uint256,uint256), raised inside the purchase.
    const noAllowance = await revertOf(bob.market.write.buyLicence([0n, maxUint256]));
    assert.equal(noAllowance?.signature, toFunctionSelector('ERC20InsufficientAllowance(address,uint256,uint256)'));
    assert.equal(await market.read.hasLicence([0n, bob.account.address]), false);

    await bob.joy.write.approve([market.address, parseEther('100')]);
    const logs = await logsOf(await bob.market.write.buyLicence([0n, maxUint256]), market);
    assert.deepEqual(
      [logs.splits[0].args.creatorShare, logs.splits[0].args.parentShare, logs.splits[0].args.platformShare],
      [parseEther('90'), 0n, parseEther('10')],
    );
    assert.equal(await market.read.hasLicence([0n, bob.account.address]), true);
    assert.equal(await market.read.earningsOf([alice.account.address]), parseEther('90'));
    assert.equal(await market.read.earningsOf([treasury.account.address]), parseEther('10'));
    assert.equal(await joy.read.balanceOf([bob.account.address]), parseEther('900'));
    assert.equal((await revertOf(bob.market.write.buyLicence([0n, maxUint256])))?.errorName, 'AlreadyLicensed');
  });

  it('pays the parent model its royalty on a derivative', async () => {
    const { market, alice, bob, carol } = await deployed();
    await alice.market.write.registerModel([registration('parent', { derivativeRoyaltyBps: 2000 })]);
    await carol.market.write.registerModel([
      registration('child', { parentIdPlusOne: 1n, licencePrice: parseEther('50') }),
    ]);
    await bob.joy.write.approve([market.address, maxUint256]);
    await bob.market.write.buyLicence([1n, maxUint256]);
    assert.equal(await market.read.earningsOf([alice.account.address]), parseEther('10')); // 20%
    assert.equal(await market.read.earningsOf([treasury.account.address]), parseEther('5')); // 10%
    assert.equal(await market.read.earningsOf([carol.account.address]), parseEther('35')); // the rest
  });

  it('charges per use from the prepaid balance, free with a licence, and counts uses', async () => {
    const { market, joy, alice, bob, carol } = await deployed();
    await alice.market.write.registerModel([registration('digits')]);
    assert.equal((await revertOf(bob.market.write.useModel([0n, maxUint256])))?.errorName, 'InsufficientPrepaid');
    await bob.joy.write.approve([market.address, maxUint256]);
    await bob.market.write.deposit([parseEther('2.5')]);
    await bob.market.write.useModel([0n, maxUint256]);
    await bob.market.write.useModel([0n, maxUint256]);
    const short = await revertOf(bob.market.write.useModel([0n, maxUint256]));
    assert.deepEqual(short?.args, [getAddress(bob.account.address), parseEther('0.5'), parseEther('1')]);
    assert.equal(await market.read.prepaidOf([bob.account.address]), parseEther('0.5'));
    assert.equal(await market.read.earningsOf([alice.account.address]), parseEther('1.8'));
    await bob.market.write.withdrawPrepaid([parseEther('0.5')]);
    assert.equal(await joy.read.balanceOf([bob.account.address]), parseEther('998'));

    await carol.joy.write.approve([market.address, maxUint256]);
    await carol.market.write.buyLicence([0n, maxUint256]);
    await carol.market.write.useModel([0n, maxUint256]);
    assert.equal(await market.read.prepaidOf([carol.account.address]), 0n);
    assert.equal((await market.read.getModel([0n])).uses, 3n);
  });

  it('pays out earnings only to whoever earned them', async () => {
    const { market, joy, alice, bob } = await deployed();
    await alice.market.write.registerModel([registration('digits')]);
    await bob.joy.write.approve([market.address, maxUint256]);
    await bob.market.write.buyLicence([0n, maxUint256]);
    assert.equal((await revertOf(bob.market.write.withdrawEarnings()))?.errorName, 'NothingToWithdraw');
    assert.equal((await revertOf(bob.market.write.withdrawPrepaid([1n])))?.errorName, 'InsufficientPrepaid');
    await alice.market.write.withdrawEarnings();
    assert.equal(await joy.read.balanceOf([alice.account.address]), parseEther('1090'));
    assert.equal(await market.read.earningsOf([alice.account.address]), 0n);
    assert.equal(await joy.read.balanceOf([market.address]), parseEther('10'));
  });

  it('lets the guardian pause payments and publishing, while withdrawals stay open', async () => {
    const { market, alice, bob, outsider } = await deployed();
    await alice.market.write.registerModel([registration('digits')]);
    await bob.joy.write.approve([market.address, maxUint256]);
    await bob.market.write.deposit([parseEther('5')]);
    assert.equal((await revertOf(outsider.market.write.pause()))?.errorName, 'AccessControlUnauthorizedAccount');
    await market.write.pause();
    for (const call of [
      alice.market.write.registerModel([registration('other')]),
      alice.market.write.publishVersion([0n, cid, cardCid, spec, 1n]),
      bob.market.write.buyLicence([0n, maxUint256]),
      bob.market.write.deposit([1n]),
      bob.market.write.useModel([0n, maxUint256]),
    ])
      assert.equal((await revertOf(call))?.errorName, 'EnforcedPause');
    await bob.market.write.withdrawPrepaid([parseEther('5')]);
    await market.write.unpause();
    await bob.market.write.deposit([1n]);
  });

  it('delists: the creator or a guardian; a delisted model cannot be bought or used', async () => {
    const { market, alice, bob } = await deployed();
    await alice.market.write.registerModel([registration('digits')]);
    assert.equal((await revertOf(bob.market.write.setListed([0n, false])))?.errorName, 'NotCreator');
    assert.equal(await market.read.hasRole([GUARDIAN_ROLE, admin.account.address]), true);
    await market.write.setListed([0n, false]);
    assert.equal((await market.read.getModel([0n])).listed, false);
    await bob.joy.write.approve([market.address, maxUint256]);
    assert.equal((await revertOf(bob.market.write.buyLicence([0n, maxUint256])))?.errorName, 'NotListed');
    assert.equal((await revertOf(bob.market.write.useModel([0n, maxUint256])))?.errorName, 'NotListed');
    // Only the creator lists it again.
    assert.equal((await revertOf(market.write.setListed([0n, true])))?.errorName, 'NotCreator');
    await alice.market.write.setListed([0n, true]);
  });

  it('lets only the admin change the fee, within its cap', async () => {
    const { market, alice } = await deployed();
    assert.equal(
      (await revertOf(alice.market.write.setPlatformFee([100, alice.account.address])))?.errorName,
      'AccessControlUnauthorizedAccount',
    );
    assert.equal(
      (await revertOf(market.write.setPlatformFee([2001, treasury.account.address])))?.errorName,
      'FeeTooHigh',
    );
    await market.write.setPlatformFee([500, treasury.account.address]);
    assert.equal(await market.read.platformFeeBps(), 500);
  });

  it('answers ERC-165 for its interface, which names this version', async () => {
    const { market } = await deployed();
    const { abi } = JSON.parse(
      readFileSync(
        new URL('../../artifacts/contracts/marketplace/IModelMarketplace.sol/IModelMarketplace.json', import.meta.url),
        'utf8',
      ),
    ) as { abi: Abi };
    const id = (abi.filter((item) => item.type === 'function') as AbiFunction[])
      .map((fn) => Number.parseInt(toFunctionSelector(fn).slice(2), 16))
      .reduce((a, b) => (a ^ b) >>> 0, 0);
    assert.equal(await market.read.supportsInterface([`0x${id.toString(16).padStart(8, '0')}`]), true);
    assert.equal(await market.read.supportsInterface(['0x01ffc9a7']), true);
    assert.equal(await market.read.supportsInterface(['0xdeadbeef']), false);
    assert.equal(await market.read.VERSION(), 2n);
  });

  // A fuzz run against a ledger kept in JS: every call succeeds exactly when the ledger says it
  // may (nobody spends, uses or withdraws what is not theirs), every balance matches it after
  // every step, and the contract always holds exactly what it owes.
  for (const seed of [7, 1234, 99991]) {
    it(`matches a shadow ledger and conserves tokens over a random sequence of payments (seed ${seed})`, async () => {
      const { market, joy, alice, bob, carol, treasury: treasurer } = await deployed();
      const people = [alice, bob, carol];
      const ROYALTY_BPS = 1500n;
      await alice.market.write.registerModel([registration('a', { derivativeRoyaltyBps: Number(ROYALTY_BPS) })]);
      await carol.market.write.registerModel([
        registration('b', { parentIdPlusOne: 1n, pricePerUse: parseEther('0.3') }),
      ]);
      const models = [
        {
          creator: alice.account.address,
          price: parseEther('1'),
          licence: parseEther('100'),
          parent: null as Address | null,
        },
        {
          creator: carol.account.address,
          price: parseEther('0.3'),
          licence: parseEther('100'),
          parent: alice.account.address as Address | null,
        },
      ];
      for (const p of people) await p.joy.write.approve([market.address, maxUint256]);
      const accounts: Address[] = [
        alice.account.address,
        bob.account.address,
        carol.account.address,
        treasury.account.address,
      ];
      const wallet = new Map<Address, bigint>();
      for (const a of accounts) wallet.set(a, await joy.read.balanceOf([a]));
      const prepaid = new Map<Address, bigint>(accounts.map((a) => [a, 0n]));
      const earnings = new Map<Address, bigint>(accounts.map((a) => [a, 0n]));
      const licensed = new Set<string>();
      const add = (m: Map<Address, bigint>, a: Address, v: bigint) => m.set(a, m.get(a)! + v);
      const split = (id: number, amount: bigint) => {
        const parentShare = models[id].parent ? (amount * ROYALTY_BPS) / 10_000n : 0n;
        const platformShare = (amount * BigInt(FEE_BPS)) / 10_000n;
        if (models[id].parent) add(earnings, models[id].parent!, parentShare);
        add(earnings, treasury.account.address, platformShare);
        add(earnings, models[id].creator, amount - parentShare - platformShare);
      };

      let state = seed;
      const rand = (n: number) => {
        state = (state * 48271) % 2147483647;
        return state % n;
      };
      const succeeded = new Array(6).fill(0);
      for (let step = 0; step < 60; step++) {
        const op = rand(6);
        const who = op === 5 ? [...people, treasurer][rand(4)] : people[rand(3)];
        const me = who.account.address;
        const id = rand(2);
        const amount = parseEther(String(1 + rand(20)));
        const price = licensed.has(`${id}:${me}`) ? 0n : models[id].price;
        const [expected, call, apply] =
          op === 0
            ? [
                wallet.get(me)! >= amount,
                () => who.market.write.deposit([amount]),
                () => {
                  add(wallet, me, -amount);
                  add(prepaid, me, amount);
                },
              ]
            : op === 1
              ? [
                  prepaid.get(me)! >= price,
                  () => who.market.write.useModel([BigInt(id), maxUint256]),
                  () => {
                    add(prepaid, me, -price);
                    split(id, price);
                  },
                ]
              : op === 2
                ? [
                    !licensed.has(`${id}:${me}`) && wallet.get(me)! >= models[id].licence,
                    () => who.market.write.buyLicence([BigInt(id), maxUint256]),
                    () => {
                      add(wallet, me, -models[id].licence);
                      licensed.add(`${id}:${me}`);
                      split(id, models[id].licence);
                    },
                  ]
                : op === 3
                  ? [
                      prepaid.get(me)! >= amount,
                      () => who.market.write.withdrawPrepaid([amount]),
                      () => {
                        add(prepaid, me, -amount);
                        add(wallet, me, amount);
                      },
                    ]
                  : [
                      earnings.get(me)! > 0n,
                      () => who.market.write.withdrawEarnings(),
                      () => {
                        add(wallet, me, earnings.get(me)!);
                        earnings.set(me, 0n);
                      },
                    ];
        const ok = await call().then(
          () => true,
          () => false,
        );
        assert.equal(
          ok,
          expected,
          `step ${step}: operation ${op} by ${me} ${expected ? 'should succeed' : 'should be refused'}`,
        );
        if (ok) {
          (apply as () => void)();
          succeeded[op]++;
        }
        let owed = 0n;
        for (const a of accounts) {
          assert.equal(await joy.read.balanceOf([a]), wallet.get(a), `step ${step}: wallet of ${a}`);
          assert.equal(await market.read.prepaidOf([a]), prepaid.get(a), `step ${step}: prepaid of ${a}`);
          assert.equal(await market.read.earningsOf([a]), earnings.get(a), `step ${step}: earnings of ${a}`);
          owed += prepaid.get(a)! + earnings.get(a)!;
        }
        assert.equal(await joy.read.balanceOf([market.address]), owed, `step ${step}: the contract holds what it owes`);
      }
      assert.ok(
        succeeded.slice(0, 4).every((n) => n > 0),
        `successes per operation: ${succeeded}`,
      );
      let total = await joy.read.balanceOf([market.address]);
      for (const a of [...accounts, admin.account.address]) total += await joy.read.balanceOf([a]);
      assert.equal(total, parseEther('1000000'));
    });
  }
});

// Issue 14: a creator who front-ran a buyer with setPrices(pricePerUse = the buyer's prepaid
// balance) drained it with one use the buyer saw at 1 JOY.
describe('a price raised under a buyer', () => {
  it('is refused: a use and a licence cost at most what the buyer agreed to', async () => {
    const { market, alice, bob } = await deployed();
    await alice.market.write.registerModel([registration('digits')]);
    await bob.joy.write.approve([market.address, maxUint256]);
    await bob.market.write.deposit([parseEther('500')]);
    // The buyer saw 1 JOY a use and 100 JOY a licence; the creator raises both first.
    await alice.market.write.setPrices([0n, parseEther('500'), parseEther('900')]);
    const use = await revertOf(bob.market.write.useModel([0n, parseEther('1')]));
    assert.equal(use?.errorName, 'PriceAboveMax');
    assert.deepEqual(use?.args, [0n, parseEther('500'), parseEther('1')]);
    assert.equal((await revertOf(bob.market.write.buyLicence([0n, parseEther('100')])))?.errorName, 'PriceAboveMax');
    assert.equal(await market.read.prepaidOf([bob.account.address]), parseEther('500'));
    assert.equal(await market.read.earningsOf([alice.account.address]), 0n);
  });
});
