// Publishing starts with the file: a freshly generated ONNX model is read and its inputs and
// outputs shown; a file that is not ONNX, an empty one and an oversized one are refused.
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_MODEL_BYTES } from '../../src/marketplace/publish-limits.ts';
import { expect, test } from './fixtures.ts';
import { freshModel } from './fresh-model.ts';

const fresh = () => freshModel();

test('a fresh ONNX file is read in the browser: its inputs and outputs are shown', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Publish' }).click();
  await page
    .getByTestId('onnx-file')
    .setInputFiles({ name: 'fresh.onnx', mimeType: 'application/octet-stream', buffer: fresh() });
  await expect(page.getByTestId('onnx-ok')).toContainText('fresh.onnx');
  await expect(page.getByTestId('onnx-inputs').locator('tbody tr')).toHaveText(['featuresfloat32[batch, 3]']);
  await expect(page.getByTestId('onnx-outputs').locator('tbody tr')).toHaveText(['scoresfloat32[batch, 2]']);
});

test('a file that is not ONNX, an empty one and an oversized one are refused with a reason', async ({ page }) => {
  await page.goto('/publish');
  await page.getByTestId('onnx-file').setInputFiles({
    name: 'notes.onnx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('definitely not a model'),
  });
  await expect(page.getByTestId('onnx-error')).toContainText(
    'This file is not an ONNX model that onnxruntime can load',
  );
  await page
    .getByTestId('onnx-file')
    .setInputFiles({ name: 'empty.onnx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) });
  await expect(page.getByTestId('onnx-error')).toHaveText('empty.onnx is empty.');
  // Playwright passes files over 50 MB by path: a sparse file of the limit plus one byte.
  const huge = join(mkdtempSync(join(tmpdir(), 'publish-')), 'huge.onnx');
  writeFileSync(huge, '');
  truncateSync(huge, MAX_MODEL_BYTES + 1);
  await page.getByTestId('onnx-file').setInputFiles(huge);
  await expect(page.getByTestId('onnx-error')).toHaveText(
    "huge.onnx is 64.00 MiB; models up to 64.00 MiB can be published (the relays' pin limit).",
  );
  // The page still works: a real model after the refusals.
  await page
    .getByTestId('onnx-file')
    .setInputFiles({ name: 'fresh.onnx', mimeType: 'application/octet-stream', buffer: fresh() });
  await expect(page.getByTestId('onnx-ok')).toBeVisible();
});
