// The prove service on a real relay process and a real chain, with the digit model's registered
// prover: a peer built with the browser's options has a held-out digit proved, and the proof is
// accepted by the verifier contract, with the logits of the int8 model in JS and the commitment to
// the input it sent; a version with no prover, an input out of int8 range or of the wrong length,
// malformed and oversized requests, a queue past its bound and a peer past its rate are refused
// with a code.
import { lpStream } from '@libp2p/utils';
import { multiaddr } from '@multiformats/multiaddr';
import type { Libp2p } from 'libp2p';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as varint from 'uint8-varint';
import { createPublicClient, createWalletClient, http, parseEventLogs, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerOf, startChainAndRelay, type ChainAndRelay } from '../../../scripts/lib/chain-and-relay.ts';
import { demoFilesToPin, publishDemoModels } from '../../../scripts/lib/publish-demo-models.ts';
import { digitSamples, digitsModel } from '../../../scripts/lib/reference.ts';
import { modelMarketplaceAbi, verifierFactoryAbi } from '@permanet/core/chain/abi/generated';
import { modelIdByName } from '@permanet/core/chain/actions/marketplace/model-id-by-name';
import { registerModel } from '@permanet/core/chain/actions/marketplace/register-model';
import { readProver } from '@permanet/core/chain/actions/proving/read-prover';
import { writeAndWait } from '@permanet/core/chain/actions/write-and-wait';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { verifyingKeyOf } from '@permanet/core/proving/verifying-key';
import { isValidProof } from '@permanet/core/chain/actions/proving/is-valid-proof';
import { ProofRefusedError, requestProof } from '@permanet/core/protocols/prove';
import { proofWords } from '@permanet/core/proving/groth16-calldata';
import { inputCommitment } from '@permanet/core/proving/input-commitment';
import { packLogits, readPublicSignals } from '@permanet/core/proving/public-signals';
import { quantizedLogits, quantizeInput, type QuantizedMlp } from '@permanet/core/proving/quantized-mlp';
import { parseProveResponse, PROVE_PROTOCOL } from '@permanet/core/protocols/prove';
import { messageOf } from '@permanet/core/errors/permanet-error';

const cardsDir = mkdtempSync(join(tmpdir(), 'prove-cards-'));
const quantized = JSON.parse(
  readFileSync(new URL('../../../models/digits/digits.quant.json', import.meta.url), 'utf8'),
) as QuantizedMlp;
const digitInput = (i: number) =>
  quantizeInput(
    quantized.inputScale,
    digitSamples[i].pixels.map((v) => v / 255),
  );
let network: ChainAndRelay;
let client: PublicClient;
let digitsId: bigint;
let relayAddr: ReturnType<typeof multiaddr>;
let peer: Libp2p;

const ask = (from: Libp2p, x: number[], salt: bigint, model = digitsId, version = 0) =>
  requestProof(
    from,
    relayAddr,
    { model, version, input: { x, salt: salt.toString() } },
    { signal: AbortSignal.timeout(120_000) },
  );
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error) => (error instanceof ProofRefusedError ? error.code : `${(error as Error).name}: ${messageOf(error)}`),
  );

/** Sends bytes as they are and reads the answer. */
async function raw(bytes: Uint8Array) {
  const stream = await peer.dialProtocol(relayAddr, PROVE_PROTOCOL);
  try {
    const lp = lpStream(stream, { maxDataLength: 1024 * 1024 });
    stream.send(new Uint8Array([...varint.encode(bytes.length), ...bytes]));
    return parseProveResponse(JSON.parse(new TextDecoder().decode((await lp.read()).subarray())));
  } finally {
    await stream.close().catch(() => {});
  }
}

beforeAll(async () => {
  network = await startChainAndRelay({
    // A short queue and a small per-peer bucket, so both limits are reached in a few requests.
    yaml: 'inference: { preload: 0 }\nproving: { max_queue: 1, proofs_per_minute: 1, burst: 3 }\n',
    beforeRelay: async (deployments) => void (await publishDemoModels(deployments, cardsDir)),
    pins: demoFilesToPin(cardsDir),
  });
  client = createPublicClient({ transport: http(network.deployments.rpcUrl) }) as PublicClient;
  digitsId = (await modelIdByName(client, network.deployments.contracts.ModelMarketplace.address, digitsModel.name))!;
  relayAddr = multiaddr(network.relay.multiaddrs[0]);
  peer = await peerOf(network.relay);
}, 180_000);

afterAll(async () => {
  await peer?.stop();
  await network?.stop();
});

