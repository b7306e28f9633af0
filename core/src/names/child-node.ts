// EIP-137's namehash one level down: the node of `label` under the node `parent`.
import { concat, keccak256, labelhash, type Hex } from 'viem';

export const childNode = (parent: Hex, label: string): Hex => keccak256(concat([parent, labelhash(label)]));
