import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { isValidProof } from '@permanet/core/chain/actions/proving/is-valid-proof';
import { readProver, type ProverRecord } from '@permanet/core/chain/actions/proving/read-prover';
import { submitProof, type SubmittedProof } from '@permanet/core/chain/actions/proving/submit-proof';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import type { Feeds } from '@permanet/core/inference/tensors';
import { proofWords } from '@permanet/core/proving/groth16-calldata';
import type { ProveResult } from '@permanet/core/proving/prover-protocol';
import { FIELD_ORDER, readPublicSignals } from '@permanet/core/proving/public-signals';
import { argmax, quantizeInput } from '@permanet/core/proving/quantized-mlp';
import { requestProof } from '@permanet/core/protocols/prove';
import { multiaddr } from '@multiformats/multiaddr';
import { formatBytes, formatMs, peerTail, shortHex } from '../format.ts';
import { useAppState } from '../state/app-state.tsx';
import { createChainAction } from '../state/chain-action.ts';
import { useWallet } from '../state/wallet.tsx';
import { ActionMessage } from './ActionMessage.tsx';
import { WalletPicker } from './WalletPicker.tsx';

/** A secret salt for the input's commitment: 31 random bytes, below the field's order. */
function randomSalt(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(31));
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n) % FIELD_ORDER;
}

/** The tab proves, or a relay (by its address) proves for it. */
const IN_THIS_TAB = 'tab';

/**
 * "Prove": for a model version with a Groth16 prover, the input last run here is proved in a web
 * worker in this tab (the circuit and proving key come from peers, like weights, and stay in this
 * browser), or by a relay this tab asks (for a phone that should not spend its battery); then
 * "Verify on-chain" asks the verifier for free, and "Submit" settles a proof task with it.
 */
