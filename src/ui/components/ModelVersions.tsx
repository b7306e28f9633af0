import { createResource, For, Show, type JSX } from 'solid-js';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import { listVersions } from '@permanet/core/chain/actions/marketplace/list-versions';
import { formatBytes, shortCid } from '../format.ts';
import { useAppState } from '../state/app-state.tsx';

/** Every version a model has published, the latest (the one the page runs) last. */
export function ModelVersions(props: { model: ModelRecord }): JSX.Element {
  const app = useAppState();
  const [versions] = createResource(
    () => props.model,
    (m) => listVersions(app.chain()!.client, app.chain()!.marketplace, m.id, m.versionCount),
  );
  return (
    <details class="versions" data-testid="versions">
      <summary>
        {props.model.versionCount} version{props.model.versionCount === 1 ? '' : 's'}
      </summary>
      <Show
        when={versions()}
        fallback={
          <p class="notice">{versions.error ? `The versions cannot be read: ${versions.error.message}` : 'Reading…'}</p>
        }
      >
        <ol start={0}>
          <For each={versions()}>
            {(v) => (
              <li data-testid="version">
                {v.publishedAt.toLocaleString()}:{' '}
                <span class="cid" title={v.weightsCid}>
                  {shortCid(v.weightsCid)}
                </span>
                , {formatBytes(v.sizeBytes)}
              </li>
            )}
          </For>
        </ol>
      </Show>
    </details>
  );
}
