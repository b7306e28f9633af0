// Serves /permanet/ballot/1.0.0: casts DAO members' signed ballots (castVoteBySig) and pays the
// gas, so a member votes from any tab without gas. Abuse it resists:
// - gas drained by ballots that would fail: the signature is recovered here against the voter's
//   nonce, the vote must be open for a margin more, and the call is simulated; only then is it
//   sent, with a gas cap; a contract voter (whose ERC-1271 check could burn gas, or change its
//   answer after the simulation) is refused;
// - by sybil voters: only a voter with `min_votes_joy` votes at the proposal's snapshot (staked
//   JOY) is served, at a limited rate per voter, per peer, and in all;
// - by someone spending another's allowance: a voter is charged only for ballots it signed;
// - by look-alike governors: only governors PermaNetDAORegistry lists;
// - by a flood that would stall the relay: one transaction at a time (no nonce races), behind a
//   bounded queue, past which a ballot is answered "busy" before anything is read.
import { readFile } from 'node:fs/promises';
import type { Libp2p } from '@libp2p/interface';
import { createWalletClient, formatEther, http, recoverTypedDataAddress, type Address, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { permaNetDAORegistryAbi, tldGovernorAbi } from '@permanet/core/chain/abi/generated';
import { PROPOSAL_STATES } from '@permanet/core/chain/actions/daos/list-proposals';
import { readBallotDomain } from '@permanet/core/chain/actions/daos/sign-ballot';
import type { Deployments } from '@permanet/core/chain/deployments';
import { describeError, revertName } from '@permanet/core/chain/describe-error';
import { RateLimiter } from '@permanet/core/compute/rate-limiter';
import { CodedError } from '@permanet/core/errors/coded-error';
import {
  BALLOT_PROTOCOL,
  ballotHandler,
  ballotTypedData,
  type BallotDomain,
  type BallotErrorCode,
  type BallotRequest,
  type BallotResponse,
} from '@permanet/core/protocols/ballot';
import type { Logger } from '../log.ts';
import type { CountingService } from '../service.ts';
import type { BallotSettings } from './ballot-settings.ts';

export interface BallotStats {
  account: string | null;
  cast: number;
  refused: number;
  waiting: number;
}

export interface BallotRelayerOptions extends Omit<BallotSettings, 'enabled' | 'accountKeyFile'> {
  libp2p: Libp2p;
  client: PublicClient;
  deployments: Deployments;
  accountKeyFile: string;
  log: Logger;
}

class BallotRefusal extends CodedError<BallotErrorCode> {
  override name = 'BallotRefusal';
}

/** How often the registry's DAOs are read again when a governor is not among them. */
const DAO_REFRESH_MS = 2000;
/** A ballot for a vote closing sooner than this might land after it: refused rather than paid for. */
const CLOSING_MARGIN_S = 12;
/** castVoteBySig of a plain account costs under 100,000 gas; the relay never pays more than this. */
const MAX_BALLOT_GAS = 200_000n;
/** How long it waits for a ballot to be mined (the client waits BALLOT_REQUEST_TIMEOUT_MS). */
const RECEIPT_TIMEOUT_MS = 45_000;

export function ballotRelayer(options: BallotRelayerOptions): CountingService<BallotStats> {
  const { libp2p, client, log } = options;
  const registry = options.deployments.contracts.PermaNetDAORegistry;
  const perSecond = options.perVoterPerHour / 3600;
  const voters = new RateLimiter(perSecond, Math.min(options.perVoterPerHour, 5));
  const peers = new RateLimiter(perSecond * 4, Math.min(options.perVoterPerHour * 4, 20));
  const hourly = new RateLimiter(options.perHour / 3600, Math.min(options.perHour, 60));
  let wallet: ReturnType<typeof createWalletClient> | null = null;
  let governors = { at: 0, known: new Set<string>() };
  let cast = 0;
  let refused = 0;
  let inFlight = 0;
  let sending: Promise<unknown> = Promise.resolve();

  /** The registry's governors, read again (one read at a time) when a ballot names another. */
  let refreshing: Promise<void> | null = null;
  const isDaoGovernor = async (governor: Address) => {
    const key = governor.toLowerCase();
    if (!governors.known.has(key) && Date.now() - governors.at > DAO_REFRESH_MS) {
      refreshing ??= client
        .getContractEvents({
          address: registry.address,
          abi: permaNetDAORegistryAbi,
          eventName: 'DaoRegistered',
          fromBlock: BigInt(registry.blockNumber),
        })
        .then((events) => {
          governors = { at: Date.now(), known: new Set(events.map((e) => e.args.governor!.toLowerCase())) };
        })
        .finally(() => {
          refreshing = null;
        });
      await refreshing;
    }
    return governors.known.has(key);
  };
  /** Each listed governor's EIP-712 domain, read once: its name, version and chain never change. */
  const domains = new Map<string, Promise<BallotDomain>>();
  const domainOf = (governor: Address) => {
    const key = governor.toLowerCase();
    let domain = domains.get(key);
    if (!domain) {
      domain = readBallotDomain(client, governor);
      domain.catch(() => domains.delete(key));
      domains.set(key, domain);
    }
    return domain;
  };

  /** Checks what costs the relay nothing: the governor, the signer, the vote's window, the weight. */
  const check = async (ballot: BallotRequest) => {
    if (!(await isDaoGovernor(ballot.governor)))
      throw new BallotRefusal('not-a-dao', `${ballot.governor} is not a governor PermaNetDAORegistry lists`);
    // Read on the pending block, where the next ballot would land: a vote's window moves with the clock.
    const governor = { address: ballot.governor, abi: tldGovernorAbi, blockTag: 'pending' } as const;
    const [state, domain, nonce, code, block] = await Promise.all([
      client.readContract({ ...governor, functionName: 'state', args: [ballot.proposalId] }).catch((error) => {
        if (revertName(error) === 'GovernorNonexistentProposal')
          throw new BallotRefusal('refused', `there is no proposal ${ballot.proposalId}`);
        throw error;
      }),
      domainOf(ballot.governor),
      client.readContract({ ...governor, functionName: 'nonces', args: [ballot.voter] }),
      client.getCode({ address: ballot.voter }),
      client.getBlock({ blockTag: 'pending' }),
    ]);
    // A contract voter's ERC-1271 check could burn the relay's gas, or pass in simulation and then fail.
    if (code !== undefined && code !== '0x')
      throw new BallotRefusal('refused', 'the relay casts ballots of plain accounts only; a contract votes itself');
    const signer = await recoverTypedDataAddress({
      ...ballotTypedData(domain, ballot, nonce),
      signature: ballot.signature,
    }).catch(() => null);
    if (signer?.toLowerCase() !== ballot.voter.toLowerCase())
      throw new BallotRefusal('refused', `the ballot is not signed by ${ballot.voter} with its current nonce`);
    if (PROPOSAL_STATES[state] !== 'Active') throw new BallotRefusal('refused', 'the proposal is not open for votes');
    const [snapshot, deadline] = await Promise.all([
      client.readContract({ ...governor, functionName: 'proposalSnapshot', args: [ballot.proposalId] }),
      client.readContract({ ...governor, functionName: 'proposalDeadline', args: [ballot.proposalId] }),
    ]);
    if (deadline < block.timestamp + BigInt(CLOSING_MARGIN_S))
      throw new BallotRefusal('refused', 'the vote closes too soon for the ballot to be sure to land');
    const weight = await client.readContract({ ...governor, functionName: 'getVotes', args: [ballot.voter, snapshot] });
    if (weight < options.minVotes)
      throw new BallotRefusal(
        'no-votes',
        `${ballot.voter} had under ${formatEther(options.minVotes)} votes at the snapshot`,
      );
  };

  const send = async (ballot: BallotRequest) => {
    const account = wallet!.account!;
    const { request } = await client
      .simulateContract({
        account,
        address: ballot.governor,
        abi: tldGovernorAbi,
        functionName: 'castVoteBySig',
        args: [ballot.proposalId, ballot.support, ballot.voter, ballot.signature],
        blockTag: 'pending',
        gas: MAX_BALLOT_GAS,
      })
      .catch((error) => {
        throw new BallotRefusal('refused', describeError(error));
      });
    const hash = await wallet!.writeContract({ ...request, gas: MAX_BALLOT_GAS } as never);
    const receipt = await client.waitForTransactionReceipt({ hash, timeout: RECEIPT_TIMEOUT_MS });
    if (receipt.status !== 'success') throw new BallotRefusal('refused', `castVoteBySig reverted in ${hash}`);
    return hash;
  };

  const castBallot = async (ballot: BallotRequest, peer: string): Promise<BallotResponse> => {
    if (inFlight > options.maxQueue) throw new BallotRefusal('busy', 'too many ballots are waiting; try again soon');
    if (!peers.take(peer)) throw new BallotRefusal('rate-limited', 'too many ballots from this peer; try again later');
    inFlight++;
    try {
      await check(ballot);
      // Charged only for a ballot its voter signed: nobody can spend another voter's allowance.
      if (!voters.take(ballot.voter.toLowerCase()) || !hourly.take('all'))
        throw new BallotRefusal('rate-limited', 'too many ballots; try again later');
      // One transaction at a time: the relayer's nonces stay in order.
      const turn = sending.then(() => send(ballot));
      sending = turn.catch(() => {});
      const hash = await turn;
      cast++;
      log.info('ballot.cast', { governor: ballot.governor, proposal: ballot.proposalId.toString(), hash });
      return { ok: true, hash };
    } finally {
      inFlight--;
    }
  };

  const handler = ballotHandler({
    cast: (ballot, peer) =>
      castBallot(ballot, peer).catch((error) => {
        refused++;
        throw error;
      }),
    onFailure: (peer, error) => log.warn('ballot.failed', { peer, error }),
  });

  return {
    name: 'ballots',
    async start() {
      const key = (await readFile(options.accountKeyFile, 'utf8')).trim() as `0x${string}`;
      wallet = createWalletClient({
        account: privateKeyToAccount(key),
        transport: http(options.deployments.rpcUrl, { timeout: 10_000 }),
        chain: undefined,
      });
      await libp2p.handle(BALLOT_PROTOCOL, handler, { maxInboundStreams: 32, runOnLimitedConnection: false });
      log.info('ballot.ready', { account: wallet.account!.address });
    },
    stats: () => ({ account: wallet?.account?.address ?? null, cast, refused, waiting: Math.max(0, inFlight - 1) }),
    async stop() {
      await libp2p.unhandle(BALLOT_PROTOCOL);
    },
  };
}
