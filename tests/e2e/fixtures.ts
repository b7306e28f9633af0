// The end-to-end tests' stack: one real chain, relay and app per Playwright worker, on free
// loopback ports, with its own state directory.
import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStackOnFreePorts, type ExtraRelay, type Stack } from '../../scripts/lib/stack.ts';
import { withoutPrefetch } from './without-prefetch.ts';

export { withoutPrefetch };

export const root = fileURLToPath(new URL('../..', import.meta.url));
/** Short, so the "no peer has it" path is tested in seconds, not the default 30. */
export const FETCH_TIMEOUT_MS = 6_000;

export const test = base.extend<object, { stack: Stack; extraRelays: ExtraRelay[] }>({
  context: async ({ context }, use) => use(await withoutPrefetch(context)),
  // A spec that needs more relays (the compute network's) sets this; it then gets its own stack.
  extraRelays: [[], { scope: 'worker', option: true }],
  stack: [
    async ({ extraRelays }, use) => {
      const stateDir = mkdtempSync(join(tmpdir(), 'permanet-e2e-'));
      const stack = await startStackOnFreePorts({ root, stateDir, fetchTimeoutMs: FETCH_TIMEOUT_MS, extraRelays });
      await use(stack);
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ stack }, use) => use(stack.appUrl),
});

export const expect = test.expect;
