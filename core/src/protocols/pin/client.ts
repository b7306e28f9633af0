// Asks a relay to pin a CID over /permanet/pin/1.0.0 and returns its answer.
import type { Libp2p, PeerId } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import { jsonStream } from '../../stream/json-stream.ts';
import { parsePinResponse, type PinRequest, type PinResponse } from './codec.ts';
import { PIN_PROTOCOL } from './constants.ts';
import { PermaNetError } from '../../errors/permanet-error.ts';

export async function requestPin(
  libp2p: Libp2p,
  relay: PeerId | Multiaddr,
  request: PinRequest,
  options: { signal?: AbortSignal } = {},
): Promise<PinResponse> {
  const stream = await libp2p.dialProtocol(relay, PIN_PROTOCOL, options);
  try {
    const messages = jsonStream(stream);
    await messages.write(request, options);
    return parsePinResponse(await messages.read(options));
  } finally {
    await stream.close().catch(() => stream.abort(new PermaNetError('closing the pin stream failed')));
  }
}
