// Hands a relay a signed ballot over /permanet/ballot/1.0.0; returns the hash of the transaction
// that cast it. The relay is trusted with nothing: the ballot says its vote, and the governor
// checks the signature.
import type { Libp2p, PeerId } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import type { Hex } from 'viem';
import { CodedError } from '../../errors/coded-error.ts';
import { requestOnce } from '../../stream/request-once.ts';
import { encodeBallotRequest, parseBallotResponse, type Ballot, type BallotErrorCode } from './codec.ts';
import { BALLOT_PROTOCOL, BALLOT_REQUEST_TIMEOUT_MS, MAX_BALLOT_MESSAGE_BYTES } from './constants.ts';

export class BallotRefusedError extends CodedError<BallotErrorCode> {
  override name = 'BallotRefusedError';
}

export async function sendBallot(
  libp2p: Libp2p,
  relay: PeerId | Multiaddr,
  ballot: Ballot,
  signal = AbortSignal.timeout(BALLOT_REQUEST_TIMEOUT_MS),
): Promise<Hex> {
  const answer = parseBallotResponse(
    await requestOnce(libp2p, relay, BALLOT_PROTOCOL, encodeBallotRequest(ballot), {
      signal,
      maxBytes: MAX_BALLOT_MESSAGE_BYTES,
    }),
  );
  if (!answer.ok) throw new BallotRefusedError(answer.code, answer.message);
  return answer.hash;
}
