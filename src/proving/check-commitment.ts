// A proof a relay made for this tab is worth something only if it commits to the tab's own input:
// the relay sees the input, and could prove another one (by mistake, or to lie about the output)
// with a proof that verifies all the same. The tab knows the input and the salt, so it checks.
import { inputCommitment } from '@permanet/core/proving/input-commitment';
import { readPublicSignals, type ProvedOutput } from '@permanet/core/proving/public-signals';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

export class ForeignInputError extends PermaNetError {
  readonly commitment: bigint;
  constructor(commitment: bigint) {
    super('the relay proved some other input than yours: its proof is discarded');
    this.commitment = commitment;
    this.name = 'ForeignInputError';
  }
}

/** The proof's output, once its public commitment is shown to be to `x` with `salt`. */
export async function checkCommitment(
  publicSignals: readonly string[],
  x: readonly number[],
  salt: bigint,
): Promise<ProvedOutput> {
  const output = readPublicSignals(publicSignals);
  if (output.commitment !== (await inputCommitment(x, salt))) throw new ForeignInputError(output.commitment);
  return output;
}
