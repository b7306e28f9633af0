import { describe, expect, it } from 'vitest';
import { MalformedMessageError } from '../../stream/json-stream.ts';
import { parsePinRequest, parsePinResponse } from './codec.ts';

const cid = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const publisher = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const grant = {
  kind: 'signed',
  publisher,
  chainId: 31337,
  relays: ['12D3KooWRelay'],
  cids: [cid],
  nonce: `0x${'ab'.repeat(16)}`,
  expires: 1_700_000_000,
  signature: '0x1234',
};
const signedWith = (change: Record<string, unknown>) => ({ type: 'pin', cid, auth: { ...grant, ...change } });

describe('the pin codec', () => {
  it('reads a registered and a signed request', () => {
    expect(parsePinRequest({ type: 'pin', cid, auth: { kind: 'registered' } })).toEqual({
      type: 'pin',
      cid,
      auth: { kind: 'registered' },
    });
    expect(parsePinRequest({ type: 'pin', cid, auth: grant }).auth).toEqual(grant);
  });

  it('refuses what is not a pin request, each with its reason', () => {
    const bad: [unknown, RegExp][] = [
      [[], /a pin request must be a JSON object/],
      [{ type: 'unpin', cid }, /has type "pin"/],
      [{ type: 'pin', cid: 'not-a-cid', auth: { kind: 'registered' } }, /cid is not a CID: not-a-cid/],
      [{ type: 'pin', cid, auth: { kind: 'trusted' } }, /auth.kind must be "registered" or "signed"/],
      [signedWith({ publisher: '0x12' }), /publisher/],
      [signedWith({ expires: 1.5 }), /expires/],
      [signedWith({ chainId: '1' }), /chainId/],
      [signedWith({ nonce: '0x12' }), /nonce/],
      [signedWith({ relays: [] }), /auth.relays must list 1 to 16/],
      [signedWith({ cids: ['a, b'] }), /auth.cids holds an entry that is not a name/],
      [signedWith({ signature: 'zz' }), /signature/],
    ];
    for (const [message, reason] of bad) {
      expect(() => parsePinRequest(message)).toThrow(MalformedMessageError);
      expect(() => parsePinRequest(message)).toThrow(reason);
    }
  });

  it('reads answers, and refuses a code it does not know', () => {
    expect(parsePinResponse({ ok: true, cid, bytes: 10 })).toEqual({ ok: true, cid, bytes: 10 });
    expect(parsePinResponse({ ok: false, code: 'too-large', message: 'no' }).ok).toBe(false);
    expect(() => parsePinResponse({ ok: false, code: 'teapot', message: 'no' })).toThrow(/not a pin response/);
  });
});
