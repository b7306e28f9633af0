// TLDs and names on Hardhat's chain, each rule written as its attack: a front-runner who copies a
// reveal, an owner whose name expired setting records, a taker inside the grace period, a new
// owner of a parent inheriting old subdomains, a DAO TLD's registrant left waiting, a payment of
// the wrong amount; and a fuzzed run checking one owner per name and conserved escrow.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { network } from 'hardhat';
import {
  encodeFunctionData,
  getAddress,
  keccak256,
  namehash,
  parseEther,
  toHex,
  zeroAddress,
  type Address,
  type Hex,
} from 'viem';
import { registrationData, renewalData } from '@permanet/core/chain/actions/names/payment-data';
import { recordCalls } from '@permanet/core/chain/actions/names/set-name-records';
import { ipfsContenthash } from '@permanet/core/names/contenthash';
import { revertOf } from './revert-of.ts';
import { deployTestNetwork, digitsRegistration } from './test-network.ts';

const { viem } = await network.create();
const publicClient = await viem.getPublicClient();
const testClient = await viem.getTestClient();
const [, alice, bob, carol, dao, platform, treasury] = await viem.getWalletClients();

const YEAR = 365n * 24n * 3600n;
const MIN_AGE = 60n;
const MAX_AGE = 24n * 3600n;
const GRACE = 90n * 24n * 3600n;
const policy = (needsApproval = false) => ({
  // 1 to 4 bytes cost more; 5 and more, 5 JOY a year.
  yearlyPrice: [parseEther('500'), parseEther('200'), parseEther('50'), parseEther('20'), parseEther('5')] as const,
  minYears: 1,
  maxYears: 10,
  gracePeriod: GRACE,
  needsApproval,
  modelLinks: true,
});
type Registration = {
  label: string;
  tld: Hex;
  owner: Address;
  yearCount: number;
  secret: Hex;
  records: { coinAddress: Address; contenthash: Hex; textKeys: string[]; textValues: string[]; modelIdPlusOne: bigint };
};
const noRecords = {
  coinAddress: zeroAddress,
  contenthash: '0x' as Hex,
  textKeys: [],
  textValues: [],
  modelIdPlusOne: 0n,
};

async function deployed() {
  const { joy, tlds, names, market, models } = await deployTestNetwork(viem, {
    treasury: platform.account.address,
    minCommitmentAge: MIN_AGE,
    maxCommitmentAge: MAX_AGE,
  });
  for (const wallet of [alice, bob, carol]) await joy.write.transfer([wallet.account.address, parseEther('10000')]);
  await tlds.write.createTld(['ai', alice.account.address, treasury.account.address, 1000, policy()]);
  await tlds.write.createTld(['dao', dao.account.address, dao.account.address, 1000, policy(true)]);
  const as = async (wallet: typeof alice) => ({
    wallet,
    joy: await viem.getContractAt('JoyToken', joy.address, { client: { wallet } }),
    tlds: await viem.getContractAt('TldRegistry', tlds.address, { client: { wallet } }),
    names: await viem.getContractAt('PermaNetDomainRegistry', names.address, { client: { wallet } }),
    market: await viem.getContractAt('ModelMarketplace', market.address, { client: { wallet } }),
    models: await viem.getContractAt('PermaNetMarketplaceAdapter', models.address, { client: { wallet } }),
  });
  return {
    joy,
    tlds,
    names,
    models,
    alice: await as(alice),
    bob: await as(bob),
    carol: await as(carol),
    dao: await as(dao),
  };
}
type Network = Awaited<ReturnType<typeof deployed>>;
type Party = Network['alice'];

const registration = (party: Party, label: string, tld = 'ai', changes: Partial<Registration> = {}): Registration => ({
  label,
  tld: namehash(tld),
  owner: party.wallet.account.address,
  yearCount: 1,
  secret: keccak256(toHex(`${label} ${party.wallet.account.address} ${Math.random()}`)),
  records: noRecords,
  ...changes,
});

/** Commits, waits the minimum age, and registers paying by allowance. */
async function register(party: Party, r: Registration) {
  await party.names.write.commit([await party.names.read.makeCommitment([r])]);
  await testClient.increaseTime({ seconds: Number(MIN_AGE) });
  await party.joy.write.approve([party.names.address, parseEther('10000')]);
  return party.names.write.register([r]);
}

