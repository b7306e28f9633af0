// The server side of /permanet/pin/1.0.0: each request is parsed and handed to `pin`, which decides
// (a refusal) or pins; a bad message is answered "malformed", a failure "internal".
import { answerOnce } from '../../stream/answer-once.ts';
import { type PinErrorCode, type PinRequest, type PinResponse, parsePinRequest } from './codec.ts';

export interface PinServerOptions {
  pin(request: PinRequest, peer: string): Promise<PinResponse>;
  onFailure?(peer: string, error: Error): void;
}

export const pinHandler = (options: PinServerOptions) =>
  answerOnce<PinResponse>({
    answer: (message, peer) => options.pin(parsePinRequest(message), peer),
    refuse: (code, message) => ({ ok: false, code: code as PinErrorCode, message }),
    internalMessage: 'the relay could not pin the content',
    onFailure: options.onFailure,
  });
