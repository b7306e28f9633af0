// Fetching ahead: once the page is idle, the most used models this browser lacks are fetched
// into its cache (into free room only), so opening them next needs no network. The person can
// turn it off; the home page shows what is being fetched.
import { createSignal } from 'solid-js';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import type { FileService } from '../../storage/files.ts';
import type { ModelCacheIndex } from '../../storage/model-cache.ts';

const KEY = 'permanet:prefetch';

export function createPrefetch(cache: ModelCacheIndex, files: FileService) {
  const [enabled, setEnabledSignal] = createSignal(localStorage.getItem(KEY) !== 'off');
  const [inFlight, setInFlight] = createSignal<ReadonlySet<string>>(new Set());
  let running = false;

  const setEnabled = (on: boolean) => {
    localStorage.setItem(KEY, on ? 'on' : 'off');
    setEnabledSignal(on);
  };

  /** Fetches the planned models one after another; a failure just skips that model. */
  const run = async (models: ModelRecord[]) => {
    if (running || !enabled()) return;
    running = true;
    try {
      const { planPrefetch } = await import('../../storage/prefetch-plan.ts');
      const held = new Set(cache.entries().map((e) => e.cid));
      for (const model of planPrefetch(models, held, cache.free())) {
        if (!enabled()) break;
        setInFlight(new Set([model.weightsCid]));
        try {
          await files.ahead(model.weightsCid, model.sizeBytes);
        } catch {
          // Not worth a message: the model is fetched (with its errors shown) when opened.
        }
      }
    } finally {
      setInFlight(new Set<string>());
      running = false;
    }
  };
  return { enabled, setEnabled, inFlight, run };
}
