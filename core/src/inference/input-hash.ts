// The hash of a set of input tensors that a task commits to on-chain (the input itself travels
// off-chain): keccak-256 of the inputs in name order, each as its name, type, dims and bytes in
// the wire encoding, so the requester and every provider compute the same value.
import { keccak256, toHex, type Hex } from 'viem';
import { encodeTensor } from '../protocols/inference/codec.ts';
import type { Feeds } from './tensors.ts';

export function inputHash(feeds: Feeds): Hex {
  const ordered = Object.keys(feeds)
    .sort()
    .map((name) => [name, encodeTensor(feeds[name])]);
  return keccak256(toHex(JSON.stringify(ordered)));
}
