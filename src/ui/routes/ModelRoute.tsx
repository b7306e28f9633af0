import { A, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Match, onCleanup, Show, Switch, type JSX } from 'solid-js';
import type { Feeds } from '@permanet/core/inference/tensors';
import type { BackendChoice, RunResult } from '@permanet/core/inference/worker-protocol';
import { createModelOpener, type OpenStep, type WeightsSource } from '../../inference/model-opener.ts';
import { ModelAccess } from '../components/ModelAccess.tsx';
import { ModelCardView } from '../components/ModelCardView.tsx';
import { ModelVersions } from '../components/ModelVersions.tsx';
import { NetworkRun } from '../components/NetworkRun.tsx';
import { NodeRun } from '../components/NodeRun.tsx';
import { ProveRun } from '../components/ProveRun.tsx';
import { DigitPad } from '../components/DigitPad.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { RawTensorInput } from '../components/RawTensorInput.tsx';
import { SpeechActivity } from '../components/SpeechActivity.tsx';
import { formatBytes, formatMs, formatTerms, peerTail } from '../format.ts';
import { useAppState } from '../state/app-state.tsx';
import { PermaNetError, messageOf } from '@permanet/core/errors/permanet-error';

type Phase = 'waiting' | 'fetching' | 'loading' | 'ready' | 'failed';

