import { A } from '@solidjs/router';
import { For, Match, Show, Switch, type JSX } from 'solid-js';
import { useAppState } from '../state/app-state.tsx';
import { CacheSummary } from '../components/CacheSummary.tsx';
import { formatBytes, formatTerms, shortCid } from '../format.ts';

/** Home: the models the marketplace lists on-chain. */
export function ModelsRoute(): JSX.Element {
  const state = useAppState();
  return (
    <section>
      <h1>Models</h1>
      <p class="lead">Listed on-chain, stored in IPFS, run in your browser.</p>
      <Switch>
        <Match when={state.config.error}>
          <p class="error" role="alert">The app cannot load its configuration: {String(state.config.error?.message ?? state.config.error)}</p>
        </Match>
        <Match when={state.models.error}>
          <p class="error" role="alert">{String(state.models.error?.message ?? state.models.error)}</p>
        </Match>
        <Match when={state.models()}>
          {(list) => (
            <>
              <Show when={list().staleBecause}>
                <p class="notice" data-testid="stale-list">Offline: {list().staleBecause}.</p>
              </Show>
              <Show when={list().models.length > 0} fallback={<p class="notice">No model is registered yet.</p>}>
                <ul class="model-list" data-testid="model-list">
                  <For each={list().models}>
                    {(model) => (
                      <li class="model-card" data-testid="model-card" data-name={model.name}>
                        <A href={`/model/${model.id}`} class="model-name">{model.name}</A>
                        <dl>
                          <dt>Task</dt>
                          <dd>{model.task}</dd>
                          <dt>Size</dt>
                          <dd>{formatBytes(model.sizeBytes)}</dd>
                          <dt>CID</dt>
                          <dd class="cid" title={model.weightsCid}>{shortCid(model.weightsCid)}</dd>
                          <dt>Terms</dt>
                          <dd data-testid="terms">{model.licence}, {formatTerms(model.pricePerUse, model.licencePrice)}</dd>
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
