// The one deployment hands every admin and guardian role to the configured admin and keeps none
// for the deployer, and the JOY supply goes where it is told (issue 14: on a public chain, the
// deployer key must not end up holding the network).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { network } from 'hardhat';
import { keccak256, parseEther, toHex } from 'viem';
import { deployTestNetwork } from './test-network.ts';

const { viem } = await network.create();
const [deployer, admin, treasury] = await viem.getWalletClients();
const DEFAULT_ADMIN_ROLE = `0x${'00'.repeat(32)}` as const;
const GUARDIAN_ROLE = keccak256(toHex('GUARDIAN_ROLE'));

describe('deployPermaNet', () => {
  it('passes every role to the admin it is given, and the supply to its holder', async () => {
    const { joy, market, coordinator, poi, tlds, daos } = await deployTestNetwork(viem, {
      joySupply: parseEther('1000'),
      admin: admin.account.address,
      treasury: treasury.account.address,
      supplyHolder: treasury.account.address,
    });
    for (const contract of [joy, market, coordinator, poi, tlds, daos]) {
      assert.equal(await contract.read.hasRole([DEFAULT_ADMIN_ROLE, admin.account.address]), true);
      assert.equal(await contract.read.hasRole([DEFAULT_ADMIN_ROLE, deployer.account.address]), false);
    }
    for (const contract of [market, coordinator, poi]) {
      assert.equal(await contract.read.hasRole([GUARDIAN_ROLE, admin.account.address]), true);
      assert.equal(await contract.read.hasRole([GUARDIAN_ROLE, deployer.account.address]), false);
    }
    // TLDs are created by the admin alone, and the platform's share of name fees goes to the treasury.
    const TLD_CREATOR_ROLE = keccak256(toHex('TLD_CREATOR_ROLE'));
    assert.equal(await tlds.read.hasRole([TLD_CREATOR_ROLE, admin.account.address]), true);
    assert.equal(await tlds.read.hasRole([TLD_CREATOR_ROLE, deployer.account.address]), false);
    const DAO_CREATOR_ROLE = keccak256(toHex('DAO_CREATOR_ROLE'));
    assert.equal(await daos.read.hasRole([DAO_CREATOR_ROLE, admin.account.address]), true);
    assert.equal(await daos.read.hasRole([DAO_CREATOR_ROLE, deployer.account.address]), false);
    assert.equal((await tlds.read.platformTreasury()).toLowerCase(), treasury.account.address.toLowerCase());
    assert.equal(await joy.read.balanceOf([treasury.account.address]), parseEther('1000'));
    assert.equal(await joy.read.balanceOf([deployer.account.address]), 0n);
    // The wiring stands: the coordinator manages stakes, the task contract drives the coordinator.
    assert.equal(await joy.read.hasRole([keccak256(toHex('STAKE_MANAGER_ROLE')), coordinator.address]), true);
    assert.equal(await coordinator.read.hasRole([keccak256(toHex('TASK_MANAGER_ROLE')), poi.address]), true);
  });
});
