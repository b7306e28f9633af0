import type { Page } from '@playwright/test';

/** Draws a one on the digit pad with the pointer: a single vertical stroke down the middle. */
export async function drawOne(page: Page): Promise<void> {
  const box = (await page.getByTestId('digit-pad').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let step = 1; step <= 20; step++)
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + step * 0.035));
  await page.mouse.up();
}

/** The 28×28 grey levels (0–255) the preview shows, which are what the model is given. */
export async function previewPixels(page: Page): Promise<number[]> {
  return page.getByTestId('digit-preview').evaluate((canvas: HTMLCanvasElement) =>
    Array.from(
      canvas
        .getContext('2d')!
        .getImageData(0, 0, 28, 28)
        .data.filter((_, i) => i % 4 === 0),
    ),
  );
}
