// The build steps `npm start`, `npm test` and `npm run bench` share: compile the contracts
// offline, generate their typed ABIs, and build the PWA.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export function build(root: string, { app = true } = {}) {
  // NODE_ENV is set, not inherited: under a test runner (NODE_ENV=test) the app would otherwise be
  // built with development builds of its libraries and an unminified service worker.
  const run = (command: string, args: string[]) =>
    execFileSync(join(root, 'node_modules', '.bin', command), args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  run('hardhat', ['build', '--quiet']);
  run('node', ['contracts/export-abis.ts']);
  if (app) run('vite', ['build', '--logLevel', 'warn']);
}
