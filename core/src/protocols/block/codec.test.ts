// The block protocol's messages: requests name one CID; answers carry a block within the limit or
// a code; anything else is refused as malformed with a reason.
import { describe, expect, it } from 'vitest';
import { MalformedMessageError } from '../../stream/json-stream.ts';
import { encodeBlock, parseBlockRequest, parseBlockResponse } from './codec.ts';
import { MAX_BLOCK_BYTES } from './constants.ts';

const CID = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';

describe('block codec', () => {
  it('reads a request for one CID and refuses anything else', () => {
    expect(parseBlockRequest({ type: 'block', cid: CID }).toString()).toBe(CID);
    expect(() => parseBlockRequest({ type: 'block', cid: 'nope' })).toThrow('not a CID: nope');
    expect(() => parseBlockRequest({ type: 'blocks', cid: CID })).toThrow(MalformedMessageError);
    expect(() => parseBlockRequest(null)).toThrow('a block request is { type: "block", cid }');
  });

  it('reads a block back, refuses one over the limit, and keeps only known codes', () => {
    const bytes = Uint8Array.from([1, 2, 3, 250]);
    expect(parseBlockResponse(encodeBlock(bytes))).toEqual({ ok: true, bytes });
    expect(() => parseBlockResponse(encodeBlock(new Uint8Array(MAX_BLOCK_BYTES + 1)))).toThrow(
      `the block is ${MAX_BLOCK_BYTES + 1} bytes; at most ${MAX_BLOCK_BYTES}`,
    );
    expect(parseBlockResponse({ ok: false, code: 'not-found', message: 'no' })).toEqual({
      ok: false,
      code: 'not-found',
      message: 'no',
    });
    expect(parseBlockResponse({ ok: false, code: 'teapot', message: 'x' })).toMatchObject({ code: 'internal' });
    expect(() => parseBlockResponse({ ok: true, block: 42 })).toThrow('not a block response');
  });
});
