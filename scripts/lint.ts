// npm run lint: the formatters' and linters' checks, each run to the end so that one report shows
// everything: Biome (TypeScript, CSS), Prettier with its Solidity plugin, solhint, line lengths,
// the layout's boundaries (core imports nothing outside itself, relay nothing from src), and knip
// (every workspace imports only the packages it declares, and declares only what it imports;
// --production --strict checks each workspace's runtime code against its own dependencies alone).
// `npm run format` writes the formatters' fixes.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const CHECKS: [string, string, string[]][] = [
  ['biome', bin('biome'), ['check', '--error-on-warnings', '.']],
  ['prettier (Solidity)', bin('prettier'), ['--check', 'contracts/**/*.sol']],
  ['solhint', bin('solhint'), ['--disc', '--quiet', 'contracts/**/*.sol']],
  ['line lengths', process.execPath, ['scripts/check-line-length.ts']],
  ['layout boundaries', process.execPath, ['scripts/check-boundaries.ts']],
  ['dependencies (knip)', bin('knip'), ['--no-config-hints']],
  ['runtime dependencies (knip)', bin('knip'), ['--production', '--strict', '--no-config-hints']],
];

const failed = CHECKS.filter(([name, command, args]) => {
  console.log(`\n$ ${name}`);
  return spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status !== 0;
}).map(([name]) => name);
if (failed.length > 0) {
  console.log(`\nlint failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nlint passed');
