// Whether a pin request may be served: the CID is named by an on-chain registration, or a
// registered publisher signed a grant for it, on this chain and this relay, that has not expired.
import { recoverMessageAddress, isAddressEqual } from 'viem';
import { MAX_SIGNATURE_LIFETIME_S, pinAuthorizationText, type PinRequest } from '@permanet/core/protocols/pin';
import type { MarketplaceReader } from '../chain/marketplace-reader.ts';

export type Authorization = { ok: true } | { ok: false; reason: string };

/** Who is asked: a grant names its chain and its relays' peer ids. */
export interface PinAudience {
  chainId: number;
  peerId: string;
}

export async function authorizePin(
  request: PinRequest,
  chain: MarketplaceReader,
  audience: PinAudience,
  nowSeconds: number,
): Promise<Authorization> {
  if (request.auth.kind === 'registered') {
    return (await chain.isRegisteredCid(request.cid))
      ? { ok: true }
      : { ok: false, reason: `no registration on-chain names ${request.cid}` };
  }
  const { publisher, expires, signature, ...grant } = request.auth;
  if (grant.chainId !== audience.chainId)
    return { ok: false, reason: `the grant is for chain ${grant.chainId}, this relay serves ${audience.chainId}` };
  if (!grant.relays.includes(audience.peerId)) return { ok: false, reason: 'the grant does not name this relay' };
  if (!grant.cids.includes(request.cid)) return { ok: false, reason: `the grant does not name ${request.cid}` };
  if (expires <= nowSeconds) return { ok: false, reason: 'the signed request has expired' };
  if (expires > nowSeconds + MAX_SIGNATURE_LIFETIME_S)
    return { ok: false, reason: `a signed request may expire at most ${MAX_SIGNATURE_LIFETIME_S} s ahead` };
  let signer;
  try {
    signer = await recoverMessageAddress({ message: pinAuthorizationText({ ...grant, expires }), signature });
  } catch {
    return { ok: false, reason: 'the signature cannot be read' };
  }
  if (!isAddressEqual(signer, publisher)) return { ok: false, reason: "the signature is not the publisher's" };
  if (!(await chain.isPublisher(publisher))) return { ok: false, reason: `${publisher} has registered no model` };
  return { ok: true };
}