const later = async (seconds: bigint) => {
  await testClient.increaseTime({ seconds: Number(seconds) });
  await testClient.mine({ blocks: 1 });
};
const tokenOf = (name: string) => BigInt(namehash(name));

describe('TldRegistry', () => {
  it('creates TLDs only by the creator role, with a valid label and policy, once', async () => {
    const { tlds, bob } = await deployed();
    assert.equal(
      (
        await revertOf(
          bob.tlds.write.createTld(['x', bob.wallet.account.address, bob.wallet.account.address, 0, policy()]),
        )
      )?.errorName,
      'AccessControlUnauthorizedAccount',
    );
    for (const label of ['AI', '', '-ai', 'a.b', 'é'])
      assert.equal(
        (await revertOf(tlds.write.createTld([label, alice.account.address, alice.account.address, 0, policy()])))
          ?.errorName,
        'InvalidLabel',
      );
    assert.equal(
      (await revertOf(tlds.write.createTld(['ai', alice.account.address, alice.account.address, 0, policy()])))
        ?.errorName,
      'TldExists',
    );
    const bad = await revertOf(
      tlds.write.createTld(['x', alice.account.address, alice.account.address, 0, { ...policy(), minYears: 0 }]),
    );
    assert.deepEqual([bad?.errorName, bad?.args], ['InvalidPolicy', ['minYears is 0']]);
    assert.equal(
      (await revertOf(tlds.write.createTld(['x', alice.account.address, alice.account.address, 5001, policy()])))
        ?.errorName,
      'ShareTooHigh',
    );
    assert.equal((await tlds.read.tldOf([namehash('ai')])).label, 'ai');
  });

  it("lets a TLD's owner set its policy, treasury, reserved labels and owner, and nobody else", async () => {
    const { alice, bob } = await deployed();
    const ai = namehash('ai');
    assert.equal((await revertOf(bob.tlds.write.setPolicy([ai, policy(true)])))?.errorName, 'NotTldOwner');
    assert.equal(
      (await revertOf(alice.tlds.write.setPlatformShare([ai, 0])))?.errorName,
      'AccessControlUnauthorizedAccount',
    );
    await alice.tlds.write.setReserved([ai, [keccak256(toHex('openai'))], true]);
    assert.equal(await alice.tlds.read.isReserved([ai, keccak256(toHex('openai'))]), true);
    await alice.tlds.write.transferTld([ai, bob.wallet.account.address]);
    assert.equal(
      (await revertOf(alice.tlds.write.setTreasury([ai, alice.wallet.account.address])))?.errorName,
      'NotTldOwner',
    );
    await bob.tlds.write.setPolicy([ai, policy(true)]);
    assert.equal((await bob.tlds.read.tldOf([ai])).policy.needsApproval, true);
  });
});

