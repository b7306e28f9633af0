// Names open models: a name under the dev chain's .ai, registered with its model linked (a commit,
// then one transferAndCall), opens the model at /n/<name> and from the top bar's "Open by name",
// in any case or width the normaliser folds; a name nobody registered and one the normaliser
// refuses each get a message saying so. Its owner manages it: records, link, subdomain, renewal
// and transfer, each one transaction.
import { createPublicClient, http, namehash, type PublicClient } from 'viem';
import { permaNetDomainRegistryAbi } from '@permanet/core/chain/abi/generated';
import { modelIdByName } from '@permanet/core/chain/actions/marketplace/model-id-by-name';
import { listOwnedNames } from '@permanet/core/chain/actions/names/list-owned-names';
import { readNameRecords } from '@permanet/core/chain/actions/names/read-name-records';
import { resolveName } from '@permanet/core/chain/actions/names/resolve-name';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { digitsModel } from '../../scripts/lib/reference.ts';
import { registerDevName } from '../../scripts/lib/register-dev-name.ts';
import { expect, test } from './fixtures.ts';

const CONTENT = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';

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
  stack,
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
  // A content hash that is no CID is refused before anything is sent.
  await page.getByTestId('name-content').fill('nope');
  await page.getByTestId('name-commit').click();
  await expect(page.getByTestId('name-message')).toHaveText('"nope" is not an IPFS CID');
  await expect(page.getByTestId('name-pending')).toHaveCount(0);
  await page.getByTestId('name-content').fill(CONTENT);
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
  const { rpcUrl, contracts } = stack.config.deployments;
  const client = createPublicClient({ transport: http(rpcUrl) }) as PublicClient;
  const records = await readNameRecords(client, contracts.PermaNetDomainRegistry.address, namehash(name));
  expect([records.address, records.contentCid]).toEqual([devAccount(1).address, CONTENT]);

  await page.goto('/names');
  await lookUp(name);
  await expect(page.getByTestId('quote-status')).toHaveText('taken');
  await lookUp('bad name.ai');
  await expect(page.getByTestId('name-invalid')).toContainText('"bad name.ai" is not a valid name');
  await lookUp('digits.nowhere');
  await expect(page.getByTestId('name-invalid')).toHaveText('.nowhere is not a PermaNet TLD');
});

test('an owner sets records, links a model, adds a subdomain, renews and transfers; another context opens it', async ({
  page,
  browser,
  baseURL,
  stack,
}) => {
  const { rpcUrl, contracts } = stack.config.deployments;
  const client = createPublicClient({ transport: http(rpcUrl) }) as PublicClient;
  const names = contracts.PermaNetDomainRegistry.address;
  const modelId = (await modelIdByName(client, contracts.ModelMarketplace.address, digitsModel.name))!;
  const label = `lab-${Date.now()}`;
  const name = `${label}.ai`;
  const node = namehash(name);
  const expiresOf = () =>
    client.readContract({ address: names, abi: permaNetDomainRegistryAbi, functionName: 'expiresOf', args: [node] });
  // The demo models' publisher (dev account 0) holds the name, bare.
  await registerDevName(stack.config.deployments, 0, label);
  await page.goto('/names');
  await page.getByTestId('dev-account').selectOption('0');
  await page.getByTestId(`manage-${name}`).click();
  const manager = page.getByTestId('name-manager');
  const done = (what: string) => expect(manager.getByTestId('manage-message')).toHaveText(`${what}: done.`);

  // Records: three at once, in one transaction.
  await manager.getByTestId('record-content').fill(`/ipfs/${CONTENT}`);
  await manager.getByTestId('record-url').fill('https://lab.example');
  await manager.getByTestId('record-txt').fill('hello');
  await manager.getByTestId('records-save').click();
  await done('Records');
  expect(await readNameRecords(client, names, node)).toEqual({
    address: null,
    contentCid: CONTENT,
    text: { url: 'https://lab.example', txt: 'hello' },
  });
  await manager.getByTestId('record-content').fill('not a cid');
  await manager.getByTestId('records-save').click();
  await expect(manager.getByTestId('manage-message')).toHaveText('"not a cid" is not an IPFS CID');

  await manager.getByTestId('link-model').selectOption(String(modelId));
  await manager.getByTestId('link-save').click();
  await done('Model link');
  await manager.getByTestId('subdomain-label').fill('www');
  await manager.getByTestId('subdomain-add').click();
  await done('Subdomain');
  await expect(page.getByTestId(`manage-www.${name}`)).toBeVisible();
  // One for someone else, handed over bare: it is theirs to manage.
  await manager.getByTestId('subdomain-label').fill('api');
  await manager.getByTestId('subdomain-owner').fill(devAccount(2).address);
  await manager.getByTestId('subdomain-add').click();
  await done('Subdomain');
  await expect(page.getByTestId(`manage-api.${name}`)).toHaveCount(0);
  const theirs = await listOwnedNames(client, { tlds: contracts.TldRegistry.address, names }, devAccount(2).address);
  expect(theirs.map((n) => n.name)).toContain(`api.${name}`);
  const expires = await expiresOf();
  await manager.getByTestId('renew').click();
  await done('Renewal');
  expect(await expiresOf()).toBe(expires + 365n * 24n * 3600n);

  // Someone else, in another browser context, opens it by URL and from the top bar.
  const other = await browser.newContext({ baseURL });
  const visitor = await other.newPage();
  await visitor.goto(`/n/${name}`);
  await expect(visitor).toHaveURL(new RegExp(`/model/${modelId}$`));
  await visitor.goto('/');
  await visitor.getByTestId('open-by-name').fill(name);
  await visitor.getByTestId('open-by-name').press('Enter');
  await expect(visitor).toHaveURL(new RegExp(`/model/${modelId}$`));
  await other.close();

  // Handed on: it leaves the list, keeps its records, and no longer opens the model.
  await manager.getByTestId('transfer-to').fill(devAccount(2).address);
  await manager.getByTestId('transfer').click();
  await expect(page.getByTestId(`manage-${name}`)).toHaveCount(0);
  const resolved = await resolveName(client, { names, models: contracts.PermaNetMarketplaceAdapter.address }, name);
  expect([resolved.owner, resolved.modelId]).toEqual([devAccount(2).address, null]);
  expect((await readNameRecords(client, names, node)).contentCid).toBe(CONTENT);
});
