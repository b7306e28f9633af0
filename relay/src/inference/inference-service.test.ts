// The inference service on a real relay process and a real chain: a peer built with the browser's
// options runs the digit model on held-out samples and gets what onnxruntime-node gives, with the
// canonical hash and a signature by the relay's key; concurrent requests share batched runs;
// unknown models, wrong shapes, malformed and oversized messages and floods are refused with a code.
import { lpStream } from '@libp2p/utils';
import * as varint from 'uint8-varint';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import type { Libp2p } from 'libp2p';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromString as base64ToBytes } from 'uint8arrays';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerOf, startChainAndRelay, type ChainAndRelay } from '../../../scripts/lib/chain-and-relay.ts';
import { demoFilesToPin, publishDemoModels } from '../../../scripts/lib/publish-demo-models.ts';
import { digitFeeds, digitSamples, digitsModel, fileCid, referenceDigits } from '../../../scripts/lib/reference.ts';
import { canonicalHash } from '@permanet/core/inference/canonical-output';
import { inputHash } from '@permanet/core/inference/input-hash';
import type { Feeds } from '@permanet/core/inference/tensors';
import { requestInference } from '@permanet/core/protocols/inference';
import {
  encodeFeeds,
  INFERENCE_PROTOCOL,
  inferenceSignedText,
  parseInferenceResponse,
  type InferenceResponse,
} from '@permanet/core/protocols/inference';

// The demo cards are written here, where publishDemoModels reads them back.
const cardsDir = mkdtempSync(join(tmpdir(), 'inference-cards-'));
let network: ChainAndRelay;
let peer: Libp2p;
const digitsCid = async () => await fileCid(digitsModel.file);

/** Sends `bytes` as they are (a length prefix is the caller's business) and reads the answer. */
async function rawBytes(bytes: Uint8Array): Promise<InferenceResponse> {
  const stream = await peer.dialProtocol(multiaddr(network.relay.multiaddrs[0]), INFERENCE_PROTOCOL);
  try {
    const lp = lpStream(stream, { maxDataLength: 4 * 1024 * 1024 });
    stream.send(bytes);
    return parseInferenceResponse(JSON.parse(new TextDecoder().decode((await lp.read()).subarray())));
  } finally {
    await stream.close().catch(() => {});
  }
}
const raw = (message: Uint8Array) => rawBytes(new Uint8Array([...varint.encode(message.length), ...message]));
const infer = (cid: string, inputs: Feeds) =>
  raw(new TextEncoder().encode(JSON.stringify({ type: 'infer', cid, inputs: encodeFeeds(inputs) })));

beforeAll(async () => {
  network = await startChainAndRelay({
    // A wide batch window so concurrent requests meet; a small bucket so a flood is refused.
    yaml: 'inference: { batch_wait_ms: 30, requests_per_second: 5, burst: 40, preload: 1 }\n',
    beforeRelay: async (deployments) => void (await publishDemoModels(deployments, cardsDir)),
    pins: demoFilesToPin(cardsDir),
  });
  peer = await peerOf(network.relay);
}, 180_000);

afterAll(async () => {
  await peer?.stop();
  await network?.stop();
});

