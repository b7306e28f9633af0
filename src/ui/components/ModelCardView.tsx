import { createResource, For, Show, type JSX } from 'solid-js';
import { parseModelCard } from '@permanet/core/marketplace/model-card';
import { useAppState } from '../state/app-state.tsx';

/** The model card from IPFS, verified against its CID like the weights. */
export function ModelCardView(props: { cid: string }): JSX.Element {
  const state = useAppState();
  const [card] = createResource(
    () => props.cid,
    async (cid) => parseModelCard(new TextDecoder().decode(await state.files.read(cid))),
  );
  return (
    <section class="model-card-view" data-testid="model-card-view">
      <Show when={card.error}>
        <p class="notice">The model card cannot be read: {String(card.error?.message ?? card.error)}</p>
      </Show>
      <Show when={card()}>
        {(c) => (
          <>
            <p data-testid="card-description">{c().description}</p>
            <dl>
              <dt>Source</dt>
              <dd>{c().source}</dd>
              <Show when={c().intendedUse}>
                <dt>Intended use</dt>
                <dd>{c().intendedUse}</dd>
              </Show>
              <Show when={c().limitations}>
                <dt>Limitations</dt>
                <dd>{c().limitations}</dd>
              </Show>
              <For each={Object.entries(c().metrics ?? {})}>
                {([name, value]) => (
                  <>
                    <dt>{name}</dt>
                    <dd data-testid={`metric-${name}`}>{String(value)}</dd>
                  </>
                )}
              </For>
            </dl>
          </>
        )}
      </Show>
    </section>
  );
}
