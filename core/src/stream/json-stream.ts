// Length-prefixed JSON messages over a libp2p stream: the codec every PermaNet protocol shares
// (app and relay). A message over the size limit, or one that is not JSON, is an error with a
// clear message rather than a hang or a crash.
import { lpStream } from '@libp2p/utils';
import type { Stream } from '@libp2p/interface';
import { decode as decodeVarint } from 'uint8-varint';
import { PermaNetError, asError } from '../errors/permanet-error.ts';

/** The largest message any PermaNet protocol accepts, unless it asks for less. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export class MalformedMessageError extends PermaNetError {
  override name = 'MalformedMessageError';
}

export class MessageTooLargeError extends PermaNetError {
  override name = 'MessageTooLargeError';
}

export interface JsonStreamOptions {
  /**
   * Called with each message's length, from its prefix, before its body is read: a server sizes
   * what it holds by it, and refuses (by throwing) before the bytes are buffered.
   */
  admit?: (length: number) => void;
}

export function jsonStream(stream: Stream, maxBytes = MAX_MESSAGE_BYTES, options: JsonStreamOptions = {}) {
  const { admit } = options;
  const lp = lpStream(stream, {
    maxDataLength: maxBytes,
    ...(admit && {
      lengthDecoder(prefix) {
        const length = decodeVarint(prefix);
        // Past the limit it is refused as too large, whatever the hook would say.
        if (length <= maxBytes) admit(length);
        return length;
      },
    }),
  });
  return {
    async write(message: unknown, options?: { signal?: AbortSignal }) {
      const bytes = new TextEncoder().encode(JSON.stringify(message));
      if (bytes.length > maxBytes)
        throw new MessageTooLargeError(`the message is ${bytes.length} bytes; the limit is ${maxBytes}`);
      await lp.write(bytes, options);
    },
    async read(options?: { signal?: AbortSignal }): Promise<unknown> {
      let data;
      try {
        data = await lp.read(options);
      } catch (error) {
        // Over the limit, or so far over that even its length prefix is too long.
        if (['InvalidDataLengthError', 'InvalidDataLengthLengthError'].includes(asError(error).name))
          throw new MessageTooLargeError(`a message over ${maxBytes} bytes was refused`);
        throw error;
      }
      try {
        return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data.subarray()));
      } catch {
        throw new MalformedMessageError('the message is not UTF-8 JSON');
      }
    },
  };
}
