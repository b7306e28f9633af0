// Names open models: a name under the dev chain's .ai, registered with its model linked (a commit,
// then one transferAndCall), opens the model at /n/<name> and from the top bar's "Open by name",
// in any case or width the normaliser folds; a name nobody registered and one the normaliser
// refuses each get a message saying so.
import { createPublicClient, createTestClient, createWalletClient, http, parseEther, type PublicClient } from 'viem';
import { modelIdByName } from '@permanet/core/chain/actions/marketplace/model-id-by-name';
import { commitName, newRegistration, revealName } from '@permanet/core/chain/actions/names/register-name';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { digitsModel } from '../../scripts/lib/reference.ts';
import { expect, test } from './fixtures.ts';

test('a name opens its linked model by URL and from the top bar; unknown and invalid names are explained', async ({
  page,
  stack,
}) => {
  const { rpcUrl, contracts } = stack.config.deployments;
  const client = createPublicClient({ transport: http(rpcUrl) }) as PublicClient;
  // The demo models' publisher (dev account 0) names its digit model.
  const owner = devAccount(0);
  const wallet = createWalletClient({ account: owner, transport: http(rpcUrl), chain: undefined });
  const modelId = (await modelIdByName(client, contracts.ModelMarketplace.address, digitsModel.name))!;
  const label = `digits-${Date.now()}`;
  const registration = newRegistration(owner.address, label, 'ai', 1, { modelId });
  await commitName(client, wallet, contracts.PermaNetDomainRegistry.address, registration);
  const chain = createTestClient({ mode: 'hardhat', transport: http(rpcUrl) });
  await chain.increaseTime({ seconds: 11 });
  await chain.mine({ blocks: 1 });
  // The reveal pays, registers and links the model in one transferAndCall.
  await revealName(
    client,
    wallet,
    { joy: contracts.JoyToken.address, names: contracts.PermaNetDomainRegistry.address },
    registration,
    parseEther('5'),
  );

  await page.goto(`/n/${label}.ai`);
  await expect(page).toHaveURL(new RegExp(`/model/${modelId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(digitsModel.name);

  await page.goto('/');
  await page.getByTestId('open-by-name').fill(`${label.toUpperCase()}.AI`);
  await page.getByTestId('open-by-name').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/model/${modelId}$`));

  await page.goto('/n/nobody-has-this.ai');
  await expect(page.getByTestId('name-error')).toHaveText('nobody-has-this.ai is not registered, or has expired');
  await page.goto(`/n/${encodeURIComponent('bad name.ai')}`);
  await expect(page.getByTestId('name-error')).toContainText('"bad name.ai" is not a valid name');
});

test('a name is looked up, committed, resumed after a reload, registered in two confirmations and opened', async ({
  page,
}) => {
  const name = `mine-${Date.now()}.ai`;
  const lookUp = async (typed: string) => {
    await page.getByTestId('name-query').fill(typed);
    await page.getByTestId('name-search').click();
  };
  await page.goto('/names');
  await lookUp(name.toUpperCase());
  await expect(page.getByTestId('quote-name')).toHaveText(name);
  await expect(page.getByTestId('quote-status')).toHaveText('available');
  await expect(page.getByTestId('quote-price')).toHaveText('5 JOY for 1 year (0.125 JOY to the platform)');
  await expect(page.getByTestId('quote-rules')).toHaveText('1 to 10 years, 30 days of grace');
  await page.getByTestId('dev-account').selectOption('1');
  await page.getByTestId('name-commit').click();
  await expect(page.getByTestId('name-pending')).toContainText(`${name}: committed.`);
  // A reload resumes at the countdown: the secret was kept, nothing is committed again.
  await page.reload();
  await expect(page.getByTestId('name-pending')).toContainText(`${name}: committed.`);
  await expect(page.getByTestId('name-reveal')).toBeEnabled({ timeout: 20_000 });
  await page.getByTestId('name-reveal').click();
  await expect(page.getByTestId('name-registered')).toContainText(`${name} is yours.`);
  await page.getByRole('link', { name: 'Open it' }).click();
  await expect(page.getByTestId('name-unlinked')).toContainText(`${name} is registered until`);

  await page.goto('/names');
  await lookUp(name);
  await expect(page.getByTestId('quote-status')).toHaveText('taken');
  await lookUp('bad name.ai');
  await expect(page.getByTestId('name-invalid')).toContainText('"bad name.ai" is not a valid name');
  await lookUp('digits.nowhere');
  await expect(page.getByTestId('name-invalid')).toHaveText('.nowhere is not a PermaNet TLD');
});
