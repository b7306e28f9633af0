// Bad input gets a clear message and breaks nothing: a tensor of the wrong shape, a CID no peer
// has, weights whose bytes do not match their CID, a relay that is down when the page opens.
import { createPublicClient, createWalletClient, http, type PublicClient } from 'viem';
import { registerModel } from '@permanet/core/chain/actions/marketplace/register-model';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { cidOfBytes } from '@permanet/core/storage/cid-of-bytes';
import { expect, FETCH_TIMEOUT_MS, test } from './fixtures.ts';
import { digitsModel } from '../../scripts/lib/reference.ts';

async function openModel(page: import('@playwright/test').Page, name: string) {
  await page.goto('/');
  await page.getByRole('link', { name }).click();
}

test('a tensor of the wrong shape is refused before it reaches the model', async ({ page }) => {
  await openModel(page, 'permanet-digits');
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  await page.getByText('Run on a tensor of your own').click();
  await page.getByTestId('raw-input').fill(JSON.stringify(new Array(783).fill(0)));
  await page.getByTestId('raw-run').click();
  await expect(page.getByTestId('raw-error')).toHaveText(
    'The input does not fit the model: pixels: shape [1, 784] needs 784 values, got 783',
  );
  await page.getByTestId('raw-input').fill('[1, 2, oops');
  await page.getByTestId('raw-run').click();
  await expect(page.getByTestId('raw-error')).toContainText('The input is not JSON');
  // Nothing broke: a well-formed tensor still runs.
  await page.getByTestId('raw-input').fill(JSON.stringify(new Array(784).fill(0)));
  await page.getByTestId('raw-run').click();
  await expect(page.getByTestId('raw-output')).toContainText('probabilities [1, 10]');
});

test('a model whose CID no peer has times out with a message instead of hanging', async ({ page, stack }) => {
  const transport = http(stack.config.deployments.rpcUrl);
  const publicClient = createPublicClient({ transport }) as PublicClient;
  const wallet = createWalletClient({ account: devAccount(1), transport, chain: undefined });
  const orphan = await cidOfBytes(new TextEncoder().encode(`nobody has this ${Date.now()}`));
  await registerModel(publicClient, wallet, stack.config.deployments.contracts.ModelMarketplace.address, {
    name: `orphan-${Date.now()}`,
    task: 'image-classification',
    licence: 'MIT',
    weightsCid: orphan.toString(),
    cardCid: orphan.toString(),
    spec: digitsModel.spec,
    sizeBytes: 1000,
  });
  await page.goto('/');
  await page.locator('[data-testid=model-card]', { hasText: 'orphan-' }).getByRole('link').click();
  await expect(page.getByTestId('fetch-progress')).toBeVisible();
  await expect(page.getByTestId('model-error')).toHaveText(
    `No peer sent ${orphan} within ${FETCH_TIMEOUT_MS / 1000} s (0 bytes received). Is a relay that holds it online?`,
    { timeout: FETCH_TIMEOUT_MS + 20_000 },
  );
  // The rest of the app still works.
  await page.getByRole('link', { name: 'Models' }).click();
  await expect(page.getByTestId('model-card').first()).toBeVisible();
});

test('weights whose stored bytes no longer match their CID are refused, discarded and fetched afresh', async ({
  page,
}) => {
  await openModel(page, 'permanet-digits');
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  // Flip one byte of the largest block in the page's IndexedDB block store.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('permanet-blocks');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('permanet-blocks', 'readwrite').objectStore('permanet-blocks');
          let biggest: { key: IDBValidKey; value: Uint8Array } | null = null;
          store.openCursor().onsuccess = (event) => {
            const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
            if (cursor) {
              if (!biggest || cursor.value.length > biggest.value.length)
                biggest = { key: cursor.key, value: new Uint8Array(cursor.value) };
              cursor.continue();
              return;
            }
            biggest!.value[1000] ^= 0xff;
            store.put(biggest!.value, biggest!.key).onsuccess = () => resolve();
          };
        };
      }),
  );
  await page.reload();
  await expect(page.getByTestId('model-error')).toContainText('do not match their CID');
  await expect(page.getByTestId('model-error')).toContainText('The copy was discarded.');
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'failed');
  await page.reload();
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('fetch-source')).toContainText('peers (bitswap)');
});

test('with the relay down the page still works from what it has, and reconnects when it is back', async ({
  page,
  stack,
}) => {
  await openModel(page, 'permanet-digits');
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  await stack.stopRelay();
  try {
    await page.goto('/');
    await expect(page.locator('[data-testid=model-card][data-name=permanet-digits]')).toBeVisible();
    await expect(page.getByTestId('peer-status')).toContainText('relay offline, retrying');
    await page.getByRole('link', { name: 'permanet-digits' }).click();
    await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
    await expect(page.getByTestId('fetch-source')).toContainText('this browser (IndexedDB)');
    await page.getByTestId('sample-digit').click();
    await expect(page.getByTestId('probabilities')).toBeVisible({ timeout: 60_000 });
  } finally {
    await stack.startRelay();
  }
  await expect(page.getByTestId('peer-status')).toContainText('1/1 relay connected', { timeout: 30_000 });
});
