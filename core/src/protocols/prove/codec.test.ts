import { describe, expect, it } from 'vitest';
import { FIELD_ORDER } from '../../proving/public-signals.ts';
import { MalformedMessageError } from '../../stream/json-stream.ts';
import { encodeProveRequest, parseProveRequest, parseProveResponse } from './codec.ts';

const proof = {
  pi_a: ['1', '2', '1'],
  pi_b: [
    ['3', '4'],
    ['5', '6'],
    ['1', '0'],
  ],
  pi_c: ['7', '8', '1'],
};
const answer = {
  ok: true,
  proof,
  publicSignals: ['9', '10'],
  witnessMs: 20,
  proveMs: 900,
  queuedMs: 0,
  backend: 'snarkjs-cpu',
};

describe('the prove protocol', () => {
  it('carries a request and an answer through JSON', () => {
    const request = { type: 'prove' as const, model: 3n, version: 1, input: { x: [-128, 0, 127], salt: '42' } };
    expect(parseProveRequest(JSON.parse(JSON.stringify(encodeProveRequest(request))))).toEqual(request);
    expect(parseProveResponse(JSON.parse(JSON.stringify(answer)))).toEqual(answer);
    expect(parseProveResponse({ ok: false, code: 'busy', message: '3 proofs are waiting' })).toEqual({
      ok: false,
      code: 'busy',
      message: '3 proofs are waiting',
    });
  });

  it('refuses malformed requests with a message naming the field', () => {
    const base = { type: 'prove', model: '3', version: 0, input: { x: [1], salt: '1' } };
    const cases: [unknown, RegExp][] = [
      [[], /JSON object/],
      [{ ...base, type: 'infer' }, /type "prove"/],
      [{ ...base, model: 3 }, /model/],
      [{ ...base, version: 1.5 }, /version/],
      [{ ...base, input: { x: [], salt: '1' } }, /input.x/],
      [{ ...base, input: { x: ['1'], salt: '1' } }, /input.x/],
      [{ ...base, input: { x: [1], salt: FIELD_ORDER.toString() } }, /input.salt/],
      [{ ...base, input: { x: [1], salt: '-1' } }, /input.salt/],
    ];
    for (const [message, reason] of cases) {
      expect(() => parseProveRequest(message)).toThrow(MalformedMessageError);
      expect(() => parseProveRequest(message)).toThrow(reason);
    }
  });

  it('refuses answers that are not a proof, or an unknown error code', () => {
    expect(() => parseProveResponse({ ...answer, proof: { ...proof, pi_b: [['3', '4']] } })).toThrow(/Groth16 proof/);
    expect(() => parseProveResponse({ ...answer, publicSignals: ['0x01'] })).toThrow(/publicSignals/);
    expect(() => parseProveResponse({ ...answer, proveMs: 'fast' })).toThrow(/proveMs/);
    expect(() => parseProveResponse({ ok: false, code: 'teapot', message: 'no' })).toThrow(/not a prove response/);
  });
});
