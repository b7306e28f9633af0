// The pin service as a real relay process on a real dev chain, asked by a libp2p peer built
// with the browser's options: it pins what a registration names or a registered publisher
// signed for, up to its size limit and the publisher's quota, one grant per relay, chain and CID,
// a few at a time, and answers every bad request with a reason.
import { withBitswap } from '@helia/bitswap';
import { withLibp2pLight } from '@helia/libp2p';
import { unixfs } from '@helia/unixfs';
import { lpStream } from '@libp2p/utils';
import { multiaddr } from '@multiformats/multiaddr';
import { MemoryBlockstore } from 'blockstore-core/memory';
import { MemoryDatastore } from 'datastore-core/memory';
import { createHeliaLight } from 'helia';
import { createPublicClient, createWalletClient, http, toHex, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChainAndRelay, type ChainAndRelay } from '../../../scripts/lib/chain-and-relay.ts';
import { dropFromRelay } from '../../../scripts/lib/relay-admin.ts';
import { registerModel } from '@permanet/core/chain/actions/marketplace/register-model';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { browserLibp2pOptions } from '@permanet/core/p2p/browser-libp2p';
import { requestPin } from '@permanet/core/protocols/pin';
import { jsonStream } from '@permanet/core/stream/json-stream';
import {
  parsePinResponse,
  PIN_PROTOCOL,
  pinAuthorizationText,
  type PinGrant,
  type PinRequest,
} from '@permanet/core/protocols/pin';
import { modelImportOptions } from '@permanet/core/storage/import-options';
import type { RelayStatus } from '../relay-status.ts';

const MAX_BYTES = 300_000;
const PUBLISHER_MAX_BYTES = 500_000;
let network: ChainAndRelay;
let relay: RelayStatus;
let peer: Awaited<ReturnType<typeof startPeer>>;
let rpcUrl: string;
let marketplace: `0x${string}`;

async function startPeer(relays: string[]) {
  const node = withBitswap(
    withLibp2pLight(
      createHeliaLight({ blockstore: new MemoryBlockstore(), datastore: new MemoryDatastore() }),
      browserLibp2pOptions(relays),
    ),
  );
  await node.start();
  await node.libp2p.dial(multiaddr(relays[0]));
  return node;
}

/** Bytes the peer holds and nobody has registered. */
const held = async (size: number, seed: number) =>
  (
    await unixfs(peer).addBytes(
      Uint8Array.from({ length: size }, (_, i) => (i * seed) % 251),
      modelImportOptions() as object,
    )
  ).toString();

async function register(name: string, cid: string, sizeBytes: number) {
  const transport = http(rpcUrl);
  await registerModel(
    createPublicClient({ transport }) as PublicClient,
    createWalletClient({ account: devAccount(2), transport, chain: undefined }),
    marketplace,
    {
      name,
      task: 'test',
      licence: 'MIT',
      weightsCid: cid,
      cardCid: cid,
      spec: {
        presentation: 'digit-canvas',
        inputs: [{ name: 'x', type: 'float32', shape: [1] }],
        outputs: [{ name: 'y', type: 'float32', shape: [1] }],
      },
      sizeBytes,
    },
  );
}

const ask = (request: PinRequest) =>
  requestPin(peer.libp2p, multiaddr(relay.multiaddrs[0]), request, { signal: AbortSignal.timeout(30_000) });

async function signed(cid: string, grantChanges: Partial<PinGrant> = {}, signer = devAccount(2)): Promise<PinRequest> {
  const grant: PinGrant = {
    chainId: network.deployments.chainId,
    relays: [relay.peerId],
    cids: [cid],
    nonce: toHex(crypto.getRandomValues(new Uint8Array(16))),
    expires: Math.floor(Date.now() / 1000) + 600,
    ...grantChanges,
  };
  const signature = await signer.signMessage({ message: pinAuthorizationText(grant) });
  return { type: 'pin', cid, auth: { kind: 'signed', publisher: signer.address, signature, ...grant } };
}

