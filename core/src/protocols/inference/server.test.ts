// The provider's side of the inference protocol between two real libp2p nodes on loopback: what one
// IP address may hold in flight is counted by each request's declared length, so small requests
// are served many at once while large ones from the same address are refused past the budget.
import { generateKeyPair } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import { noise } from '@libp2p/noise';
import { webSockets } from '@libp2p/websockets';
import { yamux } from '@libp2p/yamux';
import { createLibp2p, type Libp2p } from 'libp2p';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../inference/model-spec.ts';
import type { Feeds } from '../../inference/tensors.ts';
import { InferenceRefusedError, requestInference } from './client.ts';
import { MAX_INFERENCE_MESSAGE_BYTES } from './constants.ts';
import { handleInference } from './server.ts';

const CID = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const spec = (length: number): ModelSpec => ({
  presentation: 'tensor',
  inputs: [{ name: 'x', type: 'float32', shape: [length] }],
  outputs: [{ name: 'y', type: 'float32', shape: [1] }],
});
const feeds = (length: number): Feeds => ({
  x: { type: 'float32', dims: [length], data: new Float32Array(length).fill(1) },
});
/** About 0.9 of the message limit once encoded as base64 in JSON. */
const LARGE = Math.floor((MAX_INFERENCE_MESSAGE_BYTES * 0.9 * 3) / 16);

let server: Libp2p;
let client: Libp2p;
let inputLength = 4;
/** Runs wait here until released, so that requests are in flight together. */
let gate = Promise.withResolvers<void>();
let running = 0;

const privateKey = await generateKeyPair('Ed25519');
const node = (listen: string[], key?: PrivateKey) =>
  createLibp2p({
    ...(key && { privateKey: key }),
    addresses: { listen },
    transports: [webSockets()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  });

beforeAll(async () => {
  server = await node(['/ip4/127.0.0.1/tcp/0/ws'], privateKey);
  client = await node([]);
  await handleInference(server, {
    modelByWeights: async () => ({ name: 'sum', spec: spec(inputLength) }),
    // The sum of the input, once the gate opens.
    run: async (_cid, _spec, inputs) => {
      running++;
      await gate.promise;
      const sum = (inputs.x.data as Float32Array).reduce((a, b) => a + b, 0);
      return {
        outputs: { y: { type: 'float32', dims: [1], data: new Float32Array([sum]) } },
        computeMs: 0,
        batchSize: 1,
      };
    },
    sign: (bytes) => privateKey.sign(bytes),
    requestsPerSecond: 1000,
    burst: 1000,
    maxMessageBytes: MAX_INFERENCE_MESSAGE_BYTES,
    // Two and a half of the largest requests.
    inFlightBytesPerIp: 2.5 * MAX_INFERENCE_MESSAGE_BYTES,
    maxInboundStreams: 64,
  });
  // Connected before the tests: they load the server, not the first connection's setup.
  await client.dial(server.getMultiaddrs()[0]);
}, 30_000);

afterAll(async () => {
  await client?.stop();
  await server?.stop();
});

const ask = (length: number) =>
  requestInference(client, server.getMultiaddrs()[0], CID, spec(length), feeds(length), {
    signal: AbortSignal.timeout(10_000),
  }).then(
    (answer) => (answer.outputs.y.data as Float32Array)[0],
    (error) => (error instanceof InferenceRefusedError ? error.code : String(error)),
  );

/** Waits until `count` runs have started, or until the answers came without them. */
async function runsStarted(count: number, answers: Promise<unknown>[]) {
  let answered = false;
  void Promise.all(answers).then(() => (answered = true));
  while (running < count && !answered) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('the inference server', () => {
  it('holds twenty small requests from one address at once', async () => {
    inputLength = 4;
    running = 0;
    gate = Promise.withResolvers();
    const answers = Array.from({ length: 20 }, () => ask(4));
    await runsStarted(20, answers);
    gate.resolve();
    expect(await Promise.all(answers)).toEqual(Array(20).fill(4));
  });

  it('refuses a large request past what the address holds, and serves it once that is released', async () => {
    inputLength = LARGE;
    running = 0;
    gate = Promise.withResolvers();
    const held = [ask(LARGE), ask(LARGE)];
    await runsStarted(2, held);
    expect(await ask(LARGE)).toBe('rate-limited');
    gate.resolve();
    expect(await Promise.all(held)).toEqual([LARGE, LARGE]);
    expect(await ask(LARGE)).toBe(LARGE);
  });
});
