// The end-to-end tests' stack: one real chain, relay and app per Playwright worker, on free
// loopback ports, with its own state directory.
import { test as base, type BrowserContext } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStackOnFreePorts, type Stack } from '../../scripts/lib/stack.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
/** Short, so the "no peer has it" path is tested in seconds, not the default 30. */
export const FETCH_TIMEOUT_MS = 6_000;

/**
 * Fetching ahead is off in test contexts unless a test turns it on: a model fetched ahead would
 * change what the tests of fetching and caching observe.
 */
export async function withoutPrefetch(context: BrowserContext): Promise<BrowserContext> {
  await context.addInitScript(() => {
    try {
      if (localStorage.getItem('permanet:prefetch') === null) localStorage.setItem('permanet:prefetch', 'off');
    } catch {
      // about:blank and other opaque origins have no localStorage.
    }
  });
  return context;
}

export const test = base.extend<{}, { stack: Stack }>({
  context: async ({ context }, use) => use(await withoutPrefetch(context)),
  stack: [
    async ({}, use) => {
      const stateDir = mkdtempSync(join(tmpdir(), 'permanet-e2e-'));
      const stack = await startStackOnFreePorts({ root, stateDir, fetchTimeoutMs: FETCH_TIMEOUT_MS });
      await use(stack);
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ stack }, use) => use(stack.appUrl),
});

export const expect = test.expect;
