import { describe, expect, it } from 'vitest';
import { FIELD_ORDER, LOGIT_OFFSET, packLogits, readPublicSignals } from './public-signals.ts';

const signals = (commitment: bigint, packed: bigint[]) => [commitment, ...packed].map(String);

describe('public signals', () => {
  it('pack ten logits to an element, each offset into its own 24-bit slot', () => {
    expect(packLogits([0])).toEqual([BigInt(LOGIT_OFFSET)]);
    expect(packLogits([5, -3])).toEqual([BigInt(LOGIT_OFFSET + 5) + (BigInt(LOGIT_OFFSET - 3) << 24n)]);
    expect(packLogits(Array.from({ length: 11 }, () => 1))).toHaveLength(2);
    expect(() => packLogits([LOGIT_OFFSET])).toThrow('does not fit a 24-bit slot');
    expect(() => packLogits([-LOGIT_OFFSET])).toThrow('does not fit a 24-bit slot');
    expect(() => packLogits([])).toThrow('at least one logit');
  });

  it('read the commitment, then the logits, negative ones and extremes included', () => {
    const logits = [0, 1, -1, 580_600, -580_600, LOGIT_OFFSET - 1, -(LOGIT_OFFSET - 1), 7, -8, 9, 10, -11];
    expect(readPublicSignals(signals(77n, packLogits(logits)))).toEqual({ commitment: 77n, logits });
    expect(readPublicSignals(signals(FIELD_ORDER - 1n, packLogits([5, -3])))).toEqual({
      commitment: FIELD_ORDER - 1n,
      logits: [5, -3],
    });
  });

  it('refuse what the circuit cannot have made', () => {
    expect(() => readPublicSignals(['77'])).toThrow('a commitment and packed logits');
    expect(() => readPublicSignals(['77', '0x10'])).toThrow('is not a decimal field element');
    expect(() => readPublicSignals([FIELD_ORDER.toString(), '1'])).toThrow('is not a field element');
    expect(() => readPublicSignals(signals(1n, [1n << 240n]))).toThrow('bits above 240');
    expect(() => readPublicSignals(signals(1n, [0n]))).toThrow('no logit');
    // Slot 0 empty, slot 1 filled.
    expect(() => readPublicSignals(signals(1n, [1n << 24n]))).toThrow('a logit after an empty slot');
    // A second element of logits after a first that ended early.
    expect(() => readPublicSignals(signals(1n, [...packLogits([1]), ...packLogits([2])]))).toThrow(
      'a logit after an empty slot',
    );
  });
});
