// libp2p ping (/ipfs/ping/1.0.0) whose listening side answers every ping on a connection.
// @libp2p/ping 3.1.13 echoes with `for await (… of stream)`, and that iterator never ends when the
// dialer's FIN came in before the handler ran, which is usual between processes: the dialer writes
// its 32 bytes and closes at once. The stream was then held until the 10 s timeout, and since a
// dialer keeps one ping stream per peer, every further ping on that connection was refused until
// then. A byte stream sees a FIN that came first, so the echo ends with the dialer's writes.
import { ping as libp2pPing, type Ping, type PingComponents, type PingInit } from '@libp2p/ping';
import type { Stream } from '@libp2p/interface';
import { byteStream } from '@libp2p/utils';
import { asError } from '../errors/permanet-error.ts';

/** @libp2p/ping's own default. */
const PING_TIMEOUT_MS = 10_000;

export function ping(init: PingInit = {}): (components: PingComponents) => Ping {
  return (components) => {
    const service = libp2pPing(init)(components) as Ping & { handlePing: (stream: Stream) => Promise<void> };
    // The client side is @libp2p/ping's; its start() registers this handler.
    service.handlePing = (stream) => echo(stream, init.timeout ?? PING_TIMEOUT_MS);
    return service;
  };
}

async function echo(stream: Stream, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  const bytes = byteStream(stream);
  try {
    for (let chunk = await bytes.read({ signal }); chunk !== null; chunk = await bytes.read({ signal }))
      await bytes.write(chunk, { signal });
    await stream.close({ signal });
  } catch (error) {
    stream.abort(asError(error));
  }
}
