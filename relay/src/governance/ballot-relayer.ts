// Serves /permanet/ballot/1.0.0: casts DAO members' signed ballots (castVoteBySig) and pays the
// gas, so a member votes from any tab without gas. Abuse it resists:
// - gas drained by ballots that would fail: each is simulated first (signature, nonce, state and
//   double vote are the governor's checks), and only the ones that would succeed are sent;
// - by sybil voters: only a voter with votes at the proposal's snapshot (staked JOY) is served,
//   at a limited rate per voter and per peer;
// - by look-alike governors: only governors PermaNetDAORegistry lists;
// - by a flood that would stall the relay: one transaction at a time (no nonce races), behind a
//   bounded queue, past which a ballot is answered "busy".
import { readFile } from 'node:fs/promises';
import type { Libp2p } from '@libp2p/interface';
import { createWalletClient, http, type Address, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { permaNetDAORegistryAbi, tldGovernorAbi } from '@permanet/core/chain/abi/generated';
import type { Deployments } from '@permanet/core/chain/deployments';
import { describeError } from '@permanet/core/chain/describe-error';
import { waitForSuccess } from '@permanet/core/chain/actions/write-and-wait';
import { RateLimiter } from '@permanet/core/compute/rate-limiter';
import { CodedError } from '@permanet/core/errors/coded-error';
import {
  BALLOT_PROTOCOL,
  ballotHandler,
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

/** The Governor's ProposalState for an open vote. */
const ACTIVE = 1;
/** How often the registry's DAOs are read again when a governor is not among them. */
const DAO_REFRESH_MS = 2000;

export function ballotRelayer(options: BallotRelayerOptions): CountingService<BallotStats> {
  const { libp2p, client, log } = options;
  const registry = options.deployments.contracts.PermaNetDAORegistry;
  const perSecond = options.perVoterPerHour / 3600;
  const voters = new RateLimiter(perSecond, Math.min(options.perVoterPerHour, 5));
  const peers = new RateLimiter(perSecond * 4, Math.min(options.perVoterPerHour * 4, 20));
  let wallet: ReturnType<typeof createWalletClient> | null = null;
  let governors = { at: 0, known: new Set<string>() };
  let cast = 0;
  let refused = 0;
  let inFlight = 0;
  let sending: Promise<unknown> = Promise.resolve();

  const isDaoGovernor = async (governor: Address) => {
    const key = governor.toLowerCase();
    if (!governors.known.has(key) && Date.now() - governors.at > DAO_REFRESH_MS) {
      const events = await client.getContractEvents({
        address: registry.address,
        abi: permaNetDAORegistryAbi,
        eventName: 'DaoRegistered',
        fromBlock: BigInt(registry.blockNumber),
      });
      governors = { at: Date.now(), known: new Set(events.map((e) => e.args.governor!.toLowerCase())) };
    }
    return governors.known.has(key);
  };

  const check = async (ballot: BallotRequest) => {
    if (!(await isDaoGovernor(ballot.governor)))
      throw new BallotRefusal('not-a-dao', `${ballot.governor} is not a governor PermaNetDAORegistry lists`);
    // Read on the pending block, where the next ballot would land: a vote's window moves with the clock.
    const governor = { address: ballot.governor, abi: tldGovernorAbi, blockTag: 'pending' } as const;
    const state = await client
      .readContract({ ...governor, functionName: 'state', args: [ballot.proposalId] })
      .catch(() => {
        throw new BallotRefusal('refused', `there is no proposal ${ballot.proposalId}`);
      });
    if (state !== ACTIVE) throw new BallotRefusal('refused', 'the proposal is not open for votes');
    const snapshot = await client.readContract({
      ...governor,
      functionName: 'proposalSnapshot',
      args: [ballot.proposalId],
    });
    const weight = await client.readContract({ ...governor, functionName: 'getVotes', args: [ballot.voter, snapshot] });
    if (weight === 0n) throw new BallotRefusal('no-votes', `${ballot.voter} had no votes at the proposal's snapshot`);
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
      })
      .catch((error) => {
        throw new BallotRefusal('refused', describeError(error));
      });
    const hash = await wallet!.writeContract(request as never);
    await waitForSuccess(client, hash, 'castVoteBySig');
    return hash;
  };

  const castBallot = async (ballot: BallotRequest, peer: string): Promise<BallotResponse> => {
    if (!peers.take(peer) || !voters.take(ballot.voter.toLowerCase()))
      throw new BallotRefusal('rate-limited', 'too many ballots; try again later');
    if (inFlight > options.maxQueue) throw new BallotRefusal('busy', 'too many ballots are waiting; try again soon');
    inFlight++;
    try {
      await check(ballot);
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