/** A model's page: fetch its weights by CID, verify them, run them in a worker. */
export default function ModelRoute(): JSX.Element {
  const params = useParams();
  const state = useAppState();
  const model = createMemo(() => {
    const list = state.models();
    const id = params.id ?? '';
    if (!list || !/^\d+$/.test(id)) return list ? null : undefined;
    return list.models.find((m) => m.id === BigInt(id)) ?? null;
  });

  const [backend, setBackend] = createSignal<BackendChoice>('auto');
  const [step, setStep] = createSignal<OpenStep>({ phase: 'loading' });
  const [fetched, setFetched] = createSignal<WeightsSource | null>(null);
  const [lastRun, setLastRun] = createSignal<RunResult | null>(null);
  /** The input last run here: what "Run on the network" sends. */
  const [lastInput, setLastInput] = createSignal<Feeds | null>(null);
  const [access, setAccess] = createSignal(false);
  const abort = new AbortController();
  onCleanup(() => abort.abort());

  // The model opened on the chosen backend; its worker belongs to the session pool, so it stays
  // loaded when the page is left.
  const opener = createMemo(() => {
    const m = model();
    return m ? createModelOpener(state, m, abort.signal) : null;
  });
  const [opened] = createResource(
    () => {
      const o = opener();
      return o && { o, backend: backend() };
    },
    async ({ o, backend }) => {
      setLastRun(null);
      const result = await o.open(backend, (s) => {
        setStep(s);
        if (s.phase === 'loading' && s.weights) setFetched(s.weights);
      });
      if (!fetched()) setFetched(result.weights);
      return result;
    },
  );
  const phase = (): Phase => {
    if (opened.error) return 'failed';
    if (opened.loading) return step().phase;
    return opened() ? 'ready' : 'waiting';
  };
  const progress = () => {
    const s = step();
    return s.phase === 'fetching' ? s : { received: 0, total: 0 };
  };
  const error = () => (opened.error ? messageOf(opened.error) : null);
  const loaded = () => (opened.loading ? null : (opened()?.load ?? null));
  const ready = () => phase() === 'ready' && access();

  const run = async (feeds: Feeds) => {
    const client = opened()?.client;
    if (!client) throw new PermaNetError('the model is not loaded');
    const result = await client.run(feeds);
    setLastRun(result);
    setLastInput(feeds);
    return result;
  };

  return (
    <Switch>
      <Match when={model() === null}>
        <p class="error" role="alert">
          No model has id {params.id}. <A href="/">See the models</A>.
        </p>
      </Match>
      <Match when={state.models.error}>
        <p class="error" role="alert">
          {String(state.models.error?.message ?? state.models.error)}
        </p>
      </Match>
      <Match when={model()}>
        {(m) => (
          <article class="model-page" data-testid="model-page" data-phase={phase()}>
            <h1>{m().name}</h1>
            <dl class="facts">
              <dt>Task</dt>
              <dd>{m().task}</dd>
              <dt>Size</dt>
              <dd>{formatBytes(m().sizeBytes)}</dd>
              <dt>CID</dt>
              <dd class="cid">{m().weightsCid}</dd>
              <dt>Creator</dt>
              <dd class="cid">{m().creator}</dd>
              <dt>Licence</dt>
              <dd>{m().licence}</dd>
              <dt>Terms</dt>
              <dd>{formatTerms(m().pricePerUse, m().licencePrice)}</dd>
              <dt>Royalties</dt>
              <dd data-testid="royalties">
                {m().parentId === null ? (
                  'an original model'
                ) : (
                  <>
                    derived from <A href={`/model/${m().parentId}`}>model #{m().parentId!.toString()}</A>, which takes
                    its share
                  </>
                )}
                ; asks {m().derivativeRoyaltyBps / 100}% of its derivatives' revenue
              </dd>
              <dt>Usage</dt>
              <dd data-testid="usage">
                {m().uses} use{m().uses === 1 ? '' : 's'} on-chain
                {m().listed ? '' : ' (delisted)'}
              </dd>
            </dl>
            <ModelVersions model={m()} />
            <ModelCardView cid={m().cardCid} />
            <ModelAccess model={m()} onAccess={setAccess} />
            <Show when={phase() === 'fetching'}>
              <ProgressBar received={progress().received} total={progress().total} label="Fetching the weights" />
            </Show>
            <Show when={fetched()}>
              {(f) => (
                <div class="row">
                  <p class="status" data-testid="fetch-source" data-ms={f().ms} data-from={f().from}>
                    Weights verified against their CID, from {f().source} in {formatMs(f().ms)}.
                  </p>
                  <Show when={f().servedBy.length > 0}>
                    <ul class="served-by" data-testid="served-by">
                      <For each={f().servedBy}>
                        {(s) => (
                          <li data-peer={s.peer} data-kind={s.relay ? 'relay' : 'tab'} title={s.peer}>
                            {s.relay ? 'relay' : 'browser tab (WebRTC)'} {peerTail(s.peer)}: {formatBytes(s.bytes)}
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <label>
                    <input
                      type="checkbox"
                      data-testid="keep-cached"
                      checked={state.cacheEntries().some((e) => e.cid === m().weightsCid && e.pinned)}
                      onChange={(e) => state.cache.setPinned(m().weightsCid, e.currentTarget.checked)}
                    />{' '}
                    Keep in this browser
                  </label>
                </div>
              )}
            </Show>
            <Show when={error()}>
              <p class="error" role="alert" data-testid="model-error">
                {error()}
              </p>
            </Show>
            <Show when={fetched()}>
              <div class="backend row">
                <label>
                  Backend{' '}
                  <select
                    value={backend()}
                    data-testid="backend-select"
                    onChange={(e) => setBackend(e.currentTarget.value as BackendChoice)}
                  >
                    <option value="auto">Automatic</option>
                    <option value="webgpu">WebGPU</option>
                    <option value="wasm">WASM</option>
                  </select>
                </label>
                <Show
                  when={loaded()}
                  fallback={<span class="notice">{phase() === 'loading' ? 'Loading the model…' : ''}</span>}
                >
                  {(l) => (
                    <span class="status" data-testid="backend" data-backend={l().backend}>
                      Running on <strong>{l().backend === 'webgpu' ? 'WebGPU' : 'WASM'}</strong>
                      {l().backend === 'wasm'
                        ? ` (${l().threads} thread${l().threads > 1 ? 's' : ''})`
                        : l().adapter
                          ? ` (${l().adapter})`
                          : ''}
                      {l().fallbackReason ? ` because ${l().fallbackReason}` : ''}; loaded in {formatMs(l().loadMs)}
                    </span>
                  )}
                </Show>
              </div>
            </Show>
            <Show when={lastRun()}>
              {(r) => (
                <p class="status" data-testid="latency" data-ms={r().ms}>
                  Last inference: {formatMs(r().ms)}
                </p>
              )}
            </Show>
            <Show when={fetched() && m().spec}>
              {(_) => (
                <>
                  <Switch>
                    <Match when={m().spec!.presentation === 'digit-canvas'}>
                      <DigitPad spec={m().spec!} run={run} ready={ready()} />
                    </Match>
                    <Match when={m().spec!.presentation === 'speech-activity'}>
                      <SpeechActivity spec={m().spec!} run={run} ready={ready()} />
                    </Match>
                  </Switch>
                  <RawTensorInput spec={m().spec!} run={run} ready={ready()} />
                  <ProveRun model={m()} lastInput={lastInput()} />
                  <NodeRun model={m()} lastInput={lastInput()} localOutputs={lastRun()?.outputs ?? null} />
                  <NetworkRun
                    model={m()}
                    lastInput={lastInput()}
                    lastOutput={
                      lastRun() && loaded() ? { outputs: lastRun()!.outputs, backend: loaded()!.backend } : null
                    }
                  />
                </>
              )}
            </Show>
          </article>
        )}
      </Match>
      <Match when={true}>
        <p class="notice">Reading the chain…</p>
      </Match>
    </Switch>
  );
}
