import { describe, expect, it } from 'vitest';
import { cidOfContenthash, InvalidCidError, ipfsContenthash } from './contenthash.ts';

const V0 = 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG';
const V1 = 'bafybeie5gq4jxvzmsym6hjlwxej4rwdoxt7wadqvmmwbqi7r27fclha2va';

describe('IPFS content hashes (EIP-1577)', () => {
  it('writes e3 01 and the CIDv1, from a v0 or v1 CID or an /ipfs/ path, and reads it back', () => {
    const hash = ipfsContenthash(V0);
    expect(hash.startsWith('0xe30101')).toBe(true);
    expect([`/ipfs/${V0}`, ` ${V0} `].map(ipfsContenthash)).toEqual([hash, hash]);
    const v1 = cidOfContenthash(hash)!;
    expect(v1.startsWith('bafy')).toBe(true);
    expect(ipfsContenthash(v1)).toBe(hash);
    expect(cidOfContenthash(ipfsContenthash(V1))).toBe(V1);
  });

  it('refuses what is not a CID, and reads nothing from empty, foreign or broken bytes', () => {
    expect(() => ipfsContenthash('not a cid')).toThrow(InvalidCidError);
    expect(() => ipfsContenthash('')).toThrow('"" is not an IPFS CID');
    expect(cidOfContenthash('0x')).toBeNull();
    // ipns-ns (0xe5) is another namespace; e3 01 then garbage is no CID.
    expect(cidOfContenthash(`0xe501${ipfsContenthash(V1).slice(6)}`)).toBeNull();
    expect(cidOfContenthash('0xe30101ffff')).toBeNull();
  });
});
