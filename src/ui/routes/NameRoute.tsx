import { A, Navigate, useParams } from '@solidjs/router';
import { createResource, Match, Switch, type JSX } from 'solid-js';
import { NameNotFoundError, resolveName } from '@permanet/core/chain/actions/names/resolve-name';
import { messageOf } from '@permanet/core/errors/permanet-error';
import { normalizeName } from '@permanet/core/names/normalize-name';
import { loadName, saveName } from '../../chain/cached-names.ts';
import { useAppState } from '../state/app-state.tsx';

type Resolution = { name: string; modelId: string | null; expires: string; offline: boolean };

/** /n/<name>: resolves a name on-chain (or from the last resolution, offline) and opens its model. */
export default function NameRoute(): JSX.Element {
  const params = useParams();
  const state = useAppState();
  const [resolution] = createResource(
    () => {
      const chain = state.chain();
      return chain && { chain, typed: decodeURIComponent(params.name ?? '') };
    },
    async ({ chain, typed }): Promise<Resolution> => {
      const name = normalizeName(typed);
      try {
        const resolved = await resolveName(chain.client, { names: chain.names, models: chain.nameModels }, name);
        const entry = { modelId: resolved.modelId?.toString() ?? null, expires: resolved.expires.toISOString() };
        saveName(chain.names, name, entry);
        return { name, ...entry, offline: false };
      } catch (error) {
        if (error instanceof NameNotFoundError) throw error;
        const cached = loadName(chain.names, name);
        if (!cached) throw error;
        return { name, ...cached, offline: true };
      }
    },
  );
  return (
    <Switch fallback={<p class="notice">Resolving {params.name}…</p>}>
      <Match when={resolution.error}>
        <p class="error" data-testid="name-error">
          {messageOf(resolution.error)}
        </p>
      </Match>
      <Match when={resolution()?.modelId}>{(id) => <Navigate href={`/model/${id()}`} />}</Match>
      <Match when={resolution()}>
        {(r) => (
          <p class="notice" data-testid="name-unlinked">
            {r().name} is registered until {new Date(r().expires).toLocaleDateString()} and opens no model.{' '}
            <A href="/">See the models</A>.
          </p>
        )}
      </Match>
    </Switch>
  );
}
