// A name as a person types it, made the name the registry holds: normalised by ENSIP-15 (viem's
// `normalize`, which refuses invalid and confusable forms), each label then written in its IDNA
// form ("xn--…") so DNS can carry it, and checked against the registry's rule (LDH labels of 1 to
// 63 bytes, contracts/names/LabelRules.sol). A name it refuses gets a message saying why.
import { normalize } from 'viem/ens';
import { PermaNetError, messageOf } from '../errors/permanet-error.ts';

export class InvalidNameError extends PermaNetError {
  override name = 'InvalidNameError';
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function normalizeName(input: string): string {
  const typed = input.trim().replace(/\.$/, '');
  let unicode: string;
  try {
    unicode = normalize(typed);
  } catch (error) {
    throw new InvalidNameError(`"${typed}" is not a valid name: ${messageOf(error).split('\n')[0]}`);
  }
  if (!unicode.includes('.') || unicode.split('.').some((label) => label === ''))
    throw new InvalidNameError(`"${typed}" needs a name and its TLD, such as digits.ai`);
  let ascii: string;
  try {
    ascii = new URL(`http://${unicode}`).hostname;
  } catch {
    throw new InvalidNameError(`"${typed}" cannot be written for DNS`);
  }
  const bad = ascii.split('.').find((label) => !LABEL.test(label));
  if (bad !== undefined)
    throw new InvalidNameError(
      `"${typed}" has a label ("${bad}") that is not letters, digits and inner hyphens of at most 63 bytes`,
    );
  return ascii;
}
