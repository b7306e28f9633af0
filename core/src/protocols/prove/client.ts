// Asks a relay to prove a run over /permanet/prove/1.0.0. The answer is not trusted for being a
// relay's: the proof is checked on-chain like one made here (isValidProof), and its signals are
// checked to commit to the input that was sent.
import type { Libp2p, PeerId } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import { CodedError } from '../../errors/coded-error.ts';
import { requestOnce } from '../../stream/request-once.ts';
import {
  encodeProveRequest,
  parseProveResponse,
  type ProveErrorCode,
  type ProveRequest,
  type RemoteProof,
} from './codec.ts';
import { MAX_PROVE_MESSAGE_BYTES, PROVE_PROTOCOL } from './constants.ts';

export class ProofRefusedError extends CodedError<ProveErrorCode> {
  override name = 'ProofRefusedError';
}

export async function requestProof(
  libp2p: Libp2p,
  relay: PeerId | Multiaddr,
  request: Omit<ProveRequest, 'type'>,
  options: { signal?: AbortSignal } = {},
): Promise<RemoteProof> {
  const answer = parseProveResponse(
    await requestOnce(libp2p, relay, PROVE_PROTOCOL, encodeProveRequest({ type: 'prove', ...request }), {
      ...options,
      maxBytes: MAX_PROVE_MESSAGE_BYTES,
    }),
  );
  if (!answer.ok) throw new ProofRefusedError(answer.code, answer.message);
  const { ok: _, ...proof } = answer;
  return proof;
}
