// A copy of the tree as a fresh clone of it would be: the files git tracks (as they are now, so a
// change is tested before it is committed) and the untracked ones it does not ignore, with no build
// output of any kind. Its node_modules reuses the installed packages through symlinks, so it costs
// seconds, while the workspace packages point into the copy, so the copy runs its own code.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the build writes: none of it may be in a fresh clone. */
export const BUILD_OUTPUTS = ['artifacts', 'cache', 'dist', 'core/src/chain/abi/generated.ts', '.permanet'];

export function freshClone(root: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'permanet-clone-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root })
    .toString()
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(root, file)));
  for (const file of files) cpSync(join(root, file), join(copy, file), { dereference: false });
  linkModules(join(root, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

// A workspace package is a relative symlink in node_modules: the same link in the copy points at
// the copy's folder. A folder holding such links (a scope, .bin) is made again, link by link.
function linkModules(from: string, to: string) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name);
    if (lstatSync(source).isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (holdsLinks(source)) linkModules(source, target);
    else symlinkSync(source, target);
  }
}

const holdsLinks = (dir: string) =>
  lstatSync(dir).isDirectory() && readdirSync(dir).some((name) => lstatSync(join(dir, name)).isSymbolicLink());
