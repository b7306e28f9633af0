// The home page's search and order over the marketplace's listings: text in the name or task, one
// task, and an order by date, use or price. Delisted models are left out.
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';

export const SORT_KEYS = ['newest', 'most-used', 'cheapest'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface BrowseQuery {
  text: string;
  /** Empty for every task. */
  task: string;
  sort: SortKey;
}

const COMPARE: Record<SortKey, (a: ModelRecord, b: ModelRecord) => number> = {
  newest: (a, b) => b.registeredAt.getTime() - a.registeredAt.getTime() || Number(b.id - a.id),
  'most-used': (a, b) => b.uses - a.uses || Number(b.id - a.id),
  // Per-use price first; between equals, the cheaper licence (none on sale counts as dearest).
  cheapest: (a, b) => sign(a.pricePerUse - b.pricePerUse) || sign(licence(a) - licence(b)) || Number(a.id - b.id),
};
const sign = (n: bigint) => (n > 0n ? 1 : n < 0n ? -1 : 0);
const licence = (m: ModelRecord) => (m.licencePrice === 0n ? 2n ** 255n : m.licencePrice);

export function browseModels(models: ModelRecord[], query: BrowseQuery): ModelRecord[] {
  const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
  return models
    .filter((m) => m.listed && (query.task === '' || m.task === query.task))
    .filter((m) => words.every((w) => m.name.toLowerCase().includes(w) || m.task.toLowerCase().includes(w)))
    .sort(COMPARE[query.sort]);
}

/** The tasks the listed models cover, for the task filter. */
export const tasksOf = (models: ModelRecord[]) =>
  [...new Set(models.filter((m) => m.listed).map((m) => m.task))].sort();
