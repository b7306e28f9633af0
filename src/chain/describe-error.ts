// Turns what a chain call threw into one sentence a person can act on: the contract's custom
// error when there is one, else viem's short message.
import { BaseError, ContractFunctionRevertedError, formatEther } from 'viem';

const joy = (wei: unknown) => `${formatEther(wei as bigint)} JOY`;

const SENTENCES: Record<string, (args: readonly unknown[]) => string> = {
  ZeroAmount: () => 'Enter an amount above zero.',
  InsufficientFreeBalance: ([, available, needed]) => `Only ${joy(available)} is free to move; ${joy(needed)} was asked.`,
  InsufficientUnlockedStake: ([, available, needed]) => `Only ${joy(available)} of the stake is unlocked; ${joy(needed)} was asked.`,
  NothingUnbonding: () => 'Nothing is waiting to be withdrawn.',
  CooldownNotElapsed: ([readyAt]) => `The cooldown ends at ${new Date(Number(readyAt) * 1000).toLocaleString()}.`,
  InsufficientPrepaid: ([, available, needed]) => `Only ${joy(available)} is prepaid; ${joy(needed)} is needed.`,
  EnforcedPause: () => 'The marketplace is paused by its guardian.',
};

export function describeError(error: unknown): string {
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data) {
      const { errorName, args = [] } = reverted.data;
      return SENTENCES[errorName]?.(args) ?? `The contract refused: ${errorName}(${args.map(String).join(', ')}).`;
    }
    return error.shortMessage;
  }
  return error instanceof Error ? error.message : String(error);
}
