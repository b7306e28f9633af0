// npm test: builds what the tests need, type-checks, lints (npm run lint), then runs every suite:
// unit and relay tests (vitest), contract tests (Hardhat's in-process chain, node:test), and
// end-to-end tests in Chromium against the real stack (Playwright). Prints one closing line: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './lib/build.ts';
import { runInLoopbackNamespace } from './lib/loopback-only.ts';

runInLoopbackNamespace();

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = join(root, 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2);
const wanted = (suite: string) => only.length === 0 || only.includes(suite);

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  console.log(`\n$ ${[command.replace(`${root}/`, ''), ...args].join(' ')}`);
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

const totals = { passed: 0, failed: 0 };
const problems: string[] = [];
const count = (suite: string, passed: number, failed: number, exitCode: number) => {
  totals.passed += passed;
  totals.failed += failed;
  console.log(`${suite}: ${passed} passed, ${failed} failed`);
  if (exitCode !== 0 && failed === 0) problems.push(`${suite} exited with ${exitCode} without a failing test`);
};

build(root);
if (run(bin('tsc'), ['--noEmit', '-p', '.']) !== 0) problems.push('the type check failed');
if (run(process.execPath, ['scripts/lint.ts']) !== 0) problems.push('npm run lint failed');

if (wanted('unit')) {
  const file = join(reports, 'vitest.json');
  const code = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const report = JSON.parse(readFileSync(file, 'utf8'));
  count('unit and relay (vitest)', report.numPassedTests, report.numFailedTests, code);
}

if (wanted('contracts')) {
  const file = join(reports, 'contracts.tap');
  const code = run(bin('node'), [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${file}`,
    'tests/contracts/*.test.ts',
  ]);
  const tap = readFileSync(file, 'utf8');
  const number = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  count('contracts (node:test on Hardhat)', number('pass'), number('fail') + number('cancelled'), code);
}

if (wanted('e2e')) {
  const file = join(reports, 'playwright.json');
  const code = run(bin('playwright'), ['test']);
  const stats = JSON.parse(readFileSync(file, 'utf8')).stats;
  count('end-to-end (Playwright, Chromium)', stats.expected + stats.flaky, stats.unexpected, code);
}

for (const problem of problems) console.log(`error: ${problem}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || problems.length > 0 ? 1 : 0);
