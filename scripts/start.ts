// npm start: builds, then starts the dev chain, the relay and the app on loopback, and prints
// the app's URL last. Ctrl-C stops everything it started.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { build } from './lib/build.ts';
import { startStack } from './lib/stack.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

build(root);
const stack = await startStack({
  root,
  stateDir: process.env.PERMANET_STATE_DIR ?? join(root, '.permanet'),
  chainPort: env('PERMANET_CHAIN_PORT', 8545),
  relayPort: env('PERMANET_RELAY_PORT', 4003),
  relayHttpPort: env('PERMANET_RELAY_HTTP_PORT', 4080),
  appPort: env('PERMANET_APP_PORT', 5173),
  onStep: (step) => console.log(`• ${step}`),
}).catch((error) => {
  console.error(`\nnpm start failed: ${(error as Error).message}`);
  process.exit(1);
});

console.log(`• chain      ${stack.config.deployments.rpcUrl} (chain id ${stack.config.deployments.chainId})`);
console.log(`• relay      ${stack.relay.multiaddrs.join(' ')}`);
console.log(`• models     ${stack.relay.pins.map((p) => `${p.name} ${p.cid}`).join('\n             ')}`);
console.log(`\nPermaNet is running: ${stack.appUrl}\n(Ctrl-C stops it)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await stack.stop();
    process.exit(0);
  });
}
