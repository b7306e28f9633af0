import { describe, expect, it } from 'vitest';
import { parseEther } from 'viem';
import { formatAgo, formatJoy, formatTerms, parseJoy } from './format.ts';

describe('format', () => {
  it('says how long ago in words', () => {
    expect(formatAgo(30_000)).toBe('just now');
    expect(formatAgo(5 * 60_000)).toBe('5 min ago');
    expect(formatAgo(3 * 3_600_000)).toBe('3 h ago');
    expect(formatAgo(3 * 86_400_000)).toBe('3 days ago');
  });

  it('reads amounts of JOY as people type them, and refuses the rest', () => {
    expect(parseJoy(' 12.5 ')).toBe(parseEther('12.5'));
    for (const bad of ['', '0', '-1', 'lots', '1e3']) expect(parseJoy(bad)).toBeNull();
    expect(formatJoy(0n)).toBe('free');
    expect(formatTerms(parseEther('1'), parseEther('20'))).toBe('1 JOY per use, licence 20 JOY');
  });
});
