// ballots: in p2p_config.yaml: the ballot relayer (/permanet/ballot/1.0.0).
import { boolean, integer, optionalPath, section, type Values } from '../config/settings.ts';

export const ballotSettings = section({
  key: 'ballots',
  doc:
    'The ballot relayer (/permanet/ballot/1.0.0): it casts the signed ballots (castVoteBySig) of TLD DAO ' +
    'members on the governors PermaNetDAORegistry lists, paying the gas from its own account, so members ' +
    'vote without gas. Only members with votes at the proposal’s snapshot, at a limited rate each.',
  settings: {
    enabled: boolean({ key: 'enabled', doc: 'Cast signed ballots for DAO members.', default: false }),
    accountKeyFile: optionalPath({
      key: 'account_key_file',
      doc: 'A file holding the private key (0x…) of the account that sends the ballots and pays their gas.',
      flag: {
        name: 'ballot-key',
        arg: 'file',
        doc: 'cast signed DAO ballots, paying with the chain account whose key this file holds',
        also: { enabled: true },
      },
    }),
    perVoterPerHour: integer({
      key: 'per_voter_per_hour',
      doc: 'Ballots cast for one voter per hour, on average (each costs the relayer gas).',
      min: 1,
      max: 100_000,
      default: 30,
    }),
    perHour: integer({
      key: 'per_hour',
      doc: 'Ballots cast in all per hour, on average: what the relayer pays for at most.',
      min: 1,
      max: 1_000_000,
      default: 600,
    }),
    minVotes: integer({
      key: 'min_votes_joy',
      doc: 'The votes (staked JOY) a voter must have had at the snapshot for the relay to pay for its ballot.',
      min: 1,
      max: 1_000_000_000,
      default: 1,
      map: (joy) => BigInt(joy) * 10n ** 18n,
    }),
    maxQueue: integer({
      key: 'max_queue',
      doc: 'Ballots that may wait behind the one being sent; past that a ballot is answered "busy".',
      min: 0,
      max: 10_000,
      default: 32,
    }),
  },
  check: (ballots, { reader, path }) => {
    if (ballots.enabled && ballots.accountKeyFile === null)
      reader.fail(`${path}.account_key_file`, 'is needed when ballots.enabled is true (a file holding a key, 0x…)');
  },
});

export type BallotSettings = Values<typeof ballotSettings.settings>;
