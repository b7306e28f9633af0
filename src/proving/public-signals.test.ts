import { describe, expect, it } from 'vitest';
import { FIELD_ORDER, fromField, readPublicSignals } from './public-signals.ts';

describe('public signals', () => {
  it('decode the upper half of the field as negative numbers', () => {
    expect(fromField(0n)).toBe(0);
    expect(fromField(1234n)).toBe(1234);
    expect(fromField(FIELD_ORDER - 1n)).toBe(-1);
    expect(fromField(FIELD_ORDER - 98765n)).toBe(-98765);
  });

  it('refuse values outside the field, or too large for a logit', () => {
    expect(() => fromField(FIELD_ORDER)).toThrow('is not a field element');
    expect(() => fromField(-1n)).toThrow('is not a field element');
    expect(() => fromField(2n ** 60n)).toThrow('too large for a logit');
  });

  it('read the commitment, then the logits', () => {
    expect(readPublicSignals(['77', '5', (FIELD_ORDER - 3n).toString()])).toEqual({ commitment: 77n, logits: [5, -3] });
    expect(() => readPublicSignals(['77'])).toThrow('a commitment and at least one logit');
    expect(() => readPublicSignals(['77', '0x10'])).toThrow('is not a decimal field element');
  });
});
