// Serves /permanet/prove/1.0.0: proves a run for a peer that asks, with the prover that
// ModelMarketplace records for the model version it names (nothing else: the relay proves only
// registered circuits, fetches their artifacts by the CIDs the chain gives, checked against them,
// and proves only when the proving key carries the verification key of the factory-made verifier).
// Proofs take seconds of every core, so they run one at a time behind a bounded queue, and each
// peer is rate-limited; every failure is an answer with a code.
import type { Libp2p } from '@libp2p/interface';
import type { Helia } from 'helia';
import { CID } from 'multiformats/cid';
import type { ProverRecord } from '@permanet/core/chain/actions/proving/read-prover';
import { RateLimiter } from '@permanet/core/compute/rate-limiter';
import { CircuitInputError, type ProvingArtifacts } from '@permanet/core/proving/groth16-prove';
import { CodedError } from '@permanet/core/errors/coded-error';
import {
  PROVE_PROTOCOL,
  type ProveErrorCode,
  type ProveRequest,
  proveHandler,
  type RemoteProof,
} from '@permanet/core/protocols/prove';
import { readVerifiedFile, type LocalBlocks } from '@permanet/core/storage/read-verified-file';
import type { Logger } from '../log.ts';
import type { CountingService } from '../service.ts';
import type { ProvingSettings } from './proving-settings.ts';
import type { ProverBackend } from './prover-backend.ts';
import { SandboxLimitError } from '../sandbox/child-sandbox.ts';
import { messageOf } from '@permanet/core/errors/permanet-error';

/** The prove service's counters, as /status shows them. */
export interface ProveStats {
  backend: string;
  proved: number;
  refused: number;
  waiting: number;
}

export interface ProveServiceOptions extends Omit<ProvingSettings, 'enabled'> {
  libp2p: Libp2p;
  helia: Helia;
  blockstore: LocalBlocks;
  chain: { proverOf(model: bigint, version: number): Promise<ProverRecord | null> };
  backend: ProverBackend;
  log: Logger;
}

class ProveRefusal extends CodedError<ProveErrorCode> {
  override name = 'ProveRefusal';
}

/** Circuits whose artifacts stay in memory: a proving key is read whole for every proof. */
const CACHED_CIRCUITS = 2;

export function proveService(options: ProveServiceOptions): CountingService<ProveStats> {
  const { libp2p, log, backend } = options;
  const limiter = new RateLimiter(options.proofsPerMinute / 60, options.burst);
  let proved = 0;
  let refused = 0;
  /** Proofs queued and not yet finished: the running one, then those waiting behind it. */
  let inFlight = 0;
  const waiting = () => Math.max(0, inFlight - 1);
  let tail: Promise<unknown> = Promise.resolve();

  /** Runs proofs one after another. */
  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    inFlight++;
    const result = tail.then(job).finally(() => inFlight--);
    tail = result.catch(() => {});
    return result;
  };

  const cache = new Map<string, Promise<ProvingArtifacts>>();
  const artifacts = (prover: ProverRecord): Promise<ProvingArtifacts> => {
    const key = `${prover.circuitCid} ${prover.provingKeyCid} ${prover.keyHash}`;
    let entry = cache.get(key);
    if (entry) cache.delete(key);
    else {
      const read = async (cid: string, what: string) => {
        try {
          const { bytes } = await readVerifiedFile(
            { local: options.blockstore, network: options.helia.blockstore },
            CID.parse(cid),
            { signal: AbortSignal.timeout(options.fetchTimeoutMs), maxBytes: options.maxArtifactBytes },
          );
          return bytes;
        } catch (error) {
          throw new ProveRefusal('unknown-prover', `this relay cannot get the ${what} ${cid}: ${messageOf(error)}`);
        }
      };
      entry = Promise.all([read(prover.circuitCid, 'circuit'), read(prover.provingKeyCid, 'proving key')]).then(
        async ([circuit, provingKey]) => {
          // The chain's verifier checks against one verification key: a proving key that carries
          // another would make proofs nobody can verify, so none is made.
          const keyHash = await backend.keyHash(provingKey).catch((error) => {
            throw new ProveRefusal('unknown-prover', `the proving key cannot be read: ${messageOf(error)}`);
          });
          if (keyHash !== prover.keyHash)
            throw new ProveRefusal(
              'unknown-prover',
              `the proving key ${prover.provingKeyCid} is not for the verifier ${prover.verifier}`,
            );
          return { circuit, provingKey };
        },
      );
      // A failed read is not remembered: the blocks may come.
      entry.catch(() => cache.delete(key));
    }
    cache.set(key, entry);
    while (cache.size > CACHED_CIRCUITS) cache.delete(cache.keys().next().value!);
    return entry;
  };

  const prove = async (request: ProveRequest, peer: string): Promise<RemoteProof> => {
    if (!limiter.take(peer))
      throw new ProveRefusal('rate-limited', `over ${options.proofsPerMinute} proofs a minute; try again later`);
    const prover = await options.chain.proverOf(request.model, request.version);
    if (!prover)
      throw new ProveRefusal(
        'unknown-prover',
        `model ${request.model} version ${request.version} has no registered prover`,
      );
    // Checked just before queueing, with no await between, so the bound holds.
    if (inFlight > options.maxQueue)
      throw new ProveRefusal('busy', `${waiting()} proofs are waiting here; try again later or prove in your own tab`);
    const asked = performance.now();
    return enqueue(async () => {
      const queuedMs = performance.now() - asked;
      try {
        const result = await backend.prove(await artifacts(prover), request.input);
        return { ...result, queuedMs, backend: backend.name };
      } catch (error) {
        if (error instanceof CircuitInputError) throw new ProveRefusal('bad-input', error.message);
        if (error instanceof SandboxLimitError) throw new ProveRefusal('over-limit', error.message);
        throw error;
      }
    });
  };

  const handler = proveHandler({
    prove,
    onAnswer(peer, answer) {
      if (!answer.ok) return void refused++;
      proved++;
      log.info('prove.proved', {
        peer,
        backend: backend.name,
        queued_ms: Math.round(answer.queuedMs),
        witness_ms: Math.round(answer.witnessMs),
        prove_ms: Math.round(answer.proveMs),
      });
    },
    onFailure: (peer, error) => log.warn('prove.failed', { peer, error }),
  });

  return {
    name: 'proving',
    async start() {
      await libp2p.handle(PROVE_PROTOCOL, handler, { maxInboundStreams: 32, runOnLimitedConnection: false });
      log.info('prove.ready', { backend: backend.name });
    },
    stats: () => ({ backend: backend.name, proved, refused, waiting: waiting() }),
    async stop() {
      await libp2p.unhandle(PROVE_PROTOCOL);
      await backend.close();
    },
  };
}
