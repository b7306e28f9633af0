// A model as the marketplace lists it, with its spec parsed (a malformed spec is kept as an
// error on the record, so one bad listing does not hide the others).
import type { Address } from 'viem';
import { parseModelSpec, type ModelSpec } from '../../inference/model-spec.ts';

export interface ModelRecord {
  id: bigint;
  creator: Address;
  name: string;
  task: string;
  weightsCid: string;
  spec: ModelSpec | null;
  specError: string | null;
  sizeBytes: number;
  registeredAt: Date;
}

export interface RawModel {
  creator: Address;
  name: string;
  task: string;
  weightsCid: string;
  spec: string;
  sizeBytes: bigint;
  registeredAt: bigint;
}

export function toModelRecord(id: bigint, raw: RawModel): ModelRecord {
  let spec: ModelSpec | null = null;
  let specError: string | null = null;
  try {
    spec = parseModelSpec(raw.spec);
  } catch (error) {
    specError = (error as Error).message;
  }
  return {
    id,
    creator: raw.creator,
    name: raw.name,
    task: raw.task,
    weightsCid: raw.weightsCid,
    spec,
    specError,
    sizeBytes: Number(raw.sizeBytes),
    registeredAt: new Date(Number(raw.registeredAt) * 1000),
  };
}
