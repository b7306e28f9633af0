// Staking with a dev account on the dev chain: stake, see the cooldown, be refused before it
// ends, withdraw after it, delegate votes to oneself and to another account.
import { createTestClient, http } from 'viem';
import { DEV, DEV_ACCOUNT_JOY } from '../../contracts/deploy.ts';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { expect, test } from './fixtures.ts';

const joy = (n: number) => `${n} JOY`;

test('stake, ask to unstake, wait out the cooldown, withdraw, and delegate', async ({ page, stack }) => {
  await page.goto('/stake');
  await page.getByTestId('dev-account').selectOption('3');
  await expect(page.getByTestId('account')).toHaveText(devAccount(3).address);
  const total = Number(DEV_ACCOUNT_JOY / 10n ** 18n);
  await expect(page.getByTestId('balance')).toHaveText(joy(total));

  await page.getByTestId('stake-amount').fill('250');
  await page.getByTestId('stake').click();
  await expect(page.getByTestId('stake-message')).toHaveText('Stake: done.');
  await expect(page.getByTestId('staked')).toHaveText(joy(250));
  await expect(page.getByTestId('free')).toHaveText(joy(total - 250));
  await expect(page.getByTestId('balance')).toHaveText(joy(total));

  await page.getByTestId('stake-amount').fill('100');
  await page.getByTestId('unstake').click();
  await expect(page.getByTestId('unbonding')).toContainText('100 JOY, withdrawable from');
  await expect(page.getByTestId('unbonding')).toContainText(`cooldown ${Number(DEV.joyCooldown) / 60} min`);
  await page.getByTestId('withdraw').click();
  await expect(page.getByTestId('stake-message')).toContainText('The cooldown ends at');

  // Bad input: more than is free, and not a number.
  await page.getByTestId('stake-amount').fill(String(total));
  await page.getByTestId('stake').click();
  await expect(page.getByTestId('stake-message')).toHaveText(
    `Only ${total - 250} JOY is free to move; ${total} JOY was asked.`,
  );
  await page.getByTestId('stake-amount').fill('lots');
  await page.getByTestId('stake').click();
  await expect(page.getByTestId('stake-message')).toHaveText('Enter an amount of JOY above zero, such as 12.5.');

  // Let the dev chain's clock pass the cooldown.
  const chain = createTestClient({ mode: 'hardhat', transport: http(stack.config.deployments.rpcUrl) });
  await chain.increaseTime({ seconds: Number(DEV.joyCooldown) });
  await chain.mine({ blocks: 1 });
  await page.getByTestId('withdraw').click();
  await expect(page.getByTestId('stake-message')).toHaveText('Withdrawal: done.');
  await expect(page.getByTestId('staked')).toHaveText(joy(150));
  await expect(page.getByTestId('free')).toHaveText(joy(total - 150));

  await page.getByTestId('delegate-self').click();
  await expect(page.getByTestId('votes')).toHaveText(joy(total));
  await page.getByTestId('delegatee').fill(devAccount(4).address);
  await page.getByTestId('delegate-other').click();
  await expect(page.getByTestId('delegate')).toHaveText(devAccount(4).address);
  await expect(page.getByTestId('votes')).toHaveText(joy(0));

  // The choice of account survives a reload.
  await page.reload();
  await expect(page.getByTestId('account')).toHaveText(devAccount(3).address);
});
