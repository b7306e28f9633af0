// A name registration between its two transactions, kept in this browser per registry and account:
// the Registration with its secret (the reveal needs it), the fee, and when the commitment landed,
// so a reload resumes at the countdown instead of committing again.
import type { Address } from 'viem';
import type { Registration } from '@permanet/core/chain/actions/names/payment-data';

export interface PendingRegistration {
  name: string;
  registration: Registration;
  fee: bigint;
  /** When the commitment's transaction was confirmed (ms since the epoch, this browser's clock). */
  committedAt: number;
  /** The registry's minimum commitment age. */
  minAgeSeconds: number;
  /** The TLD's DAO approves each registration: the reveal escrows the fee until it decides. */
  needsApproval: boolean;
}

const key = (registry: Address, account: Address) => `permanet:pending-name:${registry}:${account}`.toLowerCase();
const bigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value);
const revive = (_key: string, value: unknown) =>
  typeof value === 'string' && /^\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value;

export function savePending(registry: Address, account: Address, pending: PendingRegistration): void {
  localStorage.setItem(key(registry, account), JSON.stringify(pending, bigints));
}

export function loadPending(registry: Address, account: Address): PendingRegistration | null {
  const text = localStorage.getItem(key(registry, account));
  return text === null ? null : (JSON.parse(text, revive) as PendingRegistration);
}

export function clearPending(registry: Address, account: Address): void {
  localStorage.removeItem(key(registry, account));
}
