// npm run bench: builds, then measures (scripts/bench/run.ts). The measures are imported only
// after the build, because they import the typed ABIs the build generates.
import { fileURLToPath } from 'node:url';
import { build } from './lib/build.ts';
import { runInLoopbackNamespace } from './lib/loopback-only.ts';

runInLoopbackNamespace();
build(fileURLToPath(new URL('..', import.meta.url)));
await import('./bench/run.ts');
