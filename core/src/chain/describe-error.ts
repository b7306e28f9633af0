// Turns what a chain call threw into one sentence a person can act on: the contract's custom
// error when there is one, else viem's short message.
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, formatEther, type Abi } from 'viem';
import {
  joyTokenAbi,
  modelMarketplaceAbi,
  permaNetDomainRegistryAbi,
  tldGovernorAbi,
  tldTimelockAbi,
} from './abi/generated.ts';

const joy = (wei: unknown) => `${formatEther(wei as bigint)} JOY`;

const SENTENCES: Record<string, (args: readonly unknown[]) => string> = {
  ZeroAmount: () => 'Enter an amount above zero.',
  InsufficientFreeBalance: ([, available, needed]) =>
    `Only ${joy(available)} is free to move; ${joy(needed)} was asked.`,
  InsufficientUnlockedStake: ([, available, needed]) =>
    `Only ${joy(available)} of the stake is unlocked; ${joy(needed)} was asked.`,
  NothingUnbonding: () => 'Nothing is waiting to be withdrawn.',
  CooldownNotElapsed: ([readyAt]) => `The cooldown ends at ${new Date(Number(readyAt) * 1000).toLocaleString()}.`,
  InsufficientPrepaid: ([, available, needed]) => `Only ${joy(available)} is prepaid; ${joy(needed)} is needed.`,
  EnforcedPause: () => 'The marketplace is paused by its guardian.',
  ERC20InsufficientAllowance: ([, allowance, needed]) =>
    `The marketplace is allowed ${joy(allowance)} of your JOY; ${joy(needed)} is needed.`,
  ERC20InsufficientBalance: ([, balance, needed]) => `Your balance is ${joy(balance)}; ${joy(needed)} is needed.`,
  NameTaken: ([name, id]) => `The name "${name}" is taken by model #${id}.`,
  RateLimited: ([, retryAt]) =>
    `Too many registrations from this account; try again after ${new Date(Number(retryAt) * 1000).toLocaleString()}.`,
  NoLicenceForSale: ([id]) => `Model #${id} sells no licence.`,
  AlreadyLicensed: ([id]) => `You already hold a licence for model #${id}.`,
  NotListed: ([id]) => `Model #${id} is delisted.`,
  NothingToWithdraw: () => 'There is nothing to withdraw.',
  UnknownModel: ([id]) => `There is no model #${id}.`,
  RoyaltyTooHigh: ([bps, max]) =>
    `A derivative royalty of ${Number(bps) / 100}% is over the ${Number(max) / 100}% allowed.`,
  NotNameOwner: () => 'Only the name’s owner can change it.',
  NameExpired: () => 'The name has expired: renew it first, within its grace period.',
  NameUnavailable: () => 'The name is taken.',
  CommitmentTooNew: ([, age, minAge]) => `The commitment is ${age} s old; wait until it is ${minAge} s old.`,
  GovernorAlreadyCastVote: () => 'This account has voted on this proposal already.',
  GovernorNotMember: () => 'This account never staked in the DAO, so it has no votes.',
  GovernorUnexpectedProposalState: () => 'The proposal is not at the stage this needs (its vote may be closed).',
  TimelockUnexpectedOperationState: () => 'The timelock’s delay is not over yet; try again once it is.',
};

// A call into one contract can revert with another's error (the marketplace moving JOY, a governor
// calling its timelock): decode with every contract's errors.
const ERRORS = [
  ...joyTokenAbi,
  ...modelMarketplaceAbi,
  ...permaNetDomainRegistryAbi,
  ...tldGovernorAbi,
  ...tldTimelockAbi,
].filter((item) => item.type === 'error') as Abi;
function decoded(error: ContractFunctionRevertedError): { errorName: string; args: readonly unknown[] } | null {
  if (error.data) return { errorName: error.data.errorName, args: error.data.args ?? [] };
  if (!error.raw || error.raw === '0x') return null;
  try {
    const { errorName, args } = decodeErrorResult({ abi: ERRORS, data: error.raw });
    return { errorName, args: args ?? [] };
  } catch {
    return null;
  }
}

function revertData(error: BaseError) {
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError ? decoded(reverted) : null;
}

/** Whether a call reverted (with a custom error, a reason or none), rather than failing to be made. */
export const isRevert = (error: unknown): boolean =>
  error instanceof BaseError && error.walk((e) => e instanceof ContractFunctionRevertedError) !== null;

/** The custom error a call reverted with ("UnknownModel"), or null when it did not revert with one. */
export const revertName = (error: unknown): string | null =>
  error instanceof BaseError ? (revertData(error)?.errorName ?? null) : null;

export function describeError(error: unknown): string {
  if (error instanceof BaseError) {
    const data = revertData(error);
    if (data) {
      const { errorName, args } = data;
      return SENTENCES[errorName]?.(args) ?? `The contract refused: ${errorName}(${args.map(String).join(', ')}).`;
    }
    return error.shortMessage;
  }
  return error instanceof Error ? error.message : String(error);
}
