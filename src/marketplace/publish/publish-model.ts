// Publishing a model: its weights and card go into the page's IPFS store, the relays are asked to
// pin both, and the model is registered on-chain. A relay pins only what a registration names or
// what a registered publisher signed for, so an account that has published before pins first
// (signed) and registers second, and a first-time publisher registers first and pins second.
// The draft is saved after every step; `continuePublish` picks up from whatever it says.
import { importer } from 'ipfs-unixfs-importer';
import type { Libp2p } from '@libp2p/interface';
import { multiaddr } from '@multiformats/multiaddr';
import { peerIdOf } from '@permanet/core/p2p/peer-id-of';
import { toHex, type Address, type PublicClient } from 'viem';
import { awaitRegistration, registerModel } from '@permanet/core/chain/actions/marketplace/register-model';
import { isPublisher } from '@permanet/core/chain/actions/marketplace/is-publisher';
import { describeError } from '@permanet/core/chain/describe-error';
import { TransactionRevertedError } from '@permanet/core/chain/actions/write-and-wait';
import type { ConnectedWallet } from '@permanet/core/chain/dev-wallet';
import { pinnedSomewhere, pinOnRelays } from '../../p2p/pin-on-relays.ts';
import { pinAuthorizationText, type PinAuthorization, type PinGrant } from '@permanet/core/protocols/pin';
import { modelImportOptions } from '@permanet/core/storage/import-options';
import { modelCardBytes, type ModelCard } from '@permanet/core/marketplace/model-card';
import type { PublishDraft, PublishDraftStore, PublishTerms } from './publish-draft.ts';
import { PermaNetError, messageOf } from '@permanet/core/errors/permanet-error';

export type PublishStep = 'store' | 'pin' | 'register';
export type StepReport = { step: PublishStep; state: 'running' | 'done' | 'failed'; detail: string };

export class PublishStepError extends PermaNetError {
  override name = 'PublishStepError';
  readonly step: PublishStep;
  constructor(step: PublishStep, message: string) {
    super(message);
    this.step = step;
  }
}

/** Where blocks are written: the page's IndexedDB store (interface-blockstore's put). */
export interface WritableBlocks {
  put(...args: never[]): unknown;
}

export interface PublishContext {
  client: PublicClient;
  wallet: ConnectedWallet;
  marketplace: Address;
  blockstore: WritableBlocks;
  libp2p: Libp2p;
  relays: string[];
  pinTimeoutMs: number;
  drafts: PublishDraftStore;
  report: (report: StepReport) => void;
}

/** How long a pin signature stays good: long enough for a slow relay, short enough to be harmless. */
const SIGNATURE_LIFETIME_S = 600;

async function importBytes(
  blockstore: WritableBlocks,
  bytes: Uint8Array,
  onBytes: (n: number) => void,
): Promise<string> {
  const counting = {
    put: async (cid: unknown, block: Uint8Array, options?: unknown) => {
      const result = await (blockstore.put as (...a: unknown[]) => Promise<unknown>)(cid, block, options);
      onBytes(block.length);
      return result;
    },
  };
  let root = '';
  for await (const entry of importer([{ content: bytes }], counting as never, modelImportOptions()))
    root = entry.cid.toString();
  return root;
}

/** Step 1: writes the weights and the card into the page's store and saves the draft. */
export async function startPublish(
  ctx: PublishContext,
  file: { name: string; bytes: Uint8Array },
  card: ModelCard,
  terms: PublishTerms,
): Promise<PublishDraft> {
  ctx.report({
    step: 'store',
    state: 'running',
    detail: "Adding the weights and the card to this browser's IPFS store…",
  });
  let written = 0;
  try {
    const weightsCid = await importBytes(ctx.blockstore, file.bytes, (n) => {
      written += n;
      ctx.report({
        step: 'store',
        state: 'running',
        detail: `Added ${Math.min(100, Math.round((100 * written) / file.bytes.length))}% of the weights…`,
      });
    });
    const cardCid = await importBytes(ctx.blockstore, modelCardBytes(card), () => {});
    const draft: PublishDraft = {
      publisher: ctx.wallet.account.address,
      fileName: file.name,
      weightsCid,
      cardCid,
      sizeBytes: file.bytes.length,
      card,
      terms,
      pins: null,
      registration: null,
    };
    ctx.drafts.save(draft);
    ctx.report({ step: 'store', state: 'done', detail: `Weights ${weightsCid}, card ${cardCid}` });
    return draft;
  } catch (error) {
    throw fail(ctx, 'store', `The browser could not store the files: ${messageOf(error)}`);
  }
}

function fail(ctx: PublishContext, step: PublishStep, message: string): PublishStepError {
  ctx.report({ step, state: 'failed', detail: message });
  return new PublishStepError(step, message);
}

