// The relay's /permanet/pin/1.0.0 service (core's pin server): checks each request against the
// chain, fetches the DAG from the network (usually from the requester itself) within the size
// limit, pins it, and answers. Every failure is an answer with a code, never a dropped stream.
import { CID } from 'multiformats/cid';
import type { Helia } from 'helia';
import type { Libp2p } from '@libp2p/interface';
import { PIN_PROTOCOL, type PinRequest, type PinResponse, pinHandler } from '@permanet/core/protocols/pin';
import { FileTooLargeError, readVerifiedFile, type LocalBlocks } from '@permanet/core/storage/read-verified-file';
import type { MarketplaceReader } from '../chain/marketplace-reader.ts';
import type { Logger } from '../log.ts';
import type { RelayService } from '../service.ts';
import { authorizePin } from './authorize-pin.ts';
import { asError } from '@permanet/core/errors/permanet-error';

export interface PinServiceOptions {
  helia: Helia;
  /** The blockstore under Helia (blocks already held are not fetched again). */
  blockstore: LocalBlocks;
  libp2p: Libp2p;
  chain: MarketplaceReader;
  maxBytes: number;
  timeoutMs: number;
  log: Logger;
}

export function pinService(options: PinServiceOptions): RelayService {
  const { helia, libp2p, log } = options;

  const pin = async (parsed: PinRequest, peer: string): Promise<PinResponse> => {
    const authorization = await authorizePin(parsed, options.chain, Math.floor(Date.now() / 1000));
    if (!authorization.ok) return { ok: false, code: 'not-authorized', message: authorization.reason };

    const cid = CID.parse(parsed.cid);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    let bytes = 0;
    try {
      // Reading the file verifies every block and counts its bytes; past the limit it stops.
      const file = await readVerifiedFile({ local: options.blockstore, network: helia.blockstore }, cid, {
        signal: controller.signal,
        maxBytes: options.maxBytes,
      });
      bytes = file.bytes.length;
      for await (const _ of helia.pins.add(cid, { signal: controller.signal })) {
        // drain
      }
      log.info('pin.added', { cid: parsed.cid, bytes, peer, auth: parsed.auth.kind });
      return { ok: true, cid: parsed.cid, bytes };
    } catch (error) {
      if (error instanceof FileTooLargeError) {
        return {
          ok: false,
          code: 'too-large',
          message: `the content is over this relay's limit of ${options.maxBytes} bytes`,
        };
      }
      if (controller.signal.aborted)
        return {
          ok: false,
          code: 'unavailable',
          message: `the blocks did not arrive within ${options.timeoutMs / 1000} s`,
        };
      log.warn('pin.failed', { cid: parsed.cid, peer, error: asError(error) });
      return { ok: false, code: 'internal', message: 'the relay could not pin the content' };
    } finally {
      clearTimeout(timer);
    }
  };

  const handler = pinHandler({ pin, onFailure: (peer, error) => log.warn('pin.failed', { peer, error }) });

  return {
    name: 'pin',
    start: () => libp2p.handle(PIN_PROTOCOL, handler),
    stop: () => libp2p.unhandle(PIN_PROTOCOL),
  };
}
