// The client side of a protocol with one request and one answer per stream (pin, prove,
// providers, block, ballot): opens a stream, writes the request, reads the answer within the
// protocol's size limit, and closes the stream whatever happened. The caller parses the answer.
import type { Libp2p, PeerId } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import { PermaNetError } from '../errors/permanet-error.ts';
import { jsonStream, MAX_MESSAGE_BYTES } from './json-stream.ts';

export async function requestOnce(
  libp2p: Libp2p,
  peer: PeerId | Multiaddr,
  protocol: string,
  request: unknown,
  options: { signal?: AbortSignal; maxBytes?: number } = {},
): Promise<unknown> {
  const stream = await libp2p.dialProtocol(peer, protocol, { signal: options.signal });
  try {
    const messages = jsonStream(stream, options.maxBytes ?? MAX_MESSAGE_BYTES);
    await messages.write(request, options);
    return await messages.read(options);
  } finally {
    await stream.close().catch(() => stream.abort(new PermaNetError(`closing the ${protocol} stream failed`)));
  }
}
