// The server side of a protocol with one request and one answer per stream (pin, prove,
// providers): reads the request within a time limit and the protocol's size limit, answers what
// `answer` returns, and turns whatever went wrong into an answer, never a dropped stream: a
// CodedError into its code, a malformed or oversized message into "malformed", anything else into
// "internal" (with a fixed message; `onFailure` hears the error itself).
import type { Connection, Stream } from '@libp2p/interface';
import { CodedError } from '../errors/coded-error.ts';
import { asError } from '../errors/permanet-error.ts';
import { jsonStream, MalformedMessageError, MAX_MESSAGE_BYTES, MessageTooLargeError } from './json-stream.ts';

/** How long a peer has to send its request once it opened the stream. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface AnswerOnceOptions<Answer> {
  answer(request: unknown, peer: string, connection: Connection): Promise<Answer>;
  /** The answer that refuses with `code`. */
  refuse(code: string, message: string): Answer;
  /** What an "internal" refusal says (the error itself is not the peer's business). */
  internalMessage: string;
  maxBytes?: number;
  /** Hears every answer sent, refusals included. */
  onAnswer?(peer: string, answer: Answer): void;
  /** Hears an error that became an "internal" answer. */
  onFailure?(peer: string, error: Error): void;
}

export function answerOnce<Answer>(options: AnswerOnceOptions<Answer>) {
  return async (stream: Stream, connection: Connection): Promise<void> => {
    const peer = connection.remotePeer.toString();
    const messages = jsonStream(stream, options.maxBytes ?? MAX_MESSAGE_BYTES);
    let answer: Answer;
    try {
      answer = await options.answer(
        await messages.read({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
        peer,
        connection,
      );
    } catch (error) {
      if (error instanceof CodedError) answer = options.refuse(error.code, error.message);
      else if (error instanceof MalformedMessageError || error instanceof MessageTooLargeError)
        answer = options.refuse('malformed', error.message);
      else {
        options.onFailure?.(peer, asError(error));
        answer = options.refuse('internal', options.internalMessage);
      }
    }
    options.onAnswer?.(peer, answer);
    try {
      await messages.write(answer);
      await stream.close();
    } catch (error) {
      stream.abort(asError(error));
    }
  };
}
