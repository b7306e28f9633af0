import assert from 'node:assert/strict';
import { type BaseError, ContractFunctionRevertedError } from 'viem';

/** The custom error a reverted call carried: its name and arguments when the contract's ABI
 * declares it, and its 4-byte selector either way (for errors of another contract it called). */
export async function revertOf(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    const reverted = (error as BaseError).walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      return {
        errorName: reverted.data?.errorName,
        args: reverted.data?.args,
        signature: reverted.signature ?? reverted.raw?.slice(0, 10),
      };
    }
    throw error;
  }
  assert.fail('expected a revert');
}