describe('the prove service', () => {
  it('proves a digit with the registered prover: the verifier accepts it, with the int8 logits and the commitment to ' +
    'the input sent', async () => {
    const x = digitInput(0);
    const salt = 12345n;
    const answer = await ask(peer, x, salt);
    expect(answer.backend).toBe('snarkjs-cpu');
    expect(answer.proveMs).toBeGreaterThan(0);
    const { commitment, logits } = readPublicSignals(answer.publicSignals);
    expect(logits).toEqual(quantizedLogits(quantized, x));
    expect(commitment).toBe(await inputCommitment(x, salt));
    const signals = answer.publicSignals.map(BigInt);
    expect(
      await isValidProof(
        client,
        network.deployments.contracts.ProofOfInference.address,
        digitsId,
        0,
        proofWords(answer.proof),
        signals,
      ),
    ).toBe(true);
    // The proof is bound to its signals: another logit and the verifier refuses it.
    signals[1] = packLogits(logits.map((y, i) => (i === 0 ? y + 1 : y)))[0];
    expect(
      await isValidProof(
        client,
        network.deployments.contracts.ProofOfInference.address,
        digitsId,
        0,
        proofWords(answer.proof),
        signals,
      ),
    ).toBe(false);
    expect(
      (await fetch(`${network.relay.http}/metrics`).then((r) => r.text())).match(
        /^permanet_proving_proved_total (\d+)$/m,
      )?.[1],
    ).toBe('1');
  }, 120_000);

  it('refuses a version with no prover, an input outside int8, and one of the wrong length', async () => {
    const other = await peerOf(network.relay);
    try {
      expect(await refusal(ask(other, digitInput(1), 1n, digitsId + 1000n))).toBe('unknown-prover');
      const outside = digitInput(1);
      outside[300] = 128;
      expect(await refusal(ask(other, outside, 1n))).toBe('bad-input');
      expect(await refusal(ask(other, digitInput(1).slice(0, 783), 1n))).toBe('bad-input');
    } finally {
      await other.stop();
    }
  }, 120_000);

  it('refuses a prover whose proving key is not for its verifier (a verifier made from another key)', async () => {
    const c = network.deployments.contracts;
    const transport = http(network.deployments.rpcUrl);
    const creator = createWalletClient({ account: devAccount(3), transport, chain: undefined });
    const digits = await readProver(client, c.ModelMarketplace.address, digitsId, 0);
    const { id } = await registerModel(client, creator, c.ModelMarketplace.address, {
      name: 'mismatched-prover',
      task: 'image-classification',
      licence: 'MIT',
      weightsCid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
      cardCid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
      spec: digitsModel.spec,
      sizeBytes: 1,
    });
    // The digit circuit's key with alpha moved: a real verifier, but for proofs of nothing this key makes.
    const key = verifyingKeyOf(
      JSON.parse(readFileSync(new URL('../../../circuits/digits/verification_key.json', import.meta.url), 'utf8')),
    );
    const other = { ...key, alpha: [key.alpha[0], key.alpha[1] + 1n] as const };
    const { receipt } = await writeAndWait(client, creator, {
      address: c.VerifierFactory.address,
      abi: verifierFactoryAbi,
      functionName: 'create',
      args: [other],
    });
    const [created] = parseEventLogs({ abi: verifierFactoryAbi, eventName: 'VerifierCreated', logs: receipt.logs });
    await writeAndWait(client, creator, {
      address: c.ModelMarketplace.address,
      abi: modelMarketplaceAbi,
      functionName: 'registerProver',
      args: [
        id,
        0,
        {
          verifier: created.args.verifier,
          circuitCid: digits!.circuitCid,
          provingKeyCid: digits!.provingKeyCid,
          circuitBytes: BigInt(digits!.circuitBytes),
          provingKeyBytes: BigInt(digits!.provingKeyBytes),
        },
      ],
    });
    const asker = await peerOf(network.relay);
    try {
      const refused = await ask(asker, digitInput(2), 5n, id).catch((error) => error);
      expect(refused).toBeInstanceOf(ProofRefusedError);
      expect(refused).toMatchObject({ code: 'unknown-prover' });
      expect(refused.message).toContain(`is not for the verifier ${created.args.verifier}`);
    } finally {
      await asker.stop();
    }
  }, 60_000);

  it('answers malformed and oversized requests with "malformed"', async () => {
    const text = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    const bad = [
      new TextEncoder().encode('{"type":"prove",'),
      text({ type: 'prove', model: '1', version: 0, input: { x: [1, 2], salt: 'salty' } }),
      text({ type: 'prove', model: '1', version: -1, input: { x: [1], salt: '1' } }),
      text({ type: 'prove', model: 'one', version: 0, input: { x: [1], salt: '1' } }),
      text({ type: 'prove', model: '1', version: 0, input: { x: [1.5], salt: '1' } }),
      text({ type: 'verify' }),
      new Uint8Array(300 * 1024).fill(0x20),
    ];
    for (const bytes of bad) {
      const answer = await raw(bytes);
      expect(answer.ok ? 'ok' : answer.code).toBe('malformed');
    }
  });

  it('answers "busy" past its queue, and "rate-limited" past a peer\'s rate', async () => {
    // One proof runs, one waits (max_queue 1), the third is turned away: a new peer's burst of 3.
    const other = await peerOf(network.relay);
    try {
      const answers = await Promise.all([2, 3, 4].map((i) => refusal(ask(other, digitInput(i), BigInt(i)))));
      expect(answers.sort()).toEqual(['busy', null, null]);
      expect(await refusal(ask(other, digitInput(5), 5n))).toBe('rate-limited');
    } finally {
      await other.stop();
    }
    const status = await fetch(`${network.relay.http}/status`).then((r) => r.json());
    expect(status.proving).toMatchObject({ backend: 'snarkjs-cpu', proved: 3, waiting: 0 });
  }, 180_000);
});
