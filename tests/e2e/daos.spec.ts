// A DAO TLD decides its registrations: two registrations under .dao wait in escrow; two members
// join by staking; one proposal approves a name and is voted through (one vote signed and sent by
// the relay, which pays its gas), another rejects a name, a third raises the price; all are queued
// and executed after the vote and the timelock's delay (not before). The approved name is its
// registrant's, its fee the treasury's; the rejected fee comes back; the new price holds.
import { createPublicClient, createTestClient, http, namehash, parseEther, type PublicClient } from 'viem';
import { joyTokenAbi, permaNetDomainRegistryAbi } from '@permanet/core/chain/abi/generated';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { DEV_DAO_SETTINGS, DEV_DAO_TLD } from '../../contracts/deploy.ts';
import { registerDevName } from '../../scripts/lib/register-dev-name.ts';
import { expect, test } from './fixtures.ts';

test('registrations under .dao wait for the vote: one voted through (a vote by signature), one refunded', async ({
  page,
  stack,
}) => {
  const { rpcUrl, contracts } = stack.config.deployments;
  const client = createPublicClient({ transport: http(rpcUrl) }) as PublicClient;
  const chain = createTestClient({ mode: 'hardhat', transport: http(rpcUrl) });
  const later = async (seconds: number) => {
    await chain.increaseTime({ seconds });
    await chain.mine({ blocks: 1 });
  };
  const registrant = devAccount(1).address;
  const joyOf = () =>
    client.readContract({
      address: contracts.JoyToken.address,
      abi: joyTokenAbi,
      functionName: 'balanceOf',
      args: [registrant],
    });
  const yes = `yes-${Date.now()}`;
  const no = `no-${Date.now()}`;
  await registerDevName(stack.config.deployments, 1, yes, {}, DEV_DAO_TLD.label);
  await registerDevName(stack.config.deployments, 1, no, {}, DEV_DAO_TLD.label);
  const paid = await joyOf();

  await page.goto('/daos');
  const dao = page.getByTestId('dao-dao');
  const done = (what: string) => expect(dao.getByTestId('dao-message')).toHaveText(`${what}: done.`);
  const join = async (account: number, amount: string) => {
    await page.getByTestId('dev-account').selectOption(String(account));
    await dao.getByTestId('dao-amount').fill(amount);
    await dao.getByTestId('dao-stake').click();
    await done('Stake');
    await expect(dao.getByTestId('dao-staked')).toHaveText(`${amount} JOY`);
  };
  await join(2, '100');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await join(4, '50');
  await expect(dao.getByTestId('dao-votes')).toHaveText('50 JOY');

  const pending = (label: string) => dao.getByTestId('dao-pending').filter({ hasText: `${label}.dao` });
  await expect(pending(yes)).toContainText('5 JOY held until');
  await pending(yes).getByTestId('propose-approve').click();
  await done('Proposal');
  await pending(no).getByTestId('propose-reject').click();
  await done('Proposal');
  // A change of the TLD's price, in the same round.
  await dao.getByTestId('proposal-price').fill('7');
  await dao.getByTestId('proposal-create').click();
  await expect(dao.getByTestId('new-proposal-message')).toHaveText('Proposal: done.');
  // Each pending registration now shows its proposal.
  await expect(pending(yes).getByTestId('pending-proposal')).toContainText(`Approve ${yes}.dao for ${registrant}`);
  await later(DEV_DAO_SETTINGS.votingDelay + 1);
  await dao.getByTestId('dao-refresh').click();

  const proposal = (label: string) => dao.getByTestId('proposal').filter({ hasText: `${label}.dao` });
  const pricing = dao.getByTestId('proposal').filter({ hasText: "Set .dao's yearly prices" });
  // Member 4 signs its vote for the approval; a relay sends it. It votes for the rejection from its account.
  await proposal(yes).getByTestId('sign-for').click();
  await expect(proposal(yes).getByTestId('proposal-message')).toHaveText('Signed vote: done.');
  await expect(proposal(yes).getByTestId('proposal-tally')).toContainText('For 50 JOY');
  await proposal(no).getByTestId('vote-for').click();
  await expect(proposal(no).getByTestId('proposal-tally')).toContainText('For 50 JOY');
  await pricing.getByTestId('vote-for').click();
  await expect(pricing.getByTestId('proposal-tally')).toContainText('For 50 JOY');
  // Member 2 votes for the approval; it has voted once, and cannot again.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByTestId('dev-account').selectOption('2');
  await proposal(yes).getByTestId('vote-for').click();
  await expect(proposal(yes).getByTestId('proposal-tally')).toContainText('For 150 JOY');
  await expect(proposal(yes).getByTestId('vote-for')).toHaveCount(0);

  await later(DEV_DAO_SETTINGS.votingPeriod + 1);
  await dao.getByTestId('dao-refresh').click();
  for (const p of [pricing, proposal(yes), proposal(no)]) {
    await expect(p.getByTestId('proposal-state')).toHaveText('Succeeded');
    await p.getByTestId('proposal-queue').click();
    await expect(p.getByTestId('proposal-state')).toHaveText('Queued');
    // Executing at once, within the timelock's 10 s, is refused and changes nothing.
    if (p === pricing) {
      await pricing.getByTestId('proposal-execute').click();
      await expect(pricing.getByTestId('proposal-message')).toHaveText(
        'The timelock’s delay is not over yet; try again once it is.',
      );
    }
  }
  await later(Number(DEV_DAO_SETTINGS.timelockDelay) + 1);
  await dao.getByTestId('dao-refresh').click();
  for (const p of [proposal(yes), proposal(no), pricing]) {
    await p.getByTestId('proposal-execute').click();
    await expect(p.getByTestId('proposal-state')).toHaveText('Executed');
  }
  await expect(dao.getByTestId('dao-pending')).toHaveCount(0);
  // The approved name's fee, less the platform's 2.5%, goes to the treasury once withdrawn.
  await dao.getByTestId('dao-withdraw-fees').click();
  await expect(dao.getByTestId('dao-treasury')).toContainText('Treasury 4.875 JOY; names of 5+ characters cost 7 JOY');

  const owner = await client.readContract({
    address: contracts.PermaNetDomainRegistry.address,
    abi: permaNetDomainRegistryAbi,
    functionName: 'ownerOf',
    args: [BigInt(namehash(`${yes}.dao`))],
  });
  expect(owner).toBe(registrant);
  // The rejected registration's 5 JOY came back whole.
  expect(await joyOf()).toBe(paid + parseEther('5'));
});