describe('PermaNetDomainRegistry', () => {
  it('registers a name with its records in one reveal; the token id is its ENS namehash', async () => {
    const { names, alice, bob } = await deployed();
    const contenthash = '0xe301017012201234' as Hex;
    const r = registration(bob, 'digits', 'ai', {
      records: {
        coinAddress: bob.wallet.account.address,
        contenthash,
        textKeys: ['url', 'description'],
        textValues: ['https://permanet.example', 'a digit model'],
        modelIdPlusOne: 0n,
      },
    });
    assert.equal(await names.read.available([namehash('ai'), 'digits']), true);
    await register(bob, r);
    const node = namehash('digits.ai');
    assert.equal(getAddress(await names.read.ownerOf([BigInt(node)])), getAddress(bob.wallet.account.address));
    assert.equal(getAddress(await names.read.addr([node])), getAddress(bob.wallet.account.address));
    assert.equal(await names.read.contenthash([node]), contenthash);
    assert.equal(await names.read.text([node, 'description']), 'a digit model');
    assert.equal(await names.read.available([namehash('ai'), 'digits']), false);
    // 5 JOY for a year, kept for the TLD: 10% to the platform, the rest to its treasury.
    assert.deepEqual(await names.read.earningsOf([namehash('ai')]), [parseEther('4.5'), parseEther('0.5')]);
    await bob.names.write.withdraw([namehash('ai')]);
    assert.deepEqual(await names.read.earningsOf([namehash('ai')]), [0n, 0n]);
    assert.equal(await bob.joy.read.balanceOf([treasury.account.address]), parseEther('4.5'));
    assert.equal(await bob.joy.read.balanceOf([platform.account.address]), parseEther('0.5'));
    // A taken name is refused, whoever commits to it.
    const again = registration(alice, 'digits');
    assert.equal((await revertOf(register(alice, again)))?.errorName, 'NameUnavailable');
  });

  it('keeps content hashes of every length and form whole, and the last one set', async () => {
    const { names, bob } = await deployed();
    await register(bob, registration(bob, 'hashes'));
    const node = namehash('hashes.ai');
    for (const length of [38, 0, 1, 31, 32, 33, 63, 64, 100, 7]) {
      const hash = toHex(Uint8Array.from({ length }, (_, i) => (i * 37 + length) % 256 || 1));
      await bob.names.write.setContenthash([node, hash]);
      assert.equal(await names.read.contenthash([node]), length === 0 ? '0x' : hash, `${length} bytes`);
    }
    // IPFS CIDv1s of SHA-256 digests (kept as codec and digest) among look-alikes (kept whole), in turn.
    const digest = keccak256(toHex('content'));
    const forms = [
      `0xe30101701220${digest.slice(2)}`, // dag-pb
      `0xe30101551220${digest.slice(2)}`, // raw
      `0xe30101001220${digest.slice(2)}`, // codec 0: no such CID
      `0xe30101811220${digest.slice(2)}`, // a two-byte codec's first byte
      `0xe30101701320${digest.slice(2)}`, // another hash function
      `0xe50101701220${digest.slice(2)}`, // ipns-ns
      `0xe30101711220${digest.slice(2)}`, // dag-cbor
      '0x',
      `0xe30101551220${digest.slice(2)}00`, // 39 bytes
    ] as Hex[];
    for (const hash of forms) {
      await bob.names.write.setContenthash([node, hash]);
      assert.equal(await names.read.contenthash([node]), hash);
    }
    // Registered anew after expiry, the name starts with no content hash, whichever form it had.
    await bob.names.write.setContenthash([node, forms[0]]);
    await later(YEAR + GRACE + 1n);
    await register(bob, registration(bob, 'hashes'));
    assert.equal(await names.read.contenthash([node]), '0x');
  });

  it('refuses a reveal too early, too late, unknown, or copied by a front-runner for itself', async () => {
    const { alice, carol } = await deployed();
    const r = registration(alice, 'early');
    await alice.names.write.commit([await alice.names.read.makeCommitment([r])]);
    await alice.joy.write.approve([alice.names.address, parseEther('100')]);
    assert.equal((await revertOf(alice.names.write.register([r])))?.errorName, 'CommitmentTooNew');
    // The front-runner saw the reveal: the same registration for itself is another commitment.
    await later(MIN_AGE);
    await carol.joy.write.approve([carol.names.address, parseEther('100')]);
    const copied = { ...r, owner: carol.wallet.account.address };
    assert.equal((await revertOf(carol.names.write.register([copied])))?.errorName, 'CommitmentUnknown');
    const wrongSecret = { ...r, secret: keccak256(toHex('guess')) };
    assert.equal((await revertOf(alice.names.write.register([wrongSecret])))?.errorName, 'CommitmentUnknown');
    await later(MAX_AGE);
    assert.equal((await revertOf(alice.names.write.register([r])))?.errorName, 'CommitmentTooOld');
    // Sent as is by the front-runner, the reveal is refused too: a commitment is its committer's.
    const r2 = registration(alice, 'copied');
    await alice.names.write.commit([await alice.names.read.makeCommitment([r2])]);
    await later(MIN_AGE);
    assert.equal((await revertOf(carol.names.write.register([r2])))?.errorName, 'CommitmentUnknown');
    await alice.names.write.register([r2]);
    assert.equal(
      getAddress(await alice.names.read.ownerOf([tokenOf('copied.ai')])),
      getAddress(alice.wallet.account.address),
    );
  });

  it('refuses invalid and reserved labels, and durations outside the policy', async () => {
    const { alice } = await deployed();
    await alice.tlds.write.setReserved([namehash('ai'), [keccak256(toHex('openai'))], true]);
    for (const label of ['Digits', '', 'a b', '-x', 'x-', 'a'.repeat(64), 'ｄigits', 'dígits'])
      assert.equal((await revertOf(register(alice, registration(alice, label))))?.errorName, 'InvalidLabel', label);
    assert.equal((await revertOf(register(alice, registration(alice, 'openai'))))?.errorName, 'NameReservedByTld');
    assert.equal(
      (await revertOf(register(alice, registration(alice, 'long', 'ai', { yearCount: 11 }))))?.errorName,
      'DurationOutOfPolicy',
    );
  });

  it('registers in one ERC-1363 transferAndCall, and refuses a payment of any other amount whole', async () => {
    const { names, bob } = await deployed();
    const r = registration(bob, 'onestep');
    await bob.names.write.commit([await bob.names.read.makeCommitment([r])]);
    await later(MIN_AGE);
    const data = registrationData(r);
    const before = await bob.joy.read.balanceOf([bob.wallet.account.address]);
    // The registry's own error, passed on by the token; nothing moved.
    const short = await revertOf(bob.joy.write.transferAndCall([names.address, parseEther('4'), data]));
    assert.equal(short.signature, keccak256(toHex('WrongPayment(uint256,uint256)')).slice(0, 10));
    assert.equal(await bob.joy.read.balanceOf([bob.wallet.account.address]), before);
    await bob.joy.write.transferAndCall([names.address, parseEther('5'), data]);
    assert.equal(getAddress(await names.read.ownerOf([tokenOf('onestep.ai')])), getAddress(bob.wallet.account.address));
    assert.equal(await bob.joy.read.balanceOf([bob.wallet.account.address]), before - parseEther('5'));
    // Renewed the same way by anyone: 64 bytes of (node, years).
    const renewal = renewalData(namehash('onestep.ai'), 2);
    const expires = await names.read.expiresOf([namehash('onestep.ai')]);
    await bob.joy.write.transferAndCall([names.address, parseEther('10'), renewal]);
    assert.equal(await names.read.expiresOf([namehash('onestep.ai')]), expires + 2n * YEAR);
  });

  it('expires: the owner can no longer set records or transfer, anyone renews in grace, then it is taken', async () => {
    const { names, alice, bob, carol } = await deployed();
    const node = namehash('expiring.ai');
    await register(
      bob,
      registration(bob, 'expiring', 'ai', { records: { ...noRecords, textKeys: ['k'], textValues: ['bob'] } }),
    );
    await later(YEAR + 1n);
    assert.equal((await revertOf(names.read.ownerOf([BigInt(node)])))?.errorName, 'NameExpired');
    assert.equal((await revertOf(bob.names.write.setText([node, 'k', 'late'])))?.errorName, 'NameExpired');
    assert.equal(
      (
        await revertOf(
          bob.names.write.transferFrom([bob.wallet.account.address, carol.wallet.account.address, BigInt(node)]),
        )
      )?.errorName,
      'NameExpired',
    );
    // Inside the grace period nobody else can take it, and anyone may renew it for the owner.
    assert.equal((await revertOf(register(carol, registration(carol, 'expiring'))))?.errorName, 'NameUnavailable');
    await alice.joy.write.approve([names.address, parseEther('100')]);
    await alice.names.write.renew([node, 1]);
    assert.equal(getAddress(await names.read.ownerOf([BigInt(node)])), getAddress(bob.wallet.account.address));
    assert.equal(await names.read.text([node, 'k']), 'bob');
    // Renewing past the TLD's ten years ahead is refused.
    assert.equal((await revertOf(alice.names.write.renew([node, 10])))?.errorName, 'RenewalPastMax');
    // Past expiry and grace it can no longer be renewed, and carol takes it with no old records.
    await later(2n * YEAR + GRACE);
    assert.equal((await revertOf(alice.names.write.renew([node, 1])))?.errorName, 'RenewalPastGrace');
    await register(carol, registration(carol, 'expiring'));
    assert.equal(getAddress(await names.read.ownerOf([BigInt(node)])), getAddress(carol.wallet.account.address));
    assert.equal(await names.read.text([node, 'k']), '');
  });

  it("gives subdomains by a name's owner only, and never to the next owner of an expired parent", async () => {
    const { names, bob, carol } = await deployed();
    const parent = namehash('lab.ai');
    await register(bob, registration(bob, 'lab'));
    assert.equal(
      (await revertOf(carol.names.write.setSubdomain([parent, 'api', carol.wallet.account.address])))?.errorName,
      'NotNameOwner',
    );
    await bob.names.write.setSubdomain([parent, 'api', carol.wallet.account.address]);
    const api = namehash('api.lab.ai');
    assert.equal(getAddress(await names.read.ownerOf([BigInt(api)])), getAddress(carol.wallet.account.address));
    await carol.names.write.setText([api, 'url', 'https://api.example']);
    assert.equal(await names.read.expiresOf([api]), await names.read.expiresOf([parent]));
    // The parent lapses and carol takes it: bob's subdomain for carol is gone with its records.
    await later(YEAR + GRACE + 1n);
    assert.equal((await revertOf(names.read.ownerOf([BigInt(api)])))?.errorName, 'NameExpired');
    await register(carol, registration(carol, 'lab'));
    assert.equal((await revertOf(names.read.ownerOf([BigInt(api)])))?.errorName, 'NameExpired');
    await carol.names.write.setSubdomain([parent, 'api', carol.wallet.account.address]);
    assert.equal(await names.read.text([api, 'url']), '');
  });

  it('sets records, or makes a subdomain with its records, in one multicall: all of it or none', async () => {
    const { names, bob, carol } = await deployed();
    const parent = namehash('lab.ai');
    const www = namehash('www.lab.ai');
    await register(bob, registration(bob, 'lab'));
    const cid = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
    const subdomain = encodeFunctionData({
      abi: names.abi,
      functionName: 'setSubdomain',
      args: [parent, 'www', bob.wallet.account.address],
    });
    const records = recordCalls(www, { address: carol.wallet.account.address, contentCid: cid, text: { url: 'u' } });
    await bob.names.write.multicall([[subdomain, ...records]]);
    assert.equal(getAddress(await names.read.addr([www])), getAddress(carol.wallet.account.address));
    assert.equal(await names.read.contenthash([www]), ipfsContenthash(cid));
    assert.equal(await names.read.text([www, 'url']), 'u');
    // carol's multicall on bob's name changes nothing; nor does bob's whose last call fails.
    const clear = recordCalls(parent, { text: { url: 'mine' } });
    assert.equal((await revertOf(carol.names.write.multicall([clear])))?.errorName, 'NotNameOwner');
    const invalid = encodeFunctionData({
      abi: names.abi,
      functionName: 'setSubdomain',
      args: [parent, 'Bad Label', bob.wallet.account.address],
    });
    assert.equal((await revertOf(bob.names.write.multicall([[...clear, invalid]])))?.errorName, 'InvalidLabel');
    assert.equal(await names.read.text([parent, 'url']), '');
  });

  it('escrows a DAO TLD registration: refunded whole if rejected or left undecided, minted if approved', async () => {
    const { names, bob, carol, dao } = await deployed();
    const balance = (party: Party) => party.joy.read.balanceOf([party.wallet.account.address]);
    const start = await balance(bob);
    const r = registration(bob, 'voted', 'dao', { records: { ...noRecords, textKeys: ['k'], textValues: ['v'] } });
    await register(bob, r);
    const node = namehash('voted.dao');
    assert.equal((await names.read.pendingOf([node])).fee, parseEther('5'));
    assert.equal(await balance(bob), start - parseEther('5'));
    assert.equal(await names.read.available([namehash('dao'), 'voted']), false);
    assert.equal((await revertOf(names.read.ownerOf([BigInt(node)])))?.errorName, 'ERC721NonexistentToken');
    // Only the TLD's owner decides, and only on the registration as committed.
    assert.equal((await revertOf(carol.names.write.approveRegistration([r])))?.errorName, 'NotTldOwner');
    assert.equal(
      (await revertOf(dao.names.write.approveRegistration([{ ...r, records: noRecords }])))?.errorName,
      'RegistrationMismatch',
    );
    await dao.names.write.approveRegistration([r]);
    assert.equal(getAddress(await names.read.ownerOf([BigInt(node)])), getAddress(bob.wallet.account.address));
    assert.equal(await names.read.text([node, 'k']), 'v');
    assert.deepEqual(await names.read.earningsOf([namehash('dao')]), [parseEther('4.5'), parseEther('0.5')]);

    // Rejected: refunded whole, and the name is free again.
    const before = await balance(carol);
    await register(carol, registration(carol, 'nope', 'dao'));
    await dao.names.write.rejectRegistration([namehash('nope.dao')]);
    assert.equal(await balance(carol), before);
    assert.equal(await names.read.available([namehash('dao'), 'nope']), true);
    assert.equal((await revertOf(dao.names.write.rejectRegistration([namehash('nope.dao')])))?.errorName, 'NotPending');

    // Undecided: anyone refunds it after the decision period, not before.
    await register(carol, registration(carol, 'forgotten', 'dao'));
    const forgotten = namehash('forgotten.dao');
    assert.equal((await revertOf(bob.names.write.expirePending([forgotten])))?.errorName, 'StillPending');
    await later(30n * 24n * 3600n + 1n);
    await bob.names.write.expirePending([forgotten]);
    assert.equal(await balance(carol), before);
  });

  it('fuzzed: one owner per name, JOY held equals fees plus escrow, and no link survives a transfer', async () => {
    const { joy, names, models, alice, bob, carol, dao } = await deployed();
    const parties = [alice, bob, carol];
    // Each party registers its names linked to a model of its own.
    const modelOf = new Map<Party, bigint>();
    for (const [i, party] of parties.entries()) {
      await party.market.write.registerModel([{ ...digitsRegistration(0n), name: `fuzz-model-${i}` }]);
      modelOf.set(party, (await party.market.read.modelCount()) - 1n);
    }
    const labels = ['fuzz-a', 'fuzz-b', 'fuzz-c'];
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);
    let state = seed;
    const random = (n: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state % n;
    };
    const pendingNodes = new Set<Hex>();
    let registered = 0;
    for (let step = 0; step < 24; step++) {
      const party = parties[random(3)];
      const label = labels[random(3)];
      const tld = random(2) === 0 ? 'ai' : 'dao';
      const node = namehash(`${label}.${tld}`);
      const action = random(6);
      if (action <= 1) {
        const records = { ...noRecords, modelIdPlusOne: modelOf.get(party)! + 1n };
        await register(party, registration(party, label, tld, { records })).then(
          () => registered++,
          () => {},
        );
        if ((await names.read.pendingOf([node])).owner !== zeroAddress) pendingNodes.add(node);
      } else if (action === 2) {
        await party.joy.write.approve([names.address, parseEther('1000')]);
        await party.names.write.renew([node, 1]).catch(() => {});
      } else if (action === 3 && pendingNodes.size > 0) {
        const pending = [...pendingNodes][random(pendingNodes.size)];
        await (random(2)
          ? dao.names.write.rejectRegistration([pending])
          : dao.names.write.expirePending([pending])
        ).catch(() => {});
      } else if (action === 4) {
        const owner = await names.read.ownerOf([BigInt(node)]).catch(() => null);
        const holder = parties.find((p) => owner && getAddress(p.wallet.account.address) === getAddress(owner));
        if (holder && holder !== party) {
          await holder.names.write.transferFrom([
            holder.wallet.account.address,
            party.wallet.account.address,
            BigInt(node),
          ]);
          assert.equal(await models.read.modelOf([node]).catch(() => null), null, `seed ${seed}, step ${step}`);
        }
      } else {
        await later(BigInt(random(3)) * 200n * 24n * 3600n);
      }
      for (const p of [...pendingNodes])
        if ((await names.read.pendingOf([p])).owner === zeroAddress) pendingNodes.delete(p);
      let escrow = 0n;
      for (const p of pendingNodes) escrow += (await names.read.pendingOf([p])).fee;
      let earnings = 0n;
      for (const tld of ['ai', 'dao'])
        for (const part of await names.read.earningsOf([namehash(tld)])) earnings += part;
      assert.equal(await joy.read.balanceOf([names.address]), earnings + escrow, `seed ${seed}, step ${step}`);
      // A name is owned while live, or waits for a decision, never both.
      const now = (await publicClient.getBlock()).timestamp;
      for (const l of labels)
        for (const t of ['ai', 'dao']) {
          const n = namehash(`${l}.${t}`);
          const owner = await names.read.ownerOf([BigInt(n)]).catch(() => null);
          if (owner) assert.ok((await names.read.expiresOf([n])) >= now, `seed ${seed}, step ${step}`);
          if (pendingNodes.has(n)) assert.equal(owner, null, `seed ${seed}, step ${step}`);
        }
    }
    assert.ok(registered > 0, `seed ${seed}: nothing was registered`);
  });
});

