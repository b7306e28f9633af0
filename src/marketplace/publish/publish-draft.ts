// A publish in progress, saved after every step so that a closed tab, a relay that is down or a
// refused transaction can be resumed where it stopped. The bytes themselves are in IndexedDB
// from the first step on; the draft holds what is needed to finish: CIDs, card, terms, and
// what each step has done.
import type { Address, Hash } from 'viem';
import type { PinOutcome } from '../../p2p/pin-on-relays.ts';
import type { KeyValueStore } from '../../storage/model-cache.ts';
import type { ModelCard } from '@permanet/core/marketplace/model-card';

export interface PublishTerms {
  /** JOY in wei, as decimal strings (JSON has no bigint). */
  pricePerUse: string;
  licencePrice: string;
  derivativeRoyaltyBps: number;
  parentId: string | null;
}

export interface PublishDraft {
  publisher: Address;
  fileName: string;
  weightsCid: string;
  cardCid: string;
  sizeBytes: number;
  card: ModelCard;
  terms: PublishTerms;
  /** Each relay's answer once pinning has been tried; null before. */
  pins: PinOutcome[] | null;
  /** Set as soon as the registration is sent; `id` once its receipt is read. */
  registration: { hash: Hash; id: string | null } | null;
}

const KEY = 'permanet:publish-draft';

export class PublishDraftStore {
  private readonly store: KeyValueStore & { removeItem(key: string): void };
  constructor(store: KeyValueStore & { removeItem(key: string): void }) {
    this.store = store;
  }

  load(): PublishDraft | null {
    const saved = this.store.getItem(KEY);
    return saved ? (JSON.parse(saved) as PublishDraft) : null;
  }

  save(draft: PublishDraft): void {
    this.store.setItem(KEY, JSON.stringify(draft));
  }

  clear(): void {
    this.store.removeItem(KEY);
  }
}
