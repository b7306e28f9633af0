// Which models to fetch before the person opens them: the most used listed models that this
// browser does not hold, small enough to arrive quickly, and only into room the cache already
// has (fetching ahead never evicts anything).
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';

export const PREFETCH_MAX_MODELS = 2;
/** Larger models are fetched when opened, not on a guess. */
export const PREFETCH_MAX_BYTES = 16 * 1024 * 1024;

export function planPrefetch(models: ModelRecord[], held: Set<string>, freeBytes: number): ModelRecord[] {
  const plan: ModelRecord[] = [];
  let room = freeBytes;
  const candidates = models
    .filter((m) => m.listed && m.spec !== null && !held.has(m.weightsCid) && m.sizeBytes <= PREFETCH_MAX_BYTES)
    .sort((a, b) => b.uses - a.uses || b.registeredAt.getTime() - a.registeredAt.getTime());
  for (const model of candidates) {
    if (plan.length === PREFETCH_MAX_MODELS) break;
    if (model.sizeBytes > room) continue;
    plan.push(model);
    room -= model.sizeBytes;
  }
  return plan;
}
