// The server side of /permanet/prove/1.0.0: each request is parsed and handed to `prove`; a
// refusal it throws (a CodedError with a prove error code) is answered with its code, a bad
// message "malformed", a failure "internal".
import { answerOnce } from '../../stream/answer-once.ts';
import {
  type ProveErrorCode,
  type ProveRequest,
  type ProveResponse,
  parseProveRequest,
  type RemoteProof,
} from './codec.ts';
import { MAX_PROVE_MESSAGE_BYTES } from './constants.ts';

export interface ProveServerOptions {
  prove(request: ProveRequest, peer: string): Promise<RemoteProof>;
  onAnswer?(peer: string, answer: ProveResponse): void;
  onFailure?(peer: string, error: Error): void;
}

export const proveHandler = (options: ProveServerOptions) =>
  answerOnce<ProveResponse>({
    answer: async (message, peer) => ({ ok: true, ...(await options.prove(parseProveRequest(message), peer)) }),
    refuse: (code, message) => ({ ok: false, code: code as ProveErrorCode, message }),
    internalMessage: 'the relay could not make the proof',
    maxBytes: MAX_PROVE_MESSAGE_BYTES,
    onAnswer: options.onAnswer,
    onFailure: options.onFailure,
  });
