// The marketplace end to end: one browser context publishes a freshly made ONNX model (stored in
// its IndexedDB, pinned by the relay, registered on-chain), a second finds it, buys a licence
// with a dev account and runs it, and the creator's royalties rise by the price less the
// platform fee; bad purchases are refused with a reason and lose nothing; a publish cut off by a
// relay outage resumes where it stopped.
import type { Page } from '@playwright/test';
import { formatEther, parseEther } from 'viem';
import { DEV } from '../../contracts/deploy.ts';
import { cidOfBytes } from '@permanet/core/storage/cid-of-bytes';
import { expect, test } from './fixtures.ts';
import { freshModel, freshModelScores } from './fresh-model.ts';
import { fillAndPublish, newPage, openFromSearch } from './marketplace-pages.ts';

const BUYER = '2';
const joy = (wei: bigint) => `${formatEther(wei)} JOY`;

const earningsOf = async (page: Page) =>
  parseEther((await page.getByTestId('account-earnings').innerText()).replace(' JOY', '').replace('free', '0'));

test('a model published in one browser is found, bought and run in another, and its creator earns the royalty', async ({
  browser,
  stack,
}) => {
  const listing = { name: `fresh-${Date.now()}`, file: freshModel(3), pricePerUse: '1', licencePrice: '20' };
  const weightsCid = (await cidOfBytes(listing.file)).toString();

  const creator = await newPage(browser, stack.appUrl);
  await fillAndPublish(creator, listing);
  await expect(creator.getByTestId('published')).toBeVisible({ timeout: 90_000 });
  for (const step of ['store', 'pin', 'register'])
    await expect(creator.getByTestId(`step-${step}`)).toHaveAttribute('data-state', 'done');
  // A first-time publisher registers, then the relay pins what the registration names.
  await expect(creator.getByTestId('step-store')).toContainText(weightsCid);
  await expect(creator.getByTestId('step-pin')).toContainText('pinned');
  const fromRelay = await fetch(`${stack.relay.http}/ipfs/${weightsCid}`);
  expect(Buffer.from(await fromRelay.arrayBuffer()).equals(listing.file)).toBe(true);

  await creator.goto('/account');
  await expect(creator.getByTestId('my-models')).toContainText(listing.name);
  const earningsBefore = await earningsOf(creator);

  const buyer = await newPage(browser, stack.appUrl);
  await openFromSearch(buyer, listing.name);
  await expect(buyer.getByTestId('access')).toHaveAttribute('data-granted', 'false');
  await buyer.locator('summary', { hasText: 'Run on a tensor of your own' }).click();
  await expect(buyer.getByTestId('raw-run')).toBeDisabled();
  await buyer.getByTestId('access').getByTestId('dev-account').selectOption(BUYER);
  await buyer.getByTestId('buy-licence').click();
  await expect(buyer.getByTestId('access-message')).toHaveText('Licence bought: done.');
  await expect(buyer.getByTestId('access-state')).toHaveText('You hold a licence.');

  await buyer.getByTestId('raw-input').fill('[1, 2, 3]');
  await buyer.getByTestId('raw-run').click();
  const output = await buyer.getByTestId('raw-output').innerText();
  const scores = JSON.parse(output.slice(output.lastIndexOf(': ') + 2)) as number[];
  const expected = await freshModelScores(listing.file, [1, 2, 3]);
  scores.forEach((s, i) => {
    expect(Math.abs(s - expected[i])).toBeLessThan(1e-5);
  });

  // The creator's share: the licence price less the platform fee.
  const share = (parseEther(listing.licencePrice) * BigInt(10_000 - DEV.platformFeeBps)) / 10_000n;
  await creator.reload();
  await expect(creator.getByTestId('account-earnings')).toHaveText(joy(earningsBefore + share));
  const freeBefore = parseEther((await creator.getByTestId('account-free').innerText()).replace(' JOY', ''));
  await creator.getByTestId('withdraw-earnings').click();
  await expect(creator.getByTestId('account-message')).toHaveText('Royalties withdrawn: done.');
  await expect(creator.getByTestId('account-free')).toHaveText(joy(freeBefore + earningsBefore + share));
  await expect(creator.getByTestId('account-earnings')).toHaveText('free');
});

