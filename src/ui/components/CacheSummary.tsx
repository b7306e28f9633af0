import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { formatBytes } from '../format.ts';
import { useAppState } from '../state/app-state.tsx';
import { messageOf } from '@permanet/core/errors/permanet-error';

const MIB = 1024 * 1024;

/** What this browser keeps, and the size limit past which the least recently used models go. */
export function CacheSummary(): JSX.Element {
  const state = useAppState();
  const entries = createMemo(() => state.cacheEntries());
  const used = () => entries().reduce((sum, e) => sum + e.bytes, 0);
  const nameOf = (cid: string) =>
    state.models()?.models.find((m) => m.weightsCid === cid)?.name ??
    entries().find((e) => e.cid === cid)?.label ??
    cid;
  const models = () => entries().filter((e) => !e.label).length;
  const provingFiles = () => entries().length - models();
  const [limit, setLimit] = createSignal(String(Math.round(state.cacheLimit() / MIB)));
  const [error, setError] = createSignal<string | null>(null);
  const [sessionLimit, setSessionLimit] = createSignal(String(state.sessionLimit()));
  const ready = createMemo(() => state.readySessions().map(nameOf));

  const apply = async () => {
    setError(null);
    const mib = Number(limit());
    if (!Number.isFinite(mib) || mib < 0) return setError('The limit is a number of MiB, 0 or more.');
    try {
      await state.files.setCacheLimit(Math.round(mib * MIB));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section class="cache" data-testid="cache-summary" data-count={entries().length}>
      <h2>In this browser</h2>
      <p class="status">
        {models()} model{models() === 1 ? '' : 's'}
        {provingFiles() > 0 ? ` and ${provingFiles()} proving file${provingFiles() === 1 ? '' : 's'}` : ''},{' '}
        {formatBytes(used())} of {formatBytes(state.cacheLimit())}
      </p>
      <ul class="cached">
        <For each={entries()}>
          {(e) => (
            <li data-testid="cached-model">
              {nameOf(e.cid)} ({formatBytes(e.bytes)}){e.pinned ? ' · kept' : ''}
              {e.lastUsed === 0 ? ' · fetched ahead' : ''}
            </li>
          )}
        </For>
      </ul>
      <div class="row">
        <label>
          Limit (MiB){' '}
          <input
            type="text"
            inputmode="decimal"
            value={limit()}
            onInput={(e) => setLimit(e.currentTarget.value)}
            data-testid="cache-limit"
            size={6}
          />
        </label>
        <button type="button" onClick={() => void apply()} data-testid="cache-apply">
          Apply
        </button>
      </div>
      <label class="row">
        <input
          type="checkbox"
          checked={state.prefetch.enabled()}
          onChange={(e) => state.prefetch.setEnabled(e.currentTarget.checked)}
          data-testid="prefetch-toggle"
        />
        Fetch the most used models ahead, into free room (up to 2, 16 MiB each)
      </label>
      <p class="status" data-testid="ready-sessions">
        Ready to run without loading: {ready().length > 0 ? ready().join(', ') : 'none yet'} (up to{' '}
        {state.sessionLimit()})
      </p>
      <div class="row">
        <label>
          Ready sessions kept{' '}
          <input
            type="text"
            inputmode="numeric"
            value={sessionLimit()}
            onInput={(e) => setSessionLimit(e.currentTarget.value)}
            data-testid="session-limit"
            size={3}
          />
        </label>
        <button
          type="button"
          data-testid="session-apply"
          onClick={() => {
            setError(null);
            const n = Number(sessionLimit());
            if (!Number.isInteger(n) || n < 1 || n > 16)
              return setError('Keep from 1 to 16 ready sessions (each is a worker with its model in memory).');
            state.setSessionLimit(n);
          }}
        >
          Apply
        </button>
      </div>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
    </section>
  );
}
