// The layout's rules, checked: core/ (@permanet/core) imports nothing outside itself and no
// Node-only module, and its code (not its tests) touches no browser-only or Node-only global
// (storage, secrets and execution are injected); nothing under relay/ imports from the app's src/.
// Prints each breach.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const GLOBALS = /\b(window|document|localStorage|sessionStorage|indexedDB|navigator|process|Buffer|__dirname)\s*[.[(]/;
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'core', 'relay'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => /\.(ts|tsx|js)$/.test(file));

const breaches: string[] = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const test = /\.test\.ts$/.test(file);
  for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
    const target = spec.startsWith('.') ? relative('.', join(dirname(file), spec)) : null;
    if (file.startsWith('relay/') && target?.startsWith('src/')) breaches.push(`${file}: imports the app's ${target}`);
    if (file.startsWith('core/') && target !== null && !target.startsWith('core/') && !test)
      breaches.push(`${file}: imports ${target}, outside core/`);
    if (file.startsWith('core/') && !test && spec.startsWith('node:'))
      breaches.push(`${file}: imports ${spec}, which browsers lack`);
  }
  if (file.startsWith('core/') && !test) {
    text.split('\n').forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      if (!code.trim().startsWith('*') && GLOBALS.test(code)) breaches.push(`${file}:${i + 1}: uses a platform global`);
    });
  }
}
for (const breach of breaches) console.log(breach);
if (breaches.length > 0) process.exit(1);
