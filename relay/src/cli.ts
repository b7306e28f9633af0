// permanet-relay: starts a provider node from p2p_config.yaml and command-line flags.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '@permanet/core/config/fields';
import { parseRelayConfig, readConfigDocument } from './config/relay-config.ts';
import { createLogger } from './log.ts';
import { dirname, resolve } from 'node:path';

const HELP = `Usage: permanet-relay [options]

  --config <file>       p2p_config.yaml to read (default: ./p2p_config.yaml when present)
  --data-dir <dir>      where the peer key and the block store live
  --listen <multiaddr>  a websocket listen address (repeatable)
  --announce <multiaddr> an address to announce instead (repeatable)
  --http-port <port>    loopback HTTP port for health, status and plain fetches (0: any free)
  --pin <file>          add and pin a local file at start (repeatable)
  --deployments <file>  the chain's deployments file: enables the pin service, which pins
                        what on-chain registrations (or registered publishers) name
  --no-inference        do not serve inference (it is on when a chain is configured)
  --max-batch <rows>    the most rows one batched inference run holds
  --batch-wait-ms <ms>  how long a request waits for others to share its run
  --preload <n>         how many of the most used models to load at start
  --requests-per-second <n>  inference requests per peer per second, on average
  --substitute <cid>=<file>  for testing the network only: run this ONNX file in place of the
                        listed weights <cid> (a dishonest node, which the network slashes)
  --compute-key <file>  run as a compute node with the chain account whose key this file holds
  --stake <joy>         JOY a compute node locks when it registers
  --region <geohash>    the compute node's region, a geohash prefix
  --no-proving          do not make proofs for peers (on when a chain is configured)
  --max-proof-queue <n> proofs that may wait behind the running one
  --proofs-per-minute <n>  proofs per peer per minute, on average
  --log-level <level>   debug, info, warn or error
  --help                print this text

Every option has a p2p_config.yaml field (see the file); flags override the file.
`;

async function main() {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      listen: { type: 'string', multiple: true },
      announce: { type: 'string', multiple: true },
      'http-port': { type: 'string' },
      pin: { type: 'string', multiple: true },
      deployments: { type: 'string' },
      'log-level': { type: 'string' },
      'no-inference': { type: 'boolean' },
      'max-batch': { type: 'string' },
      'batch-wait-ms': { type: 'string' },
      preload: { type: 'string' },
      'requests-per-second': { type: 'string' },
      substitute: { type: 'string', multiple: true },
      'compute-key': { type: 'string' },
      stake: { type: 'string' },
      region: { type: 'string' },
      'no-proving': { type: 'boolean' },
      'max-proof-queue': { type: 'string' },
      'proofs-per-minute': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }

  const configPath = values.config ?? (existsSync('p2p_config.yaml') ? 'p2p_config.yaml' : undefined);
  const document = configPath !== undefined ? readConfigDocument(configPath) : {};
  // Flags override the file; both go through the same validation.
  if (values['data-dir'] !== undefined) document.data_dir = resolve(values['data-dir']);
  if (values.listen !== undefined) document.listen = values.listen;
  if (values.announce !== undefined) document.announce = values.announce;
  if (values['http-port'] !== undefined) document.http = { ...document.http, port: Number(values['http-port']) };
  if (values.pin !== undefined)
    document.pin = { ...document.pin, files: [...(document.pin?.files ?? []), ...values.pin.map((p) => resolve(p))] };
  if (values['log-level'] !== undefined) document.log_level = values['log-level'];
  if (values.deployments !== undefined)
    document.chain = { ...document.chain, deployments: resolve(values.deployments) };
  const inference: Record<string, unknown> = { ...document.inference };
  if (values['no-inference']) inference.enabled = false;
  for (const [flag, field] of [
    ['max-batch', 'max_batch'],
    ['batch-wait-ms', 'batch_wait_ms'],
    ['preload', 'preload'],
    ['requests-per-second', 'requests_per_second'],
  ] as const) {
    if (values[flag] !== undefined) inference[field] = Number(values[flag]);
  }
  if (values.substitute !== undefined)
    inference.substitute = values.substitute.map((entry) =>
      entry.replace(/=(.*)$/, (_, file: string) => `=${resolve(file)}`),
    );
  document.inference = inference;
  const compute: Record<string, unknown> = { ...document.compute };
  if (values['compute-key'] !== undefined)
    Object.assign(compute, { enabled: true, account_key_file: resolve(values['compute-key']) });
  if (values.stake !== undefined) compute.stake_joy = Number(values.stake);
  if (values.region !== undefined) compute.region = values.region;
  document.compute = compute;
  const proving: Record<string, unknown> = { ...document.proving };
  if (values['no-proving']) proving.enabled = false;
  if (values['max-proof-queue'] !== undefined) proving.max_queue = Number(values['max-proof-queue']);
  if (values['proofs-per-minute'] !== undefined) proving.proofs_per_minute = Number(values['proofs-per-minute']);
  document.proving = proving;

  const baseDir = configPath !== undefined ? dirname(resolve(configPath)) : process.cwd();
  const config = parseRelayConfig(document, baseDir, configPath ?? 'command-line flags');
  const log = createLogger(config.logLevel);
  // A daemon that peers talk to must not fall over on a stray rejection deep in a library.
  process.on('unhandledRejection', (reason) =>
    log.error('process.unhandled_rejection', { error: reason instanceof Error ? reason : String(reason) }),
  );
  // Loaded once the flags are read: --help and a bad config need neither libp2p nor the typed ABIs
  // that a build generates.
  const { createRelay } = await import('./relay.ts');
  const relay = await createRelay(config, log);
  log.info('relay.ready', { ...relay.status() });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('relay.stopping', { signal });
    await relay.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(`permanet-relay: ${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
