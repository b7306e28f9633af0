// The home page lists what the chain lists: name, task, size and CID of each demo model.
import { readFileSync } from 'node:fs';
import { listModels } from '@permanet/core/chain/actions/marketplace/list-models';
import { createChainClient } from '../../src/chain/public-client.ts';
import { demoModels } from '../../models/demo-models.ts';
import { expect, test } from './fixtures.ts';
import { fileCid } from '../../scripts/lib/reference.ts';

test('the home page lists every model ModelMarketplace lists, the demo models among them', async ({ page, stack }) => {
  const onChain = await listModels(
    createChainClient(stack.config.deployments),
    stack.config.deployments.contracts.ModelMarketplace.address,
  );
  expect(onChain.length).toBeGreaterThanOrEqual(demoModels.length);
  await page.goto('/');
  await expect(page.getByTestId('model-card')).toHaveCount(onChain.length);
  for (const model of demoModels) {
    const card = page.locator(`[data-testid=model-card][data-name="${model.name}"]`);
    await expect(card).toContainText(model.task);
    const cid = await fileCid(model.file);
    await expect(card.locator('.cid')).toHaveAttribute('title', cid);
    await expect(card.getByTestId('terms')).toHaveText('MIT, free to use');
    const bytes = readFileSync(model.file).length;
    await expect(card).toContainText(
      bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`,
    );
  }
  await expect(page.getByTestId('peer-status')).toContainText('1/1 relay connected');
});

test('an unknown model id gets a clear message', async ({ page }) => {
  await page.goto('/model/999');
  await expect(page.getByRole('alert')).toContainText('No model has id 999');
});
