import { describe, expect, it } from 'vitest';
import { InvalidNameError, normalizeName } from './normalize-name.ts';

describe('normalizeName', () => {
  it('normalises case, width and Unicode, and writes Unicode labels for DNS', () => {
    expect(normalizeName('Digits.AI')).toBe('digits.ai');
    expect(normalizeName(' digits.ai. ')).toBe('digits.ai');
    expect(normalizeName('ＤIGITS.ai')).toBe('digits.ai');
    expect(normalizeName('dígits.ai')).toBe('xn--dgits-zsa.ai');
    expect(normalizeName('api.lab.ai')).toBe('api.lab.ai');
  });

  it('refuses empty labels, a missing TLD, invalid characters and what ENSIP-15 refuses, saying why', () => {
    expect(() => normalizeName('digits')).toThrow('needs a name and its TLD, such as digits.ai');
    expect(() => normalizeName('a..ai')).toThrow(InvalidNameError);
    expect(() => normalizeName('bad name.ai')).toThrow('is not a valid name');
    expect(() => normalizeName('_dmarc.ai')).toThrow('has a label ("_dmarc")');
    expect(() => normalizeName('-x.ai')).toThrow('has a label ("-x")');
    // A Cyrillic "а" among Latin letters: a confusable ENSIP-15 refuses.
    expect(() => normalizeName('pаypal.ai')).toThrow('is not a valid name');
  });
});
