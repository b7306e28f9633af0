// The relay's configuration: p2p_config.yaml, overridden by command-line flags, validated at
// start-up with one message per bad field.
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { multiaddr } from '@multiformats/multiaddr';
import { parse as parseYaml } from 'yaml';
import { ConfigError, FieldReader } from '@permanet/core/config/fields';
import { CID } from 'multiformats/cid';
import type { InferenceSettings } from '../inference/inference-service.ts';
import type { ComputeSettings } from '../compute/task-runner.ts';
import type { ProvingSettings } from '../proving/prove-service.ts';
import { isGeohashPrefix } from '@permanet/core/compute/geohash';

const isCid = (text: string) => {
  try {
    CID.parse(text);
    return true;
  } catch {
    return false;
  }
};

export interface RelayConfig {
  /** Where the peer key, blockstore and datastore live. */
  dataDir: string;
  /** libp2p listen addresses (websockets). */
  listen: string[];
  /** Addresses announced to peers instead of the listen addresses, when set. */
  announce: string[];
  /** The loopback HTTP server: health, status and the same bytes over plain HTTP. */
  http: { host: string; port: number };
  relay: { maxReservations: number };
  /** Local files added to Helia and pinned at start. */
  pinFiles: string[];
  /** The pinning service: the largest content it pins, and how long it waits for the blocks. */
  pinService: { maxBytes: number; timeoutMs: number };
  /** The inference service (needs the chain, for each model's spec). */
  inference: InferenceSettings & { enabled: boolean };
  /** The relay as a compute node: its chain account and what it registers with. */
  compute: ComputeSettings & { enabled: boolean; accountKeyFile: string | null };
  /** The prover service (needs the chain, for each version's registered prover). */
  proving: ProvingSettings & { enabled: boolean };
  /** The deployments file of the chain whose registrations authorize pins; none: no pin service. */
  deployments: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export const DEFAULT_CONFIG: RelayConfig = {
  dataDir: '.permanet/relay',
  listen: ['/ip4/127.0.0.1/tcp/4003/ws'],
  announce: [],
  http: { host: '127.0.0.1', port: 4080 },
  relay: { maxReservations: 128 },
  pinFiles: [],
  pinService: { maxBytes: 64 * 1024 * 1024, timeoutMs: 120_000 },
  inference: {
    enabled: true,
    maxSessions: 4,
    maxBatch: 32,
    batchWaitMs: 0,
    requestsPerSecond: 50,
    burst: 100,
    maxMessageBytes: 1024 * 1024,
    maxModelBytes: 64 * 1024 * 1024,
    fetchTimeoutMs: 60_000,
    preload: 2,
    substitutes: {},
  },
  compute: {
    enabled: false,
    accountKeyFile: null,
    stake: 100n * 10n ** 18n,
    region: 'u',
    capacityRps: 50,
    heartbeatMs: 30_000,
  },
  proving: {
    enabled: true,
    maxQueue: 8,
    proofsPerMinute: 12,
    burst: 3,
    maxArtifactBytes: 256 * 1024 * 1024,
    fetchTimeoutMs: 120_000,
  },
  deployments: null,
  logLevel: 'info',
};

/** Validates a parsed YAML document; relative paths resolve against `baseDir`. */
export function parseRelayConfig(document: unknown, baseDir: string, source = 'p2p_config.yaml'): RelayConfig {
  const read = new FieldReader(source);
  const top = read.object(document, '(top level)');
  read.noExtraKeys(top, '', [
    'data_dir',
    'listen',
    'announce',
    'http',
    'relay',
    'pin',
    'inference',
    'compute',
    'proving',
    'chain',
    'log_level',
  ]);
  const http = read.object(top.http, 'http');
  read.noExtraKeys(http, 'http', ['host', 'port']);
  const relay = read.object(top.relay, 'relay');
  read.noExtraKeys(relay, 'relay', ['max_reservations']);
  const pin = read.object(top.pin, 'pin');
  read.noExtraKeys(pin, 'pin', ['files', 'max_bytes', 'timeout_ms']);
  const inference = read.object(top.inference, 'inference');
  read.noExtraKeys(inference, 'inference', [
    'enabled',
    'max_sessions',
    'max_batch',
    'batch_wait_ms',
    'requests_per_second',
    'burst',
    'max_message_bytes',
    'max_model_bytes',
    'fetch_timeout_ms',
    'preload',
    'substitute',
  ]);
  const inferenceInt = (
    key: string,
    field: Exclude<keyof InferenceSettings, 'substitutes'>,
    min: number,
    max: number,
  ) => read.integer(inference[key], `inference.${key}`, { min, max }, DEFAULT_CONFIG.inference[field]);
  const compute = read.object(top.compute, 'compute');
  read.noExtraKeys(compute, 'compute', [
    'enabled',
    'account_key_file',
    'stake_joy',
    'region',
    'capacity_rps',
    'heartbeat_s',
  ]);
  const proving = read.object(top.proving, 'proving');
  read.noExtraKeys(proving, 'proving', [
    'enabled',
    'max_queue',
    'proofs_per_minute',
    'burst',
    'max_artifact_bytes',
    'fetch_timeout_ms',
  ]);
  const provingInt = (key: string, field: keyof ProvingSettings, min: number, max: number) =>
    read.integer(proving[key], `proving.${key}`, { min, max }, DEFAULT_CONFIG.proving[field]);
  const chain = read.object(top.chain, 'chain');
  read.noExtraKeys(chain, 'chain', ['deployments']);

  const config: RelayConfig = {
    dataDir: resolve(baseDir, read.string(top.data_dir, 'data_dir', DEFAULT_CONFIG.dataDir)),
    listen: read.stringArray(top.listen, 'listen', DEFAULT_CONFIG.listen),
    announce: read.stringArray(top.announce, 'announce', DEFAULT_CONFIG.announce),
    http: {
      host: read.string(http.host, 'http.host', DEFAULT_CONFIG.http.host),
      port: read.integer(http.port, 'http.port', { min: 0, max: 65535 }, DEFAULT_CONFIG.http.port),
    },
    relay: {
      maxReservations: read.integer(
        relay.max_reservations,
        'relay.max_reservations',
        { min: 1, max: 100_000 },
        DEFAULT_CONFIG.relay.maxReservations,
      ),
    },
    pinFiles: read.stringArray(pin.files, 'pin.files').map((file) => resolve(baseDir, file)),
    pinService: {
      maxBytes: read.integer(
        pin.max_bytes,
        'pin.max_bytes',
        { min: 1, max: 2 ** 40 },
        DEFAULT_CONFIG.pinService.maxBytes,
      ),
      timeoutMs: read.integer(
        pin.timeout_ms,
        'pin.timeout_ms',
        { min: 1000, max: 3_600_000 },
        DEFAULT_CONFIG.pinService.timeoutMs,
      ),
    },
    inference: {
      enabled: read.boolean(inference.enabled, 'inference.enabled', DEFAULT_CONFIG.inference.enabled),
      maxSessions: inferenceInt('max_sessions', 'maxSessions', 1, 64),
      maxBatch: inferenceInt('max_batch', 'maxBatch', 1, 1024),
      batchWaitMs: inferenceInt('batch_wait_ms', 'batchWaitMs', 0, 1000),
      requestsPerSecond: inferenceInt('requests_per_second', 'requestsPerSecond', 1, 100_000),
      burst: inferenceInt('burst', 'burst', 1, 1_000_000),
      maxMessageBytes: inferenceInt('max_message_bytes', 'maxMessageBytes', 1024, 64 * 1024 * 1024),
      maxModelBytes: inferenceInt('max_model_bytes', 'maxModelBytes', 1, 2 ** 40),
      fetchTimeoutMs: inferenceInt('fetch_timeout_ms', 'fetchTimeoutMs', 1000, 3_600_000),
      preload: inferenceInt('preload', 'preload', 0, 64),
      substitutes: Object.fromEntries(
        read.stringArray(inference.substitute, 'inference.substitute').flatMap((entry, i) => {
          const [cid, file] = entry.split('=', 2);
          if (!file || !isCid(cid)) {
            read.fail(`inference.substitute[${i}]`, 'must be <weights CID>=<file>');
            return [];
          }
          return [[cid, resolve(baseDir, file)]];
        }),
      ),
    },
    compute: {
      enabled: read.boolean(compute.enabled, 'compute.enabled', DEFAULT_CONFIG.compute.enabled),
      accountKeyFile:
        compute.account_key_file === undefined
          ? null
          : resolve(baseDir, read.string(compute.account_key_file, 'compute.account_key_file')),
      stake:
        BigInt(
          read.integer(
            compute.stake_joy,
            'compute.stake_joy',
            { min: 1, max: 1_000_000_000 },
            Number(DEFAULT_CONFIG.compute.stake / 10n ** 18n),
          ),
        ) *
        10n ** 18n,
      region: read.string(compute.region, 'compute.region', DEFAULT_CONFIG.compute.region),
      capacityRps: read.integer(
        compute.capacity_rps,
        'compute.capacity_rps',
        { min: 1, max: 1_000_000 },
        DEFAULT_CONFIG.compute.capacityRps,
      ),
      heartbeatMs:
        read.integer(
          compute.heartbeat_s,
          'compute.heartbeat_s',
          { min: 1, max: 86_400 },
          DEFAULT_CONFIG.compute.heartbeatMs / 1000,
        ) * 1000,
    },
    proving: {
      enabled: read.boolean(proving.enabled, 'proving.enabled', DEFAULT_CONFIG.proving.enabled),
      maxQueue: provingInt('max_queue', 'maxQueue', 0, 10_000),
      proofsPerMinute: provingInt('proofs_per_minute', 'proofsPerMinute', 1, 100_000),
      burst: provingInt('burst', 'burst', 1, 10_000),
      maxArtifactBytes: provingInt('max_artifact_bytes', 'maxArtifactBytes', 1, 2 ** 40),
      fetchTimeoutMs: provingInt('fetch_timeout_ms', 'fetchTimeoutMs', 1000, 3_600_000),
    },
    deployments:
      chain.deployments === undefined ? null : resolve(baseDir, read.string(chain.deployments, 'chain.deployments')),
    logLevel: read.oneOf(top.log_level, 'log_level', LOG_LEVELS, DEFAULT_CONFIG.logLevel),
  };
  checkMultiaddrs(read, config.listen, 'listen');
  checkMultiaddrs(read, config.announce, 'announce');
  if (config.listen.length === 0) read.fail('listen', 'needs at least one address');
  if (!isGeohashPrefix(config.compute.region))
    read.fail('compute.region', 'must be a geohash prefix of 1 to 8 characters');
  if (config.compute.enabled && config.compute.accountKeyFile === null)
    read.fail(
      'compute.account_key_file',
      "is needed when compute.enabled is true (a file holding the node account's private key, 0x…)",
    );
  read.done();
  return config;
}

function checkMultiaddrs(read: FieldReader, addresses: string[], path: string) {
  addresses.forEach((address, i) => {
    try {
      const ma = multiaddr(address);
      if (path === 'listen' && !ma.getComponents().some((c) => c.name === 'ws' || c.name === 'wss')) {
        read.fail(
          `${path}[${i}]`,
          `must be a websocket address such as /ip4/127.0.0.1/tcp/4003/ws, got ${JSON.stringify(address)}`,
        );
      }
    } catch (error) {
      read.fail(`${path}[${i}]`, `is not a multiaddr (${(error as Error).message})`);
    }
  });
}

/** Reads a config file's YAML document; a missing file is an error, as is bad YAML. */
// biome-ignore lint/suspicious/noExplicitAny: flags are merged into the document before it is validated
export function readConfigDocument(path: string): Record<string, any> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
  try {
    return parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError(path, [`is not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
}

/** Reads and validates a config file; relative paths resolve against its folder. */
export function loadRelayConfig(path: string): RelayConfig {
  return parseRelayConfig(readConfigDocument(path), dirname(resolve(path)), path);
}