describe('PermaNetMarketplaceAdapter', () => {
  /** `party` publishes a model; its id. */
  const published = async (party: Party, name: string) => {
    await party.market.write.registerModel([{ ...digitsRegistration(0n), name }]);
    return (await party.market.read.modelCount()) - 1n;
  };
  const linked = (f: Network, label: string) =>
    f.models.read.modelOf([namehash(label)]).then(
      (id) => id,
      () => null,
    );

  it('links a model to a name in the registration itself: commit, then one transferAndCall', async () => {
    const f = await deployed();
    const model = await published(f.bob, 'bob-digits');
    const r = registration(f.bob, 'bobs-model', 'ai', { records: { ...noRecords, modelIdPlusOne: model + 1n } });
    const sent: Hex[] = [];
    sent.push(await f.bob.names.write.commit([await f.bob.names.read.makeCommitment([r])]));
    await later(MIN_AGE);
    sent.push(await f.bob.joy.write.transferAndCall([f.names.address, parseEther('5'), registrationData(r)]));
    // Two transactions, so two wallet confirmations, for the name, its records and its model.
    assert.equal(sent.length, 2);
    assert.equal(await linked(f, 'bobs-model.ai'), model);
  });

  it("refuses a link to another's model, and the whole registration with it", async () => {
    const f = await deployed();
    const model = await published(f.alice, 'alice-digits');
    const r = registration(f.bob, 'not-mine', 'ai', { records: { ...noRecords, modelIdPlusOne: model + 1n } });
    const before = await f.bob.joy.read.balanceOf([f.bob.wallet.account.address]);
    const refused = await revertOf(register(f.bob, r));
    assert.equal(refused?.errorName, 'NotModelCreator');
    assert.equal(await f.names.read.available([namehash('ai'), 'not-mine']), true);
    assert.equal(await f.bob.joy.read.balanceOf([f.bob.wallet.account.address]), before);
    // The registry's own error, passed on: no such name.
    const unregistered = await revertOf(f.bob.models.write.link([namehash('not-mine.ai'), model]));
    assert.equal(unregistered.signature, keccak256(toHex('ERC721NonexistentToken(uint256)')).slice(0, 10));
    // Only the adapter, having checked a link, may set it in the registry.
    assert.equal(
      (await revertOf(f.bob.names.write.setModelLink([namehash('x.ai'), model + 1n])))?.errorName,
      'NotAdapter',
    );
  });

  it('drops a link when the name changes hands, even back, or expires; a TLD owner may forbid links', async () => {
    const f = await deployed();
    const model = await published(f.bob, 'bob-model');
    await register(f.bob, registration(f.bob, 'moving'));
    const node = namehash('moving.ai');
    assert.equal((await revertOf(f.carol.models.write.link([node, model])))?.errorName, 'NotNameOwner');
    await f.bob.models.write.link([node, model]);
    assert.equal(await linked(f, 'moving.ai'), model);
    await f.bob.names.write.transferFrom([f.bob.wallet.account.address, f.carol.wallet.account.address, BigInt(node)]);
    assert.equal(await linked(f, 'moving.ai'), null);
    await f.carol.names.write.transferFrom([
      f.carol.wallet.account.address,
      f.bob.wallet.account.address,
      BigInt(node),
    ]);
    assert.equal(await linked(f, 'moving.ai'), null);
    // Linked again by its owner, then the name lapses: gone with it.
    await f.bob.models.write.link([node, model]);
    assert.equal(await linked(f, 'moving.ai'), model);
    await later(YEAR + 1n);
    assert.equal(await linked(f, 'moving.ai'), null);
    // The TLD's owner (alice holds .ai here) turns links off in its policy; nobody else can.
    const closed = { ...policy(), modelLinks: false };
    assert.equal((await revertOf(f.bob.tlds.write.setPolicy([namehash('ai'), closed])))?.errorName, 'NotTldOwner');
    await f.alice.tlds.write.setPolicy([namehash('ai'), closed]);
    assert.equal(await f.models.read.linksAllowed([namehash('ai')]), false);
    await register(f.bob, registration(f.bob, 'closed'));
    assert.equal(
      (await revertOf(f.bob.models.write.link([namehash('closed.ai'), model])))?.errorName,
      'LinksNotAllowed',
    );
    const withLink = registration(f.bob, 'closed-too', 'ai', { records: { ...noRecords, modelIdPlusOne: model + 1n } });
    assert.equal((await revertOf(register(f.bob, withLink)))?.errorName, 'LinksNotAllowed');
    await f.bob.models.write.unlink([namehash('closed.ai')]);
  });
});
