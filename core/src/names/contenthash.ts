// EIP-1577 content hashes of IPFS content: the ipfs-ns codec (0xe3, as a varint) then the CID's
// bytes. The app writes them from a CID a person types; the relay reads them for DNSLink.
import { bytesToHex, hexToBytes, type Hex } from 'viem';
import { CID } from 'multiformats/cid';
import { PermaNetError } from '../errors/permanet-error.ts';

const IPFS_NS = [0xe3, 0x01];

export class InvalidCidError extends PermaNetError {
  override name = 'InvalidCidError';
}

/** The content hash of `cid` (any version or base CID.parse reads), as CIDv1. */
export function ipfsContenthash(cid: string): Hex {
  let parsed: CID;
  try {
    parsed = CID.parse(cid.trim().replace(/^\/?ipfs\//, ''));
  } catch {
    throw new InvalidCidError(`"${cid}" is not an IPFS CID`);
  }
  return bytesToHex(Uint8Array.from([...IPFS_NS, ...parsed.toV1().bytes]));
}

/** The CIDv1 an IPFS content hash holds, or null for empty, other namespaces and bad bytes. */
export function cidOfContenthash(contenthash: Hex | Uint8Array): string | null {
  const bytes = typeof contenthash === 'string' ? hexToBytes(contenthash) : contenthash;
  if (bytes.length < 3 || bytes[0] !== IPFS_NS[0] || bytes[1] !== IPFS_NS[1]) return null;
  try {
    return CID.decode(bytes.subarray(2)).toV1().toString();
  } catch {
    return null;
  }
}
