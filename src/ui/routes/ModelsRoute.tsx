import { A, useSearchParams } from '@solidjs/router';
import { For, Match, Show, Switch, type JSX } from 'solid-js';
import { browseModels, SORT_KEYS, tasksOf, type SortKey } from '../../marketplace/browse.ts';
import { useAppState } from '../state/app-state.tsx';
import { CacheSummary } from '../components/CacheSummary.tsx';
import { formatAgo, formatBytes, formatTerms, shortCid } from '../format.ts';

/** A held model's badge: fetched ahead and not used yet, or when it was last used. */
const heldLabel = (lastUsed: number) =>
  lastUsed === 0 ? 'fetched ahead' : `in this browser, used ${formatAgo(Date.now() - lastUsed)}`;

const SORT_NAMES: Record<SortKey, string> = { newest: 'Newest', 'most-used': 'Most used', cheapest: 'Cheapest' };

/** Home: the models the marketplace lists on-chain, searched and ordered (the query is in the URL). */
export function ModelsRoute(): JSX.Element {
  const state = useAppState();
  const [params, setParams] = useSearchParams<{ q?: string; task?: string; sort?: string }>();
  const held = () => new Map(state.cacheEntries().map((e) => [e.cid, e]));
  const query = () => ({
    text: params.q ?? '',
    task: params.task ?? '',
    sort: (SORT_KEYS as readonly string[]).includes(params.sort ?? '') ? (params.sort as SortKey) : 'newest',
  });
  return (
    <section>
      <h1>Models</h1>
      <p class="lead">Listed on-chain, stored in IPFS, run in your browser.</p>
      <Switch>
        <Match when={state.config.error}>
          <p class="error" role="alert">
            The app cannot load its configuration: {String(state.config.error?.message ?? state.config.error)}
          </p>
        </Match>
        <Match when={state.models.error}>
          <p class="error" role="alert">
            {String(state.models.error?.message ?? state.models.error)}
          </p>
        </Match>
        <Match when={state.models()}>
          {(list) => (
            <>
              <Show when={list().staleBecause}>
                <p class="notice" data-testid="stale-list">
                  Offline: {list().staleBecause}.
                </p>
              </Show>
              <div class="row browse">
                <input
                  type="search"
                  placeholder="Search by name or task"
                  value={query().text}
                  onInput={(e) => setParams({ q: e.currentTarget.value || undefined }, { replace: true })}
                  data-testid="search"
                />
                <select
                  value={query().task}
                  onChange={(e) => setParams({ task: e.currentTarget.value || undefined })}
                  data-testid="task-filter"
                >
                  <option value="">Every task</option>
                  <For each={tasksOf(list().models)}>{(task) => <option value={task}>{task}</option>}</For>
                </select>
                <select
                  value={query().sort}
                  onChange={(e) => setParams({ sort: e.currentTarget.value })}
                  data-testid="sort"
                >
                  <For each={SORT_KEYS}>{(key) => <option value={key}>{SORT_NAMES[key]}</option>}</For>
                </select>
              </div>
              <Show when={list().models.length > 0} fallback={<p class="notice">No model is registered yet.</p>}>
                <Show when={browseModels(list().models, query()).length === 0}>
                  <p class="notice" data-testid="no-match">
                    No listed model matches.
                  </p>
                </Show>
                <ul class="model-list" data-testid="model-list">
                  <For each={browseModels(list().models, query())}>
                    {(model) => (
                      <li class="model-card" data-testid="model-card" data-name={model.name}>
                        <A href={`/model/${model.id}`} class="model-name">
                          {model.name}
                        </A>
                        <Show when={state.prefetch.inFlight().has(model.weightsCid) || held().has(model.weightsCid)}>
                          <span class="badge" data-testid="held-badge">
                            {state.prefetch.inFlight().has(model.weightsCid)
                              ? 'fetching ahead…'
                              : heldLabel(held().get(model.weightsCid)!.lastUsed)}
                          </span>
                        </Show>
                        <dl>
                          <dt>Task</dt>
                          <dd>{model.task}</dd>
                          <dt>Size</dt>
                          <dd>{formatBytes(model.sizeBytes)}</dd>
                          <dt>CID</dt>
                          <dd class="cid" title={model.weightsCid}>
                            {shortCid(model.weightsCid)}
                          </dd>
                          <dt>Terms</dt>
                          <dd data-testid="terms">
                            {model.licence}, {formatTerms(model.pricePerUse, model.licencePrice)}
                          </dd>
                          <dt>Used</dt>
                          <dd data-testid="uses">
                            {model.uses} time{model.uses === 1 ? '' : 's'}
                          </dd>
                        </dl>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </Match>
        <Match when={true}>
          <p class="notice">Reading the chain…</p>
        </Match>
      </Switch>
      <CacheSummary />
    </section>
  );
}
