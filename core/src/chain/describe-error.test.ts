import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  parseEther,
  type Abi,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { joyTokenAbi, modelMarketplaceAbi } from './abi/generated.ts';
import { describeError } from './describe-error.ts';

const reverted = (errorName: string, args: unknown[]) => {
  const data = encodeErrorResult({ abi: joyTokenAbi as Abi, errorName, args } as never);
  const cause = new ContractFunctionRevertedError({ abi: joyTokenAbi as Abi, data, functionName: 'stake' });
  return new ContractFunctionExecutionError(cause, { abi: joyTokenAbi as Abi, functionName: 'stake', args: [] });
};

describe('describeError', () => {
  it('turns the contract errors people meet into sentences', () => {
    const account = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    expect(describeError(reverted('InsufficientFreeBalance', [account, parseEther('40'), parseEther('100')]))).toBe(
      'Only 40 JOY is free to move; 100 JOY was asked.',
    );
    expect(describeError(reverted('NothingUnbonding', [account]))).toBe('Nothing is waiting to be withdrawn.');
    expect(describeError(reverted('CooldownNotElapsed', [1_800_000_000n]))).toMatch(/^The cooldown ends at /);
  });

  it("decodes another contract's error raised inside the call (the token's, under the marketplace)", () => {
    const data = encodeErrorResult({
      abi: joyTokenAbi as Abi,
      errorName: 'ERC20InsufficientAllowance',
      args: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 0n, parseEther('5')],
    } as never);
    const cause = new ContractFunctionRevertedError({
      abi: modelMarketplaceAbi as Abi,
      data,
      functionName: 'buyLicence',
    });
    const error = new ContractFunctionExecutionError(cause, {
      abi: modelMarketplaceAbi as Abi,
      functionName: 'buyLicence',
      args: [],
    });
    expect(describeError(error)).toBe('The marketplace is allowed 0 JOY of your JOY; 5 JOY is needed.');
  });

  it('names an error it has no sentence for, with its arguments', () => {
    expect(describeError(reverted('CooldownTooLong', [100n, 90n]))).toBe(
      'The contract refused: CooldownTooLong(100, 90).',
    );
  });

  it('passes other errors through by their message', () => {
    expect(describeError(new Error('socket closed'))).toBe('socket closed');
    expect(describeError('plain')).toBe('plain');
  });
});
