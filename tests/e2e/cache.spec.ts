// The model cache: what the browser keeps is listed with its size; past the limit the least
// recently used model is evicted (and fetched again from peers when next opened); a model the
// person keeps is never evicted.
import { expect, test } from './fixtures.ts';

async function open(page: import('@playwright/test').Page, name: string) {
  await page.goto('/');
  await page.getByRole('link', { name }).click();
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
}

async function cached(page: import('@playwright/test').Page) {
  await page.goto('/');
  return page.getByTestId('cached-model').allTextContents();
}

test('least recently used models are evicted past the limit; kept ones stay', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('cache-summary')).toContainText('0 models');
  await open(page, 'permanet-digits');
  expect(await cached(page)).toEqual(['permanet-digits (398.0 KiB)']);

  await page.getByTestId('cache-limit').fill('1');
  await page.getByTestId('cache-apply').click();
  await expect(page.getByTestId('cache-summary')).toContainText('of 1.00 MiB');

  // Silero (2.2 MiB) is in use, so it stays even over the limit; digits goes.
  await open(page, 'silero-vad-v5');
  expect(await cached(page)).toEqual(['silero-vad-v5 (2.22 MiB)']);
  await open(page, 'permanet-digits');
  await expect(page.getByTestId('fetch-source')).toContainText('peers (bitswap)');

  await page.getByTestId('keep-cached').check();
  await page.goto('/');
  await page.getByTestId('cache-limit').fill('0');
  await page.getByTestId('cache-apply').click();
  await expect(page.getByTestId('cached-model')).toHaveText(['permanet-digits (398.0 KiB) · kept']);
  await open(page, 'permanet-digits');
  await expect(page.getByTestId('fetch-source')).toContainText('this browser (IndexedDB)');
});

test('the most used models are fetched ahead into free room, marked in the list, and open from this browser', async ({
  browser,
  stack,
}) => {
  // A context without the tests' default (fetching ahead off): what a person gets.
  const page = await (await browser.newContext({ baseURL: stack.appUrl })).newPage();
  await page.goto('/');
  await expect(page.getByTestId('prefetch-toggle')).toBeChecked();
  const digits = page.locator('[data-testid=model-card][data-name=permanet-digits]');
  await expect(digits.getByTestId('held-badge')).toHaveText('fetched ahead', { timeout: 60_000 });
  await expect(page.getByTestId('cached-model').filter({ hasText: 'permanet-digits' })).toContainText(
    '· fetched ahead',
  );

  await digits.getByRole('link').click();
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('fetch-source')).toContainText('this browser (IndexedDB)');
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await expect(digits.getByTestId('held-badge')).toHaveText('in this browser, used just now');
  await expect(page.getByTestId('ready-sessions')).toContainText('permanet-digits');

  // Reopened in the same tab: the session is still loaded, nothing is fetched or loaded again.
  await digits.getByRole('link').click();
  await expect(page.getByTestId('fetch-source')).toHaveAttribute('data-from', 'session');

  // Turned off, it stays off across visits.
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await page.getByTestId('prefetch-toggle').uncheck();
  await page.reload();
  await expect(page.getByTestId('prefetch-toggle')).not.toBeChecked();
});
