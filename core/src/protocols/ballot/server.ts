// The server side of /permanet/ballot/1.0.0: each ballot is parsed and handed to `cast`, which
// refuses (with a code) or casts it; a bad message is answered "malformed", a failure "internal".
import { answerOnce } from '../../stream/answer-once.ts';
import { parseBallotRequest, type BallotErrorCode, type BallotRequest, type BallotResponse } from './codec.ts';
import { MAX_BALLOT_MESSAGE_BYTES } from './constants.ts';

export interface BallotServerOptions {
  cast(request: BallotRequest, peer: string): Promise<BallotResponse>;
  onFailure?(peer: string, error: Error): void;
}

export const ballotHandler = (options: BallotServerOptions) =>
  answerOnce<BallotResponse>({
    answer: (message, peer) => options.cast(parseBallotRequest(message), peer),
    refuse: (code, message) => ({ ok: false, code: code as BallotErrorCode, message }),
    internalMessage: 'the relay could not cast the ballot',
    maxBytes: MAX_BALLOT_MESSAGE_BYTES,
    onFailure: options.onFailure,
  });