beforeAll(async () => {
  // The pin service is configured from the YAML file, as an operator would.
  network = await startChainAndRelay({
    yaml:
      `pin: { max_bytes: ${MAX_BYTES}, timeout_ms: 10000, publisher_max_bytes: ${PUBLISHER_MAX_BYTES}, ` +
      'max_concurrent: 1 }\ninference: { enabled: false }\n',
  });
  relay = network.relay;
  rpcUrl = network.deployments.rpcUrl;
  marketplace = network.deployments.contracts.ModelMarketplace.address;
  peer = await startPeer(relay.multiaddrs);
  // devAccount(2) publishes a model, so its signed requests count.
  await register(`publisher-${Date.now()}`, 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', 1);
}, 120_000);

afterAll(async () => {
  await peer?.stop();
  await network?.stop();
});

describe('the pin service', () => {
  it('refuses content no registration names, then pins it once it is registered', async () => {
    const cid = await held(200_000, 7);
    expect(await ask({ type: 'pin', cid, auth: { kind: 'registered' } })).toEqual({
      ok: false,
      code: 'not-authorized',
      message: `no registration on-chain names ${cid}`,
    });
    await register('pinned-after-registration', cid, 200_000);
    expect(await ask({ type: 'pin', cid, auth: { kind: 'registered' } })).toEqual({ ok: true, cid, bytes: 200_000 });
    // The relay now holds the bytes itself.
    expect((await fetch(`${relay.http}/ipfs/${cid}`)).status).toBe(200);
  });

  it('pins what a registered publisher signed for, before any registration names it', async () => {
    const cid = await held(50_000, 11);
    expect(await ask(await signed(cid))).toEqual({ ok: true, cid, bytes: 50_000 });
  });

  it('refuses a signature by someone who publishes nothing, an expired one and a forged one', async () => {
    const cid = await held(1000, 13);
    const stranger = devAccount(6);
    expect(await ask(await signed(cid, {}, stranger))).toMatchObject({
      ok: false,
      code: 'not-authorized',
      message: `${stranger.address} has registered no model`,
    });
    expect(await ask(await signed(cid, { expires: Math.floor(Date.now() / 1000) - 1 }))).toMatchObject({
      code: 'not-authorized',
      message: 'the signed request has expired',
    });
    const forged = await signed(cid, {}, stranger);
    forged.auth = {
      ...(forged.auth as Extract<PinRequest['auth'], { kind: 'signed' }>),
      publisher: devAccount(2).address,
    };
    expect(await ask(forged)).toMatchObject({
      code: 'not-authorized',
      message: "the signature is not the publisher's",
    });
  });

  it('refuses content over its size limit', async () => {
    const cid = await held(MAX_BYTES + 100_000, 17);
    expect(await ask(await signed(cid))).toEqual({
      ok: false,
      code: 'too-large',
      message: `the content is over this relay's limit of ${MAX_BYTES} bytes`,
    });
  });

  it('answers malformed and oversized messages with a reason', async () => {
    const raw = async (bytes: Uint8Array) => {
      const stream = await peer.libp2p.dialProtocol(multiaddr(relay.multiaddrs[0]), PIN_PROTOCOL);
      await lpStream(stream).write(bytes);
      return parsePinResponse(await jsonStream(stream).read());
    };
    const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    expect(await raw(encode({ type: 'unpin', cid: 'x' }))).toEqual({
      ok: false,
      code: 'malformed',
      message: 'a pin request has type "pin"',
    });
    expect(await raw(encode({ type: 'pin', cid: 'not-a-cid', auth: { kind: 'registered' } }))).toMatchObject({
      code: 'malformed',
      message: 'cid is not a CID: not-a-cid',
    });
    expect(await raw(new Uint8Array([0xff, 0xfe, 0x00]))).toEqual({
      ok: false,
      code: 'malformed',
      message: 'the message is not UTF-8 JSON',
    });
    expect(await raw(new Uint8Array(70_000))).toEqual({
      ok: false,
      code: 'malformed',
      message: 'a message over 65536 bytes was refused',
    });
  });

  it('refuses a grant for another relay, another chain or other CIDs, and one used already', async () => {
    const cid = await held(3000, 19);
    const elsewhere = '12D3KooWAnotherRelayThatIsNotThisOneAtAll1111111111';
    expect(await ask(await signed(cid, { relays: [elsewhere] }))).toMatchObject({
      code: 'not-authorized',
      message: 'the grant does not name this relay',
    });
    expect(await ask(await signed(cid, { chainId: 1 }))).toMatchObject({
      code: 'not-authorized',
      message: `the grant is for chain 1, this relay serves ${network.deployments.chainId}`,
    });
    expect(await ask(await signed(cid, { cids: [await held(10, 3)] }))).toMatchObject({
      code: 'not-authorized',
      message: `the grant does not name ${cid}`,
    });
    // Pinned, asked again: ok at once. Dropped by the operator, the same grant pins it no more.
    const grant = await signed(cid);
    expect(await ask(grant)).toEqual({ ok: true, cid, bytes: 3000 });
    expect(await ask(grant)).toEqual({ ok: true, cid, bytes: 3000 });
    expect((await dropFromRelay(relay, cid)).status).toBe(200);
    expect(await ask(grant)).toMatchObject({
      code: 'not-authorized',
      message: 'this grant has pinned that CID already',
    });
  });

  it("refuses a signed pin past its publisher's quota, and a pin past the concurrency cap", async () => {
    // 50,000 and 3,000 bytes are pinned on this publisher's signature already.
    const first = await held(250_000, 23);
    expect(await ask(await signed(first))).toEqual({ ok: true, cid: first, bytes: 250_000 });
    const second = await held(250_000, 29);
    expect(await ask(await signed(second))).toMatchObject({ ok: false, code: 'over-quota' });

    // Content nobody holds keeps the one fetch slot busy until its timeout.
    const nowhere = 'bafkreie7ohywtosou76tasm7j63yigtzxe7d5zqus4zu3j6oltvgtibeom';
    const waiting = ask({ type: 'pin', cid: nowhere, auth: (await signed(nowhere)).auth });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cid = await held(1000, 31);
    expect(await ask(await signed(cid))).toMatchObject({ ok: false, code: 'busy' });
    expect(await waiting).toMatchObject({ ok: false, code: 'unavailable' });
  }, 30_000);
});
