// The relay's configuration: p2p_config.yaml, overridden by command-line flags (cli-flags.ts),
// validated at start-up with one message per bad field. Each service declares its own section
// beside its code; this file puts them in the file's order.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { multiaddr } from '@multiformats/multiaddr';
import { parse as parseYaml } from 'yaml';
import { ConfigError, FieldReader } from '@permanet/core/config/fields';
import { computeSettings } from '../compute/compute-settings.ts';
import { httpSettings } from '../http/http-settings.ts';
import { inferenceSettings } from '../inference/inference-settings.ts';
import { LOG_LEVELS } from '../log.ts';
import { dnsSettings } from '../names/dns-settings.ts';
import { ballotSettings } from '../governance/ballot-settings.ts';
import { pinSettings } from '../pinning/pin-settings.ts';
import { provingSettings } from '../proving/proving-settings.ts';
import { integer, list, oneOf, optionalPath, path, readSection, section, type Values } from './settings.ts';
import { messageOf } from '@permanet/core/errors/permanet-error';

export const relaySettings = section({
  key: '',
  doc: 'permanet-relay configuration (the defaults `npm start` uses). Paths are relative to this file.',
  settings: {
    dataDir: path({
      key: 'data_dir',
      doc: 'Where the peer key, the block store and the datastore live.',
      default: '.permanet/relay',
      flag: { name: 'data-dir', arg: 'dir', doc: 'where the peer key and the block store live' },
    }),
    listen: list({
      key: 'listen',
      doc: 'libp2p listen addresses (websockets).',
      default: ['/ip4/127.0.0.1/tcp/4003/ws'],
      flag: { name: 'listen', arg: 'multiaddr', doc: 'a websocket listen address (repeatable)', multiple: true },
    }),
    announce: list({
      key: 'announce',
      doc: 'Addresses announced to peers instead of the listen addresses, when set.',
      default: [],
      flag: { name: 'announce', arg: 'multiaddr', doc: 'an address to announce instead (repeatable)', multiple: true },
    }),
    http: httpSettings,
    relay: section({
      key: 'relay',
      settings: {
        maxReservations: integer({
          key: 'max_reservations',
          doc: 'Circuit relay v2 reservations held at once (browser tabs reachable through this relay).',
          min: 1,
          max: 100_000,
          default: 128,
        }),
        maxReservationsPerIp: integer({
          key: 'max_reservations_per_ip',
          doc: 'Of those, how many peers connecting from one IP address may hold (peer ids are free).',
          min: 1,
          max: 100_000,
          default: 8,
        }),
      },
    }),
    connections: section({
      key: 'connections',
      doc: "libp2p's connection limits: new inbound connections from one host are also held to 5 a second.",
      settings: {
        max: integer({ key: 'max', doc: 'Connections open at once.', min: 1, max: 100_000, default: 512 }),
        perIp: integer({
          key: 'per_ip',
          doc: 'Connections open at once from one IP address.',
          min: 1,
          max: 100_000,
          default: 64,
        }),
        pending: integer({
          key: 'pending',
          doc: 'Inbound connections being upgraded (encryption, muxer) at once.',
          min: 1,
          max: 10_000,
          default: 32,
        }),
      },
    }),
    pin: pinSettings,
    inference: inferenceSettings,
    compute: computeSettings,
    proving: provingSettings,
    dns: dnsSettings,
    ballots: ballotSettings,
    chain: section({
      key: 'chain',
      settings: {
        deployments: optionalPath({
          key: 'deployments',
          doc:
            'The deployments file of the chain whose registrations authorize pins (npm start passes its own ' +
            'with --deployments). Without one the relay runs no pin, inference or prove service.',
          example: '.permanet/deployments.json',
          flag: {
            name: 'deployments',
            arg: 'file',
            doc:
              "the chain's deployments file: enables the pin service, which pins what on-chain registrations " +
              '(or registered publishers) name',
          },
        }),
      },
    }),
    logLevel: oneOf({
      key: 'log_level',
      doc: 'debug, info, warn or error.',
      choices: LOG_LEVELS,
      default: 'info',
      flag: { name: 'log-level', arg: 'level', doc: 'debug, info, warn or error' },
    }),
  },
  check: (config, { reader }) => {
    checkMultiaddrs(reader, config.listen, 'listen');
    checkMultiaddrs(reader, config.announce, 'announce');
    if (config.listen.length === 0) reader.fail('listen', 'needs at least one address');
  },
});

export type RelayConfig = Values<typeof relaySettings.settings>;

/** Validates a parsed YAML document; relative paths resolve against `baseDir`. */
export function parseRelayConfig(document: unknown, baseDir: string, source = 'p2p_config.yaml'): RelayConfig {
  const reader = new FieldReader(source);
  const config = readSection(relaySettings, document, reader, baseDir);
  reader.done();
  return config;
}

/** Every setting at its default (paths resolved against the working directory). */
export const DEFAULT_CONFIG: RelayConfig = parseRelayConfig({}, process.cwd(), 'the defaults');

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
      read.fail(`${path}[${i}]`, `is not a multiaddr (${messageOf(error)})`);
    }
  });
}

/** Reads a config file's YAML document; a missing file is an error, as is bad YAML. */
export function readConfigDocument(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? messageOf(error)})`,
    ]);
  }
  try {
    return parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError(path, [`is not valid YAML: ${messageOf(error).split('\n')[0]}`]);
  }
}

/** Reads and validates a config file; relative paths resolve against its folder. */
export function loadRelayConfig(path: string): RelayConfig {
  return parseRelayConfig(readConfigDocument(path), dirname(resolve(path)), path);
}