async function pin(ctx: PublishContext, draft: PublishDraft, kind: PinAuthorization['kind']): Promise<void> {
  ctx.report({
    step: 'pin',
    state: 'running',
    detail: `Asking ${ctx.relays.length} relay${ctx.relays.length === 1 ? '' : 's'} to pin the weights and the card…`,
  });
  const cids = [draft.weightsCid, draft.cardCid];
  let pins;
  try {
    pins = await pinOnRelays(ctx.libp2p, ctx.relays, cids, {
      auth: kind === 'registered' ? { kind } : await signedGrant(ctx, cids),
      timeoutMs: ctx.pinTimeoutMs,
    });
  } catch (error) {
    throw fail(ctx, 'pin', `Signing the pin request failed: ${messageOf(error)}`);
  }
  draft.pins = pins;
  ctx.drafts.save(draft);
  const summary = pins
    .map((p) =>
      p.ok ? `${shortRelay(p.relay)} pinned ${p.bytes} bytes` : `${shortRelay(p.relay)} refused: ${p.message}`,
    )
    .join('; ');
  if (!pinnedSomewhere(pins))
    throw fail(ctx, 'pin', `No relay pinned the model: ${summary || 'no relay is configured'}`);
  ctx.report({ step: 'pin', state: 'done', detail: summary });
}

/** One signature for the whole pin: these CIDs, on these relays, on this chain, once each. */
async function signedGrant(ctx: PublishContext, cids: string[]): Promise<PinAuthorization> {
  const grant: PinGrant = {
    chainId: await ctx.client.getChainId(),
    relays: ctx.relays.flatMap((relay) => peerIdOf(multiaddr(relay)) ?? []),
    cids,
    nonce: toHex(crypto.getRandomValues(new Uint8Array(16))),
    expires: Math.floor(Date.now() / 1000) + SIGNATURE_LIFETIME_S,
  };
  const signature = await ctx.wallet.signMessage({ account: ctx.wallet.account, message: pinAuthorizationText(grant) });
  return { kind: 'signed', publisher: ctx.wallet.account.address, signature, ...grant };
}

async function register(ctx: PublishContext, draft: PublishDraft): Promise<void> {
  ctx.report({
    step: 'register',
    state: 'running',
    detail: draft.registration ? 'Waiting for the registration sent earlier…' : 'Registering on-chain…',
  });
  try {
    let id: bigint;
    if (draft.registration) {
      id = await awaitRegistration(ctx.client, draft.registration.hash);
    } else {
      const { card, terms } = draft;
      ({ id } = await registerModel(
        ctx.client,
        ctx.wallet,
        ctx.marketplace,
        {
          name: card.name,
          task: card.task,
          licence: card.licence,
          weightsCid: draft.weightsCid,
          cardCid: draft.cardCid,
          spec: card.spec,
          sizeBytes: draft.sizeBytes,
          pricePerUse: BigInt(terms.pricePerUse),
          licencePrice: BigInt(terms.licencePrice),
          derivativeRoyaltyBps: terms.derivativeRoyaltyBps,
          parentId: terms.parentId === null ? null : BigInt(terms.parentId),
        },
        {
          onSent: (hash) => {
            draft.registration = { hash, id: null };
            ctx.drafts.save(draft);
          },
        },
      ));
    }
    draft.registration = { hash: draft.registration!.hash, id: id.toString() };
    ctx.drafts.save(draft);
    ctx.report({ step: 'register', state: 'done', detail: `Registered as model #${id}` });
  } catch (error) {
    // A refused simulation sent nothing; a reverted transaction is forgotten so a retry resends.
    if (draft.registration && draft.registration.id === null && error instanceof TransactionRevertedError) {
      draft.registration = null;
      ctx.drafts.save(draft);
    }
    throw fail(ctx, 'register', describeError(error));
  }
}

/** Runs whatever steps the draft has not finished; returns the model's id and clears the draft. */
export async function continuePublish(ctx: PublishContext, draft: PublishDraft): Promise<bigint> {
  const pinned = () => pinnedSomewhere(draft.pins);
  const registered = () => draft.registration?.id != null;
  if (
    !pinned() &&
    !registered() &&
    draft.registration === null &&
    (await isPublisher(ctx.client, ctx.marketplace, ctx.wallet.account.address))
  )
    await pin(ctx, draft, 'signed');
  if (!registered()) await register(ctx, draft);
  if (!pinned()) await pin(ctx, draft, 'registered');
  ctx.drafts.clear();
  return BigInt(draft.registration!.id!);
}

const shortRelay = (address: string) => `relay …${address.slice(-6)}`;
