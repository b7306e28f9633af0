// The relay's /permanet/pin/1.0.0 service (core's pin server): checks each request against the
// chain, fetches the DAG from the network (usually from the requester itself) block by block into
// the blockstore, counting its bytes against the size limit and the publisher's quota, pins it, and
// answers. At most max_concurrent pins fetch at once. A CID already pinned is answered ok at once.
// Every failure is an answer with a code, never a dropped stream.
import { unixfs } from '@helia/unixfs';
import type { Libp2p } from '@libp2p/interface';
import type { Helia } from 'helia';
import { CID } from 'multiformats/cid';
import type { Address } from 'viem';
import { PIN_PROTOCOL, type PinRequest, type PinResponse, pinHandler } from '@permanet/core/protocols/pin';
import type { LocalBlocks } from '@permanet/core/storage/read-verified-file';
import type { MarketplaceReader } from '../chain/marketplace-reader.ts';
import type { Logger } from '../log.ts';
import type { RelayService } from '../service.ts';
import { authorizePin } from './authorize-pin.ts';
import type { PinSettings } from './pin-settings.ts';
import { asError } from '@permanet/core/errors/permanet-error';

export interface PinServiceOptions extends Omit<PinSettings, 'files'> {
  helia: Helia;
  /** The blockstore under Helia (blocks already held are not fetched again). */
  blockstore: LocalBlocks;
  libp2p: Libp2p;
  chain: MarketplaceReader & { deployments: { chainId: number } };
  log: Logger;
}

/** What a pin records in Helia's pin metadata: who signed for it, and its size. */
interface PinMetadata {
  [key: string]: string | number | boolean;
  bytes: number;
  publisher: string;
}

class ContentTooLarge extends Error {}

export function pinService(options: PinServiceOptions): RelayService {
  const { helia, libp2p, log } = options;
  const fs = unixfs(helia);
  const audience = { chainId: options.chain.deployments.chainId, peerId: libp2p.peerId.toString() };
  let running = 0;
  // Grants used, by signature and CID, until they expire: a grant pins each CID once.
  const used = new Map<string, number>();
  /** Takes the grant's use for this CID; returns how to give it back (a pin that failed), or null if it was used. */
  const claim = (request: PinRequest): (() => void) | null => {
    if (request.auth.kind !== 'signed') return () => {};
    const now = Date.now() / 1000;
    for (const [key, expires] of used) if (expires <= now) used.delete(key);
    const key = `${request.auth.signature} ${request.cid}`;
    if (used.has(key)) return null;
    used.set(key, request.auth.expires);
    return () => used.delete(key);
  };

  /** What `publisher` has pinned here on its signature: bytes and pins. */
  const usage = async (publisher: Address) => {
    const total = { bytes: 0, pins: 0 };
    for await (const pin of helia.pins.ls()) {
      const metadata = pin.metadata as Partial<PinMetadata>;
      if (metadata.publisher?.toLowerCase() !== publisher.toLowerCase()) continue;
      total.bytes += Number(metadata.bytes ?? 0);
      total.pins++;
    }
    return total;
  };

  const pinnedBytes = (cid: CID) =>
    helia.pins.get(cid).then(
      (pin) => Number((pin.metadata as Partial<PinMetadata>).bytes ?? 0),
      () => null,
    );

  const pin = async (parsed: PinRequest, peer: string): Promise<PinResponse> => {
    const authorization = await authorizePin(parsed, options.chain, audience, Math.floor(Date.now() / 1000));
    if (!authorization.ok) return { ok: false, code: 'not-authorized', message: authorization.reason };
    const cid = CID.parse(parsed.cid);
    const already = await pinnedBytes(cid);
    if (already !== null) return { ok: true, cid: parsed.cid, bytes: already };
    // Checked and taken with no await between, so the bound holds.
    if (running >= options.maxConcurrent)
      return { ok: false, code: 'busy', message: `${running} pins are being fetched here; try again shortly` };
    const giveBack = claim(parsed);
    if (!giveBack) return { ok: false, code: 'not-authorized', message: 'this grant has pinned that CID already' };
    running++;
    let answer: PinResponse | undefined;
    try {
      let limit = options.maxBytes;
      let publisher = '';
      if (parsed.auth.kind === 'signed') {
        publisher = parsed.auth.publisher;
        const spent = await usage(parsed.auth.publisher);
        if (spent.pins >= options.publisherMaxPins || spent.bytes >= options.publisherMaxBytes)
          return {
            ok: false,
            code: 'over-quota',
            message: `${publisher} has ${spent.pins} pins (${spent.bytes} bytes) here on its signature alone`,
          };
        limit = Math.min(limit, options.publisherMaxBytes - spent.bytes);
      }
      answer = await fetchAndPin(cid, limit, { parsed, peer, publisher });
      return answer;
    } finally {
      running--;
      if (!answer?.ok) giveBack();
    }
  };

  const fetchAndPin = async (
    cid: CID,
    limit: number,
    { parsed, peer, publisher }: { parsed: PinRequest; peer: string; publisher: string },
  ): Promise<PinResponse> => {
    const signal = AbortSignal.timeout(options.timeoutMs);
    let bytes = 0;
    try {
      // Each block is verified against its hash and stored as it comes; nothing holds the file.
      for await (const chunk of fs.cat(cid, { signal })) {
        bytes += chunk.byteLength;
        if (bytes > limit) throw new ContentTooLarge();
      }
      const metadata: PinMetadata = { bytes, publisher };
      for await (const _ of helia.pins.add(cid, { signal, metadata })) {
        // drain: the blocks are here already
      }
      log.info('pin.added', { cid: parsed.cid, bytes, peer, auth: parsed.auth.kind });
      return { ok: true, cid: parsed.cid, bytes };
    } catch (error) {
      if (error instanceof ContentTooLarge) {
        const quota = limit < options.maxBytes;
        return {
          ok: false,
          code: quota ? 'over-quota' : 'too-large',
          message: quota
            ? `the content is over what ${publisher} may still pin here (${limit} bytes)`
            : `the content is over this relay's limit of ${options.maxBytes} bytes`,
        };
      }
      if (signal.aborted)
        return {
          ok: false,
          code: 'unavailable',
          message: `the blocks did not arrive within ${options.timeoutMs / 1000} s`,
        };
      log.warn('pin.failed', { cid: parsed.cid, peer, error: asError(error) });
      return { ok: false, code: 'internal', message: 'the relay could not pin the content' };
    }
  };

  const handler = pinHandler({ pin, onFailure: (peer, error) => log.warn('pin.failed', { peer, error }) });

  return {
    name: 'pin',
    start: () => libp2p.handle(PIN_PROTOCOL, handler),
    stop: () => libp2p.unhandle(PIN_PROTOCOL),
  };
}