describe('the inference service', () => {
  it('runs the digit model as onnxruntime-node does, hashes the canonical output and signs it', async () => {
    const cid = await digitsCid();
    const answer = await infer(cid, digitFeeds(0));
    if (!answer.ok) throw new Error(answer.message);
    const expected = (await referenceDigits(digitSamples[0].pixels)).probabilities;
    for (const [i, v] of Array.from(answer.outputs.probabilities.data as Float32Array).entries()) {
      expect(Math.abs(v - expected[i])).toBeLessThan(1e-6);
    }
    expect(answer.outputHash).toBe(canonicalHash(answer.outputs, digitsModel.spec));
    expect(answer.peer).toBe(network.relay.peerId);
    const signed = new TextEncoder().encode(inferenceSignedText(cid, inputHash(digitFeeds(0)), answer.outputHash));
    const key = peerIdFromString(answer.peer).publicKey!;
    expect(await key.verify(signed, base64ToBytes(answer.signature, 'base64'))).toBe(true);
    expect(
      await key.verify(
        new TextEncoder().encode(inferenceSignedText(cid, inputHash(digitFeeds(1)), answer.outputHash)),
        base64ToBytes(answer.signature, 'base64'),
      ),
    ).toBe(false);
    expect(answer.computeMs).toBeGreaterThan(0);
    // The client the app uses checks the same hash and signature itself.
    const checked = await requestInference(
      peer,
      multiaddr(network.relay.multiaddrs[0]),
      cid,
      digitsModel.spec,
      digitFeeds(2),
    );
    expect(checked.outputHash).toBe(canonicalHash(checked.outputs, digitsModel.spec));
    expect(checked.roundTripMs).toBeGreaterThanOrEqual(checked.computeMs);
  });

  it('batches concurrent requests into shared runs, each answer its own', async () => {
    const cid = await digitsCid();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => infer(cid, digitFeeds(i))));
    expect(Math.max(...answers.map((a) => (a.ok ? a.batchSize : 0)))).toBeGreaterThan(1);
    for (const [i, answer] of answers.entries()) {
      if (!answer.ok) throw new Error(answer.message);
      const expected = (await referenceDigits(digitSamples[i].pixels)).probabilities;
      for (const [j, v] of Array.from(answer.outputs.probabilities.data as Float32Array).entries()) {
        expect(Math.abs(v - expected[j])).toBeLessThan(1e-6);
      }
    }
  });

  it('refuses unknown models, wrong shapes, malformed and oversized messages, and floods, with a code', async () => {
    const cid = await digitsCid();
    expect(await infer('bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', digitFeeds(0))).toEqual({
      ok: false,
      code: 'unknown-model',
      message: 'no listed model has the weights bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
    });
    const wrong = await infer(cid, { pixels: { type: 'float32', dims: [1, 10], data: new Float32Array(10) } });
    expect(wrong).toMatchObject({ ok: false, code: 'bad-input' });
    expect(wrong.ok ? '' : wrong.message).toContain('pixels: expected shape [batch, 784], got [1, 10]');
    expect(await raw(new TextEncoder().encode('{"type":"infer","cid":"x"'))).toEqual({
      ok: false,
      code: 'malformed',
      message: 'the message is not UTF-8 JSON',
    });
    expect(
      await raw(
        new TextEncoder().encode(
          JSON.stringify({ type: 'infer', cid, inputs: { pixels: { type: 'float32', dims: [1, 784], data: 'AAAA' } } }),
        ),
      ),
    ).toMatchObject({ code: 'malformed', message: 'inputs.pixels: dims [1, 784] need 3136 bytes of float32, got 3' });
    // A message announced as 2 MiB is refused on its length prefix, before its bytes are read.
    expect(await rawBytes(new Uint8Array([...varint.encode(2 * 1024 * 1024), 32, 32]))).toEqual({
      ok: false,
      code: 'malformed',
      message: `a message over ${1024 * 1024} bytes was refused`,
    });
    const flood = await Promise.all(Array.from({ length: 50 }, () => infer(cid, digitFeeds(0))));
    expect(flood.filter((a) => !a.ok && a.code === 'rate-limited').length).toBeGreaterThan(0);
    expect(flood.filter((a) => a.ok).length).toBeGreaterThan(0);
    // The counters a scraper reads on the loopback port.
    const metrics = await (await fetch(`${network.relay.http}/metrics`)).text();
    expect(Number(/^permanet_inference_served_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(10);
    expect(Number(/^permanet_inference_refused_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(6);
    expect(metrics).toMatch(/^permanet_inference_sessions 1$/m);
  });
});