export function ProveRun(props: { model: ModelRecord; lastInput: Feeds | null }): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const version = () => props.model.versionCount - 1;
  // Read only for models whose spec says they have an int8 version; a failed read hides the panel.
  const [prover] = createResource(
    () =>
      props.model.spec?.proof && app.chain() ? { chain: app.chain()!, id: props.model.id, version: version() } : null,
    ({ chain, id, version }) => readProver(chain.client, chain.marketplace, id, version),
  );
  const record = () => (prover.error ? null : prover());
  const [stage, setStage] = createSignal<{ name: string; fraction: number | null } | null>(null);
  const [proved, setProved] = createSignal<(ProveResult & { totalMs: number; by: string }) | null>(null);
  const provedInMs = () => proved()!.witnessMs + proved()!.proveMs;
  const [where, setWhere] = createSignal(IN_THIS_TAB);
  const connectedRelays = () => app.relays().filter((r) => r.state === 'connected');
  const [valid, setValid] = createSignal<boolean | null>(null);
  const [submitted, setSubmitted] = createSignal<SubmittedProof | null>(null);
  const { busy, message, run } = createChainAction();
  let artifacts: { circuit: Uint8Array; provingKey: Uint8Array } | null = null;

  /** In this tab's worker: the artifacts are fetched once, then kept for the next proof. */
  const proveHere = async (p: ProverRecord, x: number[], salt: bigint) => {
    if (!artifacts) {
      // Kept in the model cache like weights: counted against its limit, evicted least recently
      // used first, and offered to other tabs.
      const fetch = async (cid: string, totalBytes: number, name: string) => {
        setStage({ name: `fetching the ${name}`, fraction: 0 });
        const file = await app.files.use(cid, {
          totalBytes,
          label: `${props.model.name} ${name}`,
          onProgress: (received, total) => setStage({ name: `fetching the ${name}`, fraction: received / total }),
        });
        return file.bytes;
      };
      artifacts = {
        circuit: await fetch(p.circuitCid, p.circuitBytes, 'circuit'),
        provingKey: await fetch(p.provingKeyCid, p.provingKeyBytes, 'proving key'),
      };
    }
    const client = await app.prover();
    const result = await client.prove(
      { id: `${p.circuitCid} ${p.provingKeyCid}`, ...artifacts },
      { x, salt: salt.toString() },
      (s) =>
        setStage({ name: s.name === 'witness' ? 'computing the witness' : `proving: ${s.name}`, fraction: s.fraction }),
    );
    return { ...result, by: 'this tab' };
  };

  /** By a relay: it sees the input, and its proof is checked to commit to exactly that input. */
  const proveOnRelay = async (address: string, x: number[], salt: bigint) => {
    setStage({ name: 'proving on the relay', fraction: null });
    const node = await app.browserNode();
    const result = await requestProof(
      node.libp2p,
      multiaddr(address),
      { model: props.model.id, version: version(), input: { x, salt: salt.toString() } },
      { signal: AbortSignal.timeout(180_000) },
    );
    // Poseidon is loaded only for this check.
    const { checkCommitment } = await import('../../proving/check-commitment.ts');
    await checkCommitment(result.publicSignals, x, salt);
    return { ...result, by: `a relay (${result.backend}, waited ${formatMs(result.queuedMs)})` };
  };

  const prove = () => {
    setProved(null);
    setValid(null);
    setSubmitted(null);
    void run('Proof', async () => {
      const started = performance.now();
      const input = Object.values(props.lastInput!)[0].data as ArrayLike<number>;
      const x = quantizeInput(props.model.spec!.proof!.inputScale, input);
      const salt = randomSalt();
      const result =
        where() === IN_THIS_TAB ? await proveHere(record()!, x, salt) : await proveOnRelay(where(), x, salt);
      setStage(null);
      setProved({ ...result, totalMs: performance.now() - started });
    });
  };

  const words = () => proofWords(proved()!.proof);
  const signals = () => proved()!.publicSignals.map(BigInt);
  const output = () => (proved() ? readPublicSignals(proved()!.publicSignals) : null);

  const verify = () =>
    void run('Verification', async () => {
      const chain = app.chain()!;
      setValid(await isValidProof(chain.client, chain.proofOfInference, props.model.id, version(), words(), signals()));
    });
  const submit = () =>
    void run('Submission', async () => {
      const chain = app.chain()!;
      setSubmitted(
        await submitProof(
          chain.client,
          wallets.wallet()!,
          chain,
          { id: props.model.id, version: version() },
          { words: words(), publicSignals: signals() },
        ),
      );
    });

  return (
    <Show when={record()}>
      {(p) => (
        <details class="prove-run" data-testid="prove">
          <summary>Prove this run (zero knowledge)</summary>
          <p class="hint">
            Makes a Groth16 proof that this model's int8 version gives these outputs for your input; the input stays
            private behind a commitment. Proving in this tab needs the circuit ({formatBytes(p().circuitBytes)}) and the
            proving key ({formatBytes(p().provingKeyBytes)}), fetched from peers once and kept in this browser. A relay
            proves with nothing to download, but it sees your input.
          </p>
          <div class="row">
            <label>
              Prove in{' '}
              <select value={where()} onChange={(e) => setWhere(e.currentTarget.value)} data-testid="prove-where">
                <option value={IN_THIS_TAB}>this tab</option>
                <For each={connectedRelays()}>
                  {(r) => (
                    <option value={r.address}>{`a relay, ${peerTail(r.address.split('/').pop() ?? r.address)}`}</option>
                  )}
                </For>
              </select>
            </label>
            <button type="button" disabled={busy() || !props.lastInput} onClick={prove} data-testid="prove-start">
              Prove
            </button>
            <Show when={proved()}>
              <button type="button" disabled={busy()} onClick={verify} data-testid="prove-verify">
                Verify on-chain
              </button>
              <button type="button" disabled={busy() || !wallets.wallet()} onClick={submit} data-testid="prove-submit">
                Submit
              </button>
            </Show>
          </div>
          <Show when={!props.lastInput}>
            <p class="notice">Run the model here once first: that input is what gets proved.</p>
          </Show>
          <Show when={stage()}>
            {(s) => (
              <p class="status" data-testid="prove-progress" data-stage={s().name}>
                {s().fraction === null ? <progress /> : <progress max={1} value={s().fraction!} />} {s().name}
              </p>
            )}
          </Show>
          <ActionMessage message={message()} testId="prove-message" />
          <Show when={proved() && output()}>
            {(o) => (
              <div
                class="proof"
                data-testid="proof"
                data-class={argmax(o().logits)}
                data-commitment={o().commitment.toString()}
                data-prove-ms={proved()!.proveMs}
                data-witness-ms={proved()!.witnessMs}
                data-by={proved()!.by}
                data-proof={JSON.stringify({ proof: proved()!.proof, publicSignals: proved()!.publicSignals })}
              >
                <p class="status">
                  Proved by {proved()!.by}: class{' '}
                  <strong>{props.model.spec?.labels?.[argmax(o().logits)] ?? argmax(o().logits)}</strong> in{' '}
                  {formatMs(provedInMs())} (witness {formatMs(proved()!.witnessMs)}, proof {formatMs(proved()!.proveMs)}
                  ); input commitment {shortHex(`0x${o().commitment.toString(16)}`)}.
                </p>
                <ol class="logits" data-testid="proof-logits">
                  <For each={o().logits}>{(logit) => <li>{logit}</li>}</For>
                </ol>
              </div>
            )}
          </Show>
          <Show when={valid() !== null}>
            <p class={valid() ? 'status' : 'error'} data-testid="proof-valid" data-valid={valid()}>
              {valid()
                ? 'The verifier contract accepts this proof (a view call: nothing was paid).'
                : 'The verifier contract rejects this proof.'}
            </p>
          </Show>
          <WalletPicker />
          <Show when={submitted()}>
            {(t) => (
              <p
                class="status"
                data-testid="proof-task"
                data-task={t().taskId.toString()}
                data-settle-gas={t().gas.settle.toString()}
              >
                Task #{t().taskId.toString()} settled by this proof with no vote (gas: open{' '}
                {t().gas.create.toLocaleString('en')}, settle {t().gas.settle.toLocaleString('en')}); result{' '}
                {shortHex(t().result)}.
              </p>
            )}
          </Show>
        </details>
      )}
    </Show>
  );
}
