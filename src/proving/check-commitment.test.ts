import { describe, expect, it } from 'vitest';
import { checkCommitment, ForeignInputError } from './check-commitment.ts';
import { inputCommitment } from '@permanet/core/proving/input-commitment';
import { packLogits } from '@permanet/core/proving/public-signals';

describe('checking a proof made elsewhere commits to this input', () => {
  const x = Array.from({ length: 784 }, (_, i) => (i % 256) - 128);
  const salt = 424242n;
  const logits = [3, -7, 12];

  it('accepts the proof of this input and salt, and gives its logits', async () => {
    const signals = [(await inputCommitment(x, salt)).toString(), ...packLogits(logits).map(String)];
    expect(await checkCommitment(signals, x, salt)).toEqual({ commitment: await inputCommitment(x, salt), logits });
  });

  it('refuses the proof of another input, or of this input with another salt', async () => {
    const other = x.map((v, i) => (i === 400 ? -v - 1 : v));
    for (const commitment of [await inputCommitment(other, salt), await inputCommitment(x, salt + 1n)]) {
      const signals = [commitment.toString(), ...packLogits(logits).map(String)];
      await expect(checkCommitment(signals, x, salt)).rejects.toBeInstanceOf(ForeignInputError);
    }
  });
});
