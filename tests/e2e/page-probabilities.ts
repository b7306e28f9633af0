import type { Page } from '@playwright/test';

/** The probabilities the page shows, at full precision, in class order. */
export async function pageProbabilities(page: Page): Promise<number[]> {
  const values = await page
    .locator('[data-testid=probabilities] li')
    .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-value'))));
  if (values.length !== 10) throw new Error(`expected 10 probabilities, found ${values.length}`);
  return values;
}
