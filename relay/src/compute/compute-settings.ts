// compute: in p2p_config.yaml: the relay as a compute node of NodeCoordinator.
import { isGeohashPrefix } from '@permanet/core/compute/geohash';
import { boolean, integer, optionalPath, section, text, type Values } from '../config/settings.ts';

export const computeSettings = section({
  key: 'compute',
  doc:
    'The relay as a compute node: it registers on NodeCoordinator with its stake and the models it holds, ' +
    'heartbeats, and answers the ProofOfInference tasks that select it.',
  settings: {
    enabled: boolean({ key: 'enabled', doc: 'Run as a compute node.', default: false }),
    accountKeyFile: optionalPath({
      key: 'account_key_file',
      doc: "A file holding the node account's private key (0x…).",
      flag: {
        name: 'compute-key',
        arg: 'file',
        doc: 'run as a compute node with the chain account whose key this file holds',
        also: { enabled: true },
      },
    }),
    stake: integer({
      key: 'stake_joy',
      doc: 'JOY a compute node locks when it registers.',
      min: 1,
      max: 1_000_000_000,
      default: 100,
      flag: { name: 'stake', arg: 'joy' },
      map: (joy) => BigInt(joy) * 10n ** 18n,
    }),
    region: text({
      key: 'region',
      doc: "The compute node's region, a geohash prefix.",
      default: 'u',
      flag: { name: 'region', arg: 'geohash' },
    }),
    capacityRps: integer({
      key: 'capacity_rps',
      doc: 'The requests per second it declares it serves.',
      min: 1,
      max: 1_000_000,
      default: 50,
    }),
    heartbeatMs: integer({
      key: 'heartbeat_s',
      doc: 'Seconds between heartbeats.',
      min: 1,
      max: 86_400,
      default: 30,
      map: (seconds) => seconds * 1000,
    }),
  },
  check: (compute, { reader, path }) => {
    if (!isGeohashPrefix(compute.region))
      reader.fail(`${path}.region`, 'must be a geohash prefix of 1 to 8 characters');
    if (compute.enabled && compute.accountKeyFile === null)
      reader.fail(
        `${path}.account_key_file`,
        "is needed when compute.enabled is true (a file holding the node account's private key, 0x…)",
      );
  },
});

export type ComputeSettings = Values<typeof computeSettings.settings>;
