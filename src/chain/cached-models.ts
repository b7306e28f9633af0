// The last model list read from the chain, kept per marketplace address, so that the app still
// shows (and runs) what it knows when the chain cannot be reached.
import type { Address } from 'viem';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';

const key = (marketplace: Address) => `permanet:models:${marketplace.toLowerCase()}`;
const BIGINTS = ['id', 'parentId', 'pricePerUse', 'licencePrice'] as const;

export function saveModels(marketplace: Address, models: ModelRecord[]): void {
  const plain = models.map((m) => ({
    ...m,
    ...Object.fromEntries(BIGINTS.map((field) => [field, m[field] === null ? null : String(m[field])])),
    registeredAt: m.registeredAt.toISOString(),
  }));
  localStorage.setItem(key(marketplace), JSON.stringify(plain));
}

export function loadModels(marketplace: Address): ModelRecord[] | null {
  const text = localStorage.getItem(key(marketplace));
  if (text === null) return null;
  return (JSON.parse(text) as Record<string, unknown>[]).map(
    (m) =>
      ({
        ...m,
        ...Object.fromEntries(BIGINTS.map((field) => [field, m[field] === null ? null : BigInt(m[field] as string)])),
        registeredAt: new Date(m.registeredAt as string),
      }) as ModelRecord,
  );
}
