// npm start: builds, then starts the dev chain, the relay and the app on loopback, and prints
// the app's URL last. Ctrl-C stops everything it started, at any point.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { build } from './lib/build.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

build(root);
// Imported after the build: the stack's code imports the typed ABIs the build generates.
const { startStack } = await import('./lib/stack.ts');
const starting = startStack({
  root,
  stateDir: process.env.PERMANET_STATE_DIR ?? join(root, '.permanet'),
  chainPort: env('PERMANET_CHAIN_PORT', 8545),
  relayPort: env('PERMANET_RELAY_PORT', 4003),
  relayHttpPort: env('PERMANET_RELAY_HTTP_PORT', 4080),
  dnsPort: env('PERMANET_DNS_PORT', 8053),
  appPort: env('PERMANET_APP_PORT', 5173),
  onStep: (step) => console.log(`• ${step}`),
});

// Handlers go in before anything is printed: a Ctrl-C during start-up waits for the stack to
// come up (or fail), then stops it.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    const stack = await starting.catch(() => null);
    await stack?.stop();
    process.exit(0);
  });
}

const stack = await starting.catch((error) => {
  console.error(`\nnpm start failed: ${(error as Error).message}`);
  process.exit(1);
});
if (!stopping) {
  console.log(`• chain      ${stack.config.deployments.rpcUrl} (chain id ${stack.config.deployments.chainId})`);
  console.log(`• relay      ${stack.relay.multiaddrs.join(' ')}`);
  console.log(`• pinned     ${stack.relay.pins.map((p) => `${p.name} ${p.cid}`).join('\n             ')}`);
  console.log(`\nPermaNet is running: ${stack.appUrl}\n(Ctrl-C stops it)`);
}
