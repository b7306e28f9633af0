import assert from 'node:assert/strict';
import { BaseError, ContractFunctionRevertedError } from 'viem';

/** The custom error a reverted call carried: its name and arguments. */
export async function revertOf(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    const reverted = (error as BaseError).walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) return reverted.data;
    throw error;
  }
  assert.fail('expected a revert');
}
