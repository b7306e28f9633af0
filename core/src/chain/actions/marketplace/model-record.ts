// A model as the marketplace lists it (its terms and latest version), with its spec parsed. A
// malformed spec is kept as an error on the record, so one bad listing does not hide the others.
import type { Address } from 'viem';
import { parseModelSpec, type ModelSpec } from '../../../inference/model-spec.ts';
import { messageOf } from '../../../errors/permanet-error.ts';

export interface ModelRecord {
  id: bigint;
  creator: Address;
  name: string;
  task: string;
  licence: string;
  /** The model this one derives from, if any. */
  parentId: bigint | null;
  pricePerUse: bigint;
  licencePrice: bigint;
  /** The share of a derivative's revenue this model's creator receives, in basis points. */
  derivativeRoyaltyBps: number;
  listed: boolean;
  uses: number;
  versionCount: number;
  /** Of the latest version: */
  weightsCid: string;
  cardCid: string;
  spec: ModelSpec | null;
  specError: string | null;
  sizeBytes: number;
  registeredAt: Date;
}

/** IModelMarketplace.Listing as viem decodes it. */
export interface RawListing {
  id: bigint;
  model: {
    creator: Address;
    name: string;
    task: string;
    licence: string;
    parentIdPlusOne: bigint;
    pricePerUse: bigint;
    licencePrice: bigint;
    derivativeRoyaltyBps: number;
    listed: boolean;
    registeredAt: bigint;
    uses: bigint;
    versionCount: number;
  };
  latest: { weightsCid: string; cardCid: string; spec: string; sizeBytes: bigint };
}

export function toModelRecord({ id, model, latest }: RawListing): ModelRecord {
  let spec: ModelSpec | null = null;
  let specError: string | null = null;
  try {
    spec = parseModelSpec(latest.spec);
  } catch (error) {
    specError = messageOf(error);
  }
  return {
    id,
    creator: model.creator,
    name: model.name,
    task: model.task,
    licence: model.licence,
    parentId: model.parentIdPlusOne === 0n ? null : model.parentIdPlusOne - 1n,
    pricePerUse: model.pricePerUse,
    licencePrice: model.licencePrice,
    derivativeRoyaltyBps: model.derivativeRoyaltyBps,
    listed: model.listed,
    uses: Number(model.uses),
    versionCount: model.versionCount,
    weightsCid: latest.weightsCid,
    cardCid: latest.cardCid,
    spec,
    specError,
    sizeBytes: Number(latest.sizeBytes),
    registeredAt: new Date(Number(model.registeredAt) * 1000),
  };
}