test(
  'buying beyond the balance, using without prepaid JOY and a taken name are refused with a reason, and nothing is ' +
    'lost',
  async ({ browser, stack }) => {
    // This account has published before: the relay pins on its signature, then it registers.
    const listing = { name: `pricey-${Date.now()}`, file: freshModel(5), pricePerUse: '1.5', licencePrice: '20000' };
    const creator = await newPage(browser, stack.appUrl);
    await fillAndPublish(creator, listing);
    await expect(creator.getByTestId('published')).toBeVisible({ timeout: 90_000 });

    const buyer = await newPage(browser, stack.appUrl);
    await openFromSearch(buyer, listing.name);
    await buyer.getByTestId('access').getByTestId('dev-account').selectOption(BUYER);
    const free = await buyer.getByTestId('access-free').innerText();
    await buyer.getByTestId('buy-licence').click();
    await expect(buyer.getByTestId('access-message')).toHaveText(
      `You have ${free} free to spend; 20000 JOY is needed.`,
    );
    await buyer.getByTestId('pay-use').click();
    await expect(buyer.getByTestId('access-message')).toHaveText('Only 0 JOY is prepaid; 1.5 JOY is needed.');
    await expect(buyer.getByTestId('access-free')).toHaveText(free);
    await expect(buyer.getByTestId('access')).toHaveAttribute('data-granted', 'false');

    // Prepay, then pay one use: the page may run the model, and the use is counted on-chain.
    await buyer.getByTestId('deposit-amount').fill('2');
    await buyer.getByTestId('deposit').click();
    await expect(buyer.getByTestId('access-prepaid')).toHaveText('2 JOY');
    await buyer.getByTestId('pay-use').click();
    await expect(buyer.getByTestId('access-state')).toHaveText('One use paid for this visit.');
    await expect(buyer.getByTestId('access')).toHaveAttribute('data-granted', 'true');
    await expect(buyer.getByTestId('access-prepaid')).toHaveText('0.5 JOY');

    // The same name again is refused before anything is stored.
    await fillAndPublish(creator, { ...listing, file: freshModel(6) });
    await expect(creator.getByTestId('error-name')).toHaveText(/^is taken by model #\d+$/);
    await expect(creator.getByTestId('publish-steps')).toHaveCount(0);
  },
);

test('a publish cut off by a relay outage is resumed after a reload, from where it stopped', async ({
  browser,
  stack,
}) => {
  const listing = { name: `resumed-${Date.now()}`, file: freshModel(7), pricePerUse: '', licencePrice: '' };
  const creator = await newPage(browser, stack.appUrl);
  await stack.stopRelay();
  try {
    await fillAndPublish(creator, listing);
    await expect(creator.getByTestId('step-pin')).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
    await expect(creator.getByTestId('publish-error')).toContainText('No relay pinned the model');
    await expect(creator.getByTestId('step-register')).toHaveAttribute('data-state', 'pending');
  } finally {
    await stack.startRelay();
  }
  await creator.reload();
  await expect(creator.getByTestId('publish-draft')).toContainText(listing.name);
  await expect(creator.getByTestId('step-store')).toHaveAttribute('data-state', 'done');
  await expect(creator.getByTestId('peer-status')).toContainText('1/1 relay connected', { timeout: 30_000 });
  await creator.getByTestId('publish-resume').click();
  await expect(creator.getByTestId('published')).toBeVisible({ timeout: 90_000 });
  await expect(creator.getByTestId('publish-draft')).toHaveCount(0);
  const weightsCid = (await cidOfBytes(listing.file)).toString();
  expect((await fetch(`${stack.relay.http}/ipfs/${weightsCid}`)).status).toBe(200);
});
