// Names open models: a name under the dev chain's .ai, registered with its model linked (a commit,
// then one transferAndCall), opens the model at /n/<name> and from the top bar's "Open by name",
// in any case or width the normaliser folds; a name nobody registered and one the normaliser
// refuses each get a message saying so.
import { createPublicClient, http, type PublicClient } from 'viem';
import { modelIdByName } from '@permanet/core/chain/actions/marketplace/model-id-by-name';
import { digitsModel } from '../../scripts/lib/reference.ts';
import { registerDevName } from '../../scripts/lib/register-dev-name.ts';
import { expect, test } from './fixtures.ts';

test('a name opens its linked model by URL and from the top bar; unknown and invalid names are explained', async ({
  page,
  stack,
}) => {
  const { rpcUrl, contracts } = stack.config.deployments;
  const client = createPublicClient({ transport: http(rpcUrl) }) as PublicClient;
  const modelId = (await modelIdByName(client, contracts.ModelMarketplace.address, digitsModel.name))!;
  const label = `digits-${Date.now()}`;
  // The demo models' publisher (dev account 0) names its digit model: committed, then paid,
  // registered and linked in one transferAndCall.
  await registerDevName(stack.config.deployments, 0, label, { modelId });

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
