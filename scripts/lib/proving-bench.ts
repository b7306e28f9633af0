// The zero-knowledge rows of the benchmark, for the digit model's circuit:
//   - proving in the Chromium page's worker (the model page's "Prove", artifacts already fetched)
//     and by the relay's prove service (its snarkjs CPU prover), each ÷ its own witness time
//   - gas: checking a proof on-chain (isValidProof, a view), opening and settling a proof task
//   - the sizes of what a browser downloads to prove
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { multiaddr } from '@multiformats/multiaddr';
import type { Page } from 'playwright-core';
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  maxUint256,
  toHex,
  type PublicClient,
  zeroAddress,
} from 'viem';
import { provableModels, root } from '../../circuits/provable-models.ts';
import { proofOfInferenceAbi } from '@permanet/core/chain/abi/generated';
import { writeAndWait } from '@permanet/core/chain/actions/write-and-wait';
import type { Deployments } from '@permanet/core/chain/deployments';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { requestProof } from '@permanet/core/protocols/prove';
import { proofWords, type Groth16Proof } from '@permanet/core/proving/groth16-calldata';
import { quantizeInput, type QuantizedMlp } from '@permanet/core/proving/quantized-mlp';
import type { RelayStatus } from '../../relay/src/relay-status.ts';
import { peerOf } from './chain-and-relay.ts';
import { digitSamples } from './reference.ts';

const digits = provableModels.find((m) => m.name === 'permanet-digits')!;
const record = JSON.parse(readFileSync(join(root, digits.dir, 'artifacts.json'), 'utf8'));
const file = (name: string) => join(root, record.files[name].path as string);
const quantized = JSON.parse(readFileSync(join(root, digits.quantized), 'utf8')) as QuantizedMlp;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function provingArtifactSizes() {
  const wasm = readFileSync(file('wasm'));
  return {
    constraints: record.constraints as number,
    wasm: wasm.length,
    wasmGzip: gzipSync(wasm).length,
    zkey: readFileSync(file('zkey')).length,
  };
}

/**
 * Proofs the relay makes for a peer over /permanet/prove/1.0.0 (its snarkjs CPU prover): the
 * relay's own witness and proof times and the round trip the peer sees, medians of `runs` after a
 * warm-up. Each proof comes from a new peer, as from different tabs: one peer would meet the
 * relay's per-peer rate limit.
 */
export async function relayProving(relay: RelayStatus, modelId: bigint, runs: number) {
  const witnessMs: number[] = [];
  const proveMs: number[] = [];
  const roundTripMs: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const x = quantizeInput(
      quantized.inputScale,
      digitSamples[i % digitSamples.length].pixels.map((v) => v / 255),
    );
    const peer = await peerOf(relay);
    try {
      const started = performance.now();
      const answer = await requestProof(
        peer,
        multiaddr(relay.multiaddrs[0]),
        { model: modelId, version: 0, input: { x, salt: String(i + 1) } },
        { signal: AbortSignal.timeout(120_000) },
      );
      if (i === 0) continue; // warm-up: the relay reads the artifacts, builds the curve
      roundTripMs.push(performance.now() - started);
      witnessMs.push(answer.witnessMs);
      proveMs.push(answer.proveMs);
    } finally {
      await peer.stop();
    }
  }
  return { witnessMs: median(witnessMs), proveMs: median(proveMs), roundTripMs: median(roundTripMs) };
}

/**
 * Proofs in the page (on the digits model page, after a local run): the first fetches the circuit
 * and key; then `runs` more, timed by the worker. Returns the medians, and the proof of the last.
 */
export async function pageProving(page: Page, runs: number) {
  const panel = page.getByTestId('prove');
  await panel.locator('summary').click();
  const witnessMs: number[] = [];
  const proveMs: number[] = [];
  let proof: { proof: Groth16Proof; publicSignals: string[] } | null = null;
  for (let i = 0; i < runs + 1; i++) {
    await panel.getByTestId('prove-start').click();
    const done = panel.locator('[data-testid=proof], [data-testid=prove-message].error');
    await done.first().waitFor({ timeout: 180_000 });
    const result = panel.getByTestId('proof');
    if (!(await result.isVisible()))
      throw new Error(`proving in the page failed: ${await panel.getByTestId('prove-message').innerText()}`);
    proof = JSON.parse((await result.getAttribute('data-proof'))!);
    if (i === 0) continue; // the first proof fetched the artifacts and started the worker
    witnessMs.push(Number(await result.getAttribute('data-witness-ms')));
    proveMs.push(Number(await result.getAttribute('data-prove-ms')));
  }
  return { witnessMs: median(witnessMs), proveMs: median(proveMs), proof: proof! };
}

/**
 * Gas, on the dev chain's deployment: checking `proof` with isValidProof (as a transaction would
 * pay it), and a proof task opened for its commitment and settled with it (dev account 1; the
 * digit model is free, so nothing needs approving).
 */
export async function provingGas(
  deployments: Deployments,
  modelId: bigint,
  proof: { proof: Groth16Proof; publicSignals: string[] },
) {
  const transport = http(deployments.rpcUrl);
  const client = createPublicClient({ transport }) as PublicClient;
  const wallet = createWalletClient({ account: devAccount(1), transport, chain: undefined });
  const poi = { address: deployments.contracts.ProofOfInference.address, abi: proofOfInferenceAbi } as const;
  const words = proofWords(proof.proof);
  const signals = proof.publicSignals.map(BigInt);
  // A view has no estimateContractGas; the same call data is estimated as a plain call.
  const verify = await client.estimateGas({
    to: poi.address,
    data: encodeFunctionData({ abi: poi.abi, functionName: 'isValidProof', args: [modelId, 0, words, signals] }),
  });
  const created = await writeAndWait<bigint>(client, wallet, {
    ...poi,
    functionName: 'createProofTask',
    args: [modelId, 0, toHex(signals[0], { size: 32 }), 0n, maxUint256, zeroAddress],
  });
  const settled = await writeAndWait(client, wallet, {
    ...poi,
    functionName: 'settleWithProof',
    args: [created.result, words, signals],
  });
  return { verify, create: created.receipt.gasUsed, settle: settled.receipt.gasUsed };
}
