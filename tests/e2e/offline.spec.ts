// A repeat visit without the network: the service worker serves the shell and onnxruntime's
// wasm, the model list comes from the last chain read, the weights from IndexedDB.
import { expect, test } from './fixtures.ts';
import { digitSamples, referenceDigits } from '../../scripts/lib/reference.ts';
import { pageProbabilities } from './page-probabilities.ts';

test('the second visit runs the model offline, from IndexedDB', async ({ page, context }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'permanet-digits' }).click();
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('fetch-source')).toContainText('peers (bitswap)');
  // The service worker has installed (its precache is complete) once it is active.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('fetch-source')).toContainText('this browser (IndexedDB)');
  await expect(page.getByTestId('peer-status')).not.toContainText('connected');
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await page.getByTestId('sample-digit').click();
  await expect(page.getByTestId('probabilities')).toBeVisible();
  const shown = await pageProbabilities(page);
  const expected = (await referenceDigits(digitSamples[0].pixels)).probabilities;
  shown.forEach((p, i) => {
    expect(Math.abs(p - expected[i])).toBeLessThan(1e-4);
  });

  await page.goto('/');
  await expect(page.getByTestId('stale-list')).toContainText('the chain cannot be reached');
  await expect(page.locator('[data-testid=model-card][data-name=permanet-digits]')).toBeVisible();
  await context.setOffline(false);
});
