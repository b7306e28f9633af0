// Runs this script again inside a new network namespace with only loopback up, when one can be
// made (as root): every peer, relay and WebRTC candidate the run starts stays on 127.0.0.1, and
// nothing outside can reach them. Elsewhere (no root) the script runs where it is, on loopback
// addresses by its own configuration.
import { spawnSync } from 'node:child_process';

const MARK = 'PERMANET_LOOPBACK_ONLY';

export function runInLoopbackNamespace(): void {
  if (process.env[MARK] === '1') return;
  if (spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) return;
  const result = spawnSync(
    'unshare',
    [
      '-n',
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, [MARK]: '1' },
    },
  );
  process.exit(result.status ?? 1);
}
