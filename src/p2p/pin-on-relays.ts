// Asks every configured relay, in parallel, to pin a set of CIDs (a model's weights and card).
// Each relay's outcome is reported; the content counts as pinned when at least one relay holds
// all of it.
import { multiaddr } from '@multiformats/multiaddr';
import type { Libp2p } from '@libp2p/interface';
import type { PinAuthorization } from '@permanet/core/protocols/pin';
import { requestPin } from '@permanet/core/protocols/pin';
import { messageOf } from '@permanet/core/errors/permanet-error';

export type PinOutcome = { relay: string; ok: true; bytes: number } | { relay: string; ok: false; message: string };

export interface PinOptions {
  /** The authorization every request carries (one signed grant names all the CIDs and relays). */
  auth: PinAuthorization;
  timeoutMs: number;
}

export async function pinOnRelays(
  libp2p: Libp2p,
  relays: string[],
  cids: string[],
  options: PinOptions,
): Promise<PinOutcome[]> {
  return Promise.all(
    relays.map(async (relay): Promise<PinOutcome> => {
      let bytes = 0;
      try {
        for (const cid of cids) {
          const answer = await requestPin(
            libp2p,
            multiaddr(relay),
            { type: 'pin', cid, auth: options.auth },
            { signal: AbortSignal.timeout(options.timeoutMs) },
          );
          if (!answer.ok) return { relay, ok: false, message: `${answer.code}: ${answer.message}` };
          bytes += answer.bytes;
        }
        return { relay, ok: true, bytes };
      } catch (error) {
        return { relay, ok: false, message: messageOf(error) };
      }
    }),
  );
}

export const pinnedSomewhere = (outcomes: PinOutcome[] | null) => outcomes?.some((o) => o.ok) ?? false;
