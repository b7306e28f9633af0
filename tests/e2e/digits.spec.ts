// The digit classifier end to end: listed on-chain, fetched over bitswap, run in the worker on
// WASM and on WebGPU, each output compared with onnxruntime-node's for the same input.
import { expect, test } from './fixtures.ts';
import { digitSamples, referenceDigits } from '../../scripts/lib/reference.ts';
import { drawOne, previewPixels } from './digit-pad.ts';
import { pageProbabilities } from './page-probabilities.ts';

const TOLERANCE = 1e-4;

async function openDigits(page: import('@playwright/test').Page) {
  await page.goto('/');
  await page.getByRole('link', { name: 'permanet-digits' }).click();
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
}

function expectClose(actual: number[], expected: number[]) {
  expect(actual).toHaveLength(expected.length);
  for (const [i, value] of actual.entries()) {
    expect(Math.abs(value - expected[i]), `class ${i}: ${value} vs ${expected[i]}`).toBeLessThan(TOLERANCE);
  }
  expect(actual.indexOf(Math.max(...actual))).toBe(expected.indexOf(Math.max(...expected)));
}

test('a held-out digit gives the same probabilities on WASM, on WebGPU and in onnxruntime-node', async ({ page }) => {
  await openDigits(page);
  await expect(page.getByTestId('fetch-source')).toContainText('peers (bitswap)');
  // The model card comes from IPFS too, verified the same way.
  await expect(page.getByTestId('card-description')).toContainText('multilayer perceptron');
  await expect(page.getByTestId('metric-heldOutAccuracy')).toHaveText('0.9641');
  await expect(page.getByTestId('usage')).toHaveText('0 uses on-chain');
  await page.getByTestId('versions').locator('summary').click();
  await expect(page.getByTestId('version')).toHaveCount(1);
  await expect(page.getByTestId('royalties')).toContainText('an original model');

  await page.getByTestId('backend-select').selectOption('wasm');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await page.getByTestId('sample-digit').click();
  await expect(page.getByTestId('sample-info')).toContainText('held-out sample 0');
  await expect(page.getByTestId('probabilities')).toBeVisible();
  const wasm = await pageProbabilities(page);
  expectClose(wasm, (await referenceDigits(digitSamples[0].pixels)).probabilities);
  await expect(page.getByTestId('latency')).toBeVisible();

  await page.getByTestId('backend-select').selectOption('webgpu');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu', { timeout: 60_000 });
  await expect(page.getByTestId('backend')).toContainText('WebGPU');
  await page.getByTestId('sample-digit').click();
  await expect(page.getByTestId('sample-info')).toContainText('held-out sample 1');
  await expect(page.getByTestId('probabilities')).toBeVisible({ timeout: 60_000 });
  const webgpu = await pageProbabilities(page);
  expectClose(webgpu, (await referenceDigits(digitSamples[1].pixels)).probabilities);
});

test('a digit drawn with the pointer is classified from exactly the pixels the preview shows', async ({ page }) => {
  await openDigits(page);
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await drawOne(page);
  await expect(page.getByTestId('probabilities')).toBeVisible();
  await expect(page.getByTestId('probabilities')).toHaveAttribute('data-top', '1');
  const grey = await previewPixels(page);
  expect(grey.some((v) => v > 0)).toBe(true);
  const shown = await pageProbabilities(page);
  expectClose(shown, (await referenceDigits(grey)).probabilities);
  expect(shown.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
});
