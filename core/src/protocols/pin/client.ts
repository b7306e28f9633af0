// Asks a relay to pin a CID over /permanet/pin/1.0.0 and returns its answer.
import type { Libp2p, PeerId } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import { requestOnce } from '../../stream/request-once.ts';
import { parsePinResponse, type PinRequest, type PinResponse } from './codec.ts';
import { PIN_PROTOCOL } from './constants.ts';

export async function requestPin(
  libp2p: Libp2p,
  relay: PeerId | Multiaddr,
  request: PinRequest,
  options: { signal?: AbortSignal } = {},
): Promise<PinResponse> {
  return parsePinResponse(await requestOnce(libp2p, relay, PIN_PROTOCOL, request, options));
}
