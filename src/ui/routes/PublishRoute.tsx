import { A } from '@solidjs/router';
import { createSignal, For, onCleanup, Show, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import { isAddressEqual } from 'viem';
import { modelIdByName } from '@permanet/core/chain/actions/marketplace/model-id-by-name';
import { describeError } from '@permanet/core/chain/describe-error';
import { InferenceClient } from '../../inference/inference-client.ts';
import type { InspectResult, ValueInfo } from '@permanet/core/inference/worker-protocol';
import { MAX_MODEL_BYTES } from '../../marketplace/publish-limits.ts';
import { PublishDraftStore, type PublishDraft } from '../../marketplace/publish/publish-draft.ts';
import {
  PublishFormError,
  readPublishForm,
  type FormField,
  type PublishForm,
} from '../../marketplace/publish/publish-form.ts';
import {
  continuePublish,
  startPublish,
  type PublishContext,
  type PublishStep,
  type StepReport,
} from '../../marketplace/publish/publish-model.ts';
import { presentationsFor } from '../../marketplace/spec-from-model.ts';
import { PIN_REQUEST_TIMEOUT_MS } from '@permanet/core/protocols/pin';
import { ModelCardFields } from '../components/publish/ModelCardFields.tsx';
import { PublishSteps, reportsOfDraft } from '../components/publish/PublishSteps.tsx';
import { WalletPicker } from '../components/WalletPicker.tsx';
import { formatBytes } from '../format.ts';
import { useAppState } from '../state/app-state.tsx';
import { useWallet } from '../state/wallet.tsx';
import { PermaNetError, messageOf } from '@permanet/core/errors/permanet-error';

const shape = (v: ValueInfo) => `[${v.shape.map((d) => (d === '' ? '?' : d)).join(', ')}]`;
const EMPTY_FORM: PublishForm = {
  name: '',
  task: '',
  description: '',
  licence: 'MIT',
  source: '',
  intendedUse: '',
  limitations: '',
  presentation: 'tensor',
  labels: '',
  pricePerUse: '',
  licencePrice: '',
  royaltyPercent: '',
  parentId: '',
};

/** Publishing: check the ONNX file, write its card and terms, then store, pin and register it. */
export default function PublishRoute(): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const drafts = new PublishDraftStore(localStorage);
  const client = new InferenceClient();
  onCleanup(() => client.terminate());

  const [file, setFile] = createSignal<File | null>(null);
  const [io, setIo] = createSignal<InspectResult | null>(null);
  const [fileError, setFileError] = createSignal<string | null>(null);
  const [checking, setChecking] = createSignal(false);
  const [form, setForm] = createStore<PublishForm>({ ...EMPTY_FORM });
  const [fieldErrors, setFieldErrors] = createSignal<Partial<Record<FormField, string>>>({});
  const [draft, setDraft] = createSignal<PublishDraft | null>(drafts.load());
  const [reports, setReports] = createSignal<Partial<Record<PublishStep, StepReport>>>(
    draft() ? reportsOfDraft(draft()!) : {},
  );
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [published, setPublished] = createSignal<bigint | null>(null);

  const check = async (chosen: File) => {
    setFile(chosen);
    setIo(null);
    setFileError(null);
    if (chosen.size === 0) return setFileError(`${chosen.name} is empty.`);
    if (chosen.size > MAX_MODEL_BYTES) {
      return setFileError(
        `${chosen.name} is ${formatBytes(chosen.size)}; ` +
          `models up to ${formatBytes(MAX_MODEL_BYTES)} can be published (the relays' pin limit).`,
      );
    }
    setChecking(true);
    try {
      const inspected = await client.inspect(new Uint8Array(await chosen.arrayBuffer()));
      setIo(inspected);
      setForm('presentation', presentationsFor(inspected)[0]);
      if (!form.name) setForm('name', chosen.name.replace(/\.onnx$/i, ''));
    } catch (e) {
      setFileError(messageOf(e));
    } finally {
      setChecking(false);
    }
  };

  const context = async (): Promise<PublishContext> => {
    const config = app.config()!;
    const node = await app.browserNode();
    return {
      client: app.chain()!.client,
      wallet: wallets.wallet()!,
      marketplace: app.chain()!.marketplace,
      blockstore: node.blockstore,
      libp2p: node.helia.libp2p,
      relays: config.relays,
      pinTimeoutMs: PIN_REQUEST_TIMEOUT_MS,
      drafts,
      report: (report) => setReports((all) => ({ ...all, [report.step]: report })),
    };
  };

  // Runs `work`; whatever step fails has already reported itself, and the draft stays for a resume.
  const guarded = async (work: (ctx: PublishContext) => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work(await context());
    } catch (e) {
      setFailure(describeError(e));
    } finally {
      setDraft(drafts.load());
      setBusy(false);
    }
  };

  const finish = async (ctx: PublishContext, current: PublishDraft) => {
    const id = await continuePublish(ctx, current);
    setPublished(id);
    await app.refreshModels();
  };

  const publish = () =>
    guarded(async (ctx) => {
      const chosen = file()!;
      let read;
      try {
        read = readPublishForm(form, io()!);
        setFieldErrors({});
      } catch (e) {
        if (!(e instanceof PublishFormError)) throw e;
        setFieldErrors(e.fields);
        throw new PermaNetError('Some fields need attention.');
      }
      const taken = await modelIdByName(ctx.client, ctx.marketplace, read.card.name);
      if (taken !== null) {
        setFieldErrors({ name: `is taken by model #${taken}` });
        throw new PermaNetError('Some fields need attention.');
      }
      setReports({});
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const started = await startPublish(ctx, { name: chosen.name, bytes }, read.card, read.terms);
      setDraft(started);
      // The publisher's own copy serves the relays (and other tabs): kept out of eviction.
      await app.files.used(started.weightsCid, started.sizeBytes);
      app.cache.setPinned(started.weightsCid, true);
      await finish(ctx, started);
    });

  const resume = () =>
    guarded(async (ctx) => {
      const current = draft()!;
      if (!isAddressEqual(current.publisher, ctx.wallet.account.address))
        throw new PermaNetError(`This publish was started by ${current.publisher}: choose that account to resume it.`);
      await finish(ctx, current);
    });

  const discard = () => {
    drafts.clear();
    setDraft(null);
    setReports({});
    setFailure(null);
  };

  const table = (title: string, values: ValueInfo[], testId: string) => (
    <table class="io" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th>name</th>
          <th>type</th>
          <th>shape</th>
        </tr>
      </thead>
      <tbody>
        <For each={values}>
          {(v) => (
            <tr>
              <td>{v.name}</td>
              <td>{v.type}</td>
              <td>{shape(v)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );

  return (
    <section class="publish">
      <h1>Publish a model</h1>
      <p class="lead">
        An ONNX model up to {formatBytes(MAX_MODEL_BYTES)}, checked here in your browser before anything is shared.
      </p>
      <WalletPicker />
      <Show when={published()}>
        {(id) => (
          <p class="status" data-testid="published">
            Published as <A href={`/model/${id()}`}>model #{id().toString()}</A>.
          </p>
        )}
      </Show>
      <Show when={draft()}>
        {(d) => (
          <div class="draft" data-testid="publish-draft">
            <p>
              Publishing <strong>{d().card.name}</strong> ({d().fileName}, {formatBytes(d().sizeBytes)}) is not
              finished.
            </p>
            <div class="row">
              <button
                type="button"
                disabled={busy() || !wallets.wallet()}
                onClick={() => void resume()}
                data-testid="publish-resume"
              >
                Resume
              </button>
              <button type="button" class="quiet" disabled={busy()} onClick={discard} data-testid="publish-discard">
                Discard
              </button>
            </div>
          </div>
        )}
      </Show>
      <Show when={draft() || Object.keys(reports()).length > 0}>
        <PublishSteps reports={reports()} />
      </Show>
      <Show when={failure()}>
        <p class="error" role="alert" data-testid="publish-error">
          {failure()}
        </p>
      </Show>
      <Show when={!draft()}>
        <label class="file">
          ONNX file
          <input
            type="file"
            accept=".onnx,application/octet-stream"
            data-testid="onnx-file"
            onChange={(e) => e.currentTarget.files?.[0] && void check(e.currentTarget.files[0])}
          />
        </label>
        <Show when={checking()}>
          <p class="notice">Checking {file()?.name}…</p>
        </Show>
        <Show when={fileError()}>
          <p class="error" role="alert" data-testid="onnx-error">
            {fileError()}
          </p>
        </Show>
        <Show when={io()}>
          {(model) => (
            <div data-testid="onnx-ok">
              <p class="status">
                {file()!.name} ({formatBytes(file()!.size)}) is an ONNX model onnxruntime loads.
              </p>
              {table('Inputs', model().inputs, 'onnx-inputs')}
              {table('Outputs', model().outputs, 'onnx-outputs')}
              <ModelCardFields
                form={form}
                setForm={setForm}
                errors={fieldErrors()}
                presentations={presentationsFor(model())}
                models={app.models()?.models ?? []}
              />
              <Show when={wallets.wallet()} fallback={<p class="notice">Choose an account above to publish.</p>}>
                <button
                  type="button"
                  class="primary"
                  disabled={busy()}
                  onClick={() => void publish()}
                  data-testid="publish-button"
                >
                  {busy() ? 'Publishing…' : 'Publish'}
                </button>
              </Show>
            </div>
          )}
        </Show>
      </Show>
    </section>
  );
}
