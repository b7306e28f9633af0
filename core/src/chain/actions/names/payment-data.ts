// The data of a JOY `transferAndCall` (ERC-1363) to the domain registry, so a registration or a
// renewal is paid and made in one transaction with no allowance: the Registration itself, or
// (node, years) in 64 bytes. Encoded from the registry's ABI, so the two cannot drift apart.
import { encodeAbiParameters, getAbiItem, type Hex } from 'viem';
import { permaNetDomainRegistryAbi } from '../../abi/generated.ts';

const registerInputs = getAbiItem({ abi: permaNetDomainRegistryAbi, name: 'register' }).inputs;

export type Registration = Parameters<typeof encodeAbiParameters<typeof registerInputs>>[1][0];

export const registrationData = (registration: Registration): Hex =>
  encodeAbiParameters(registerInputs, [registration]);

export const renewalData = (node: Hex, yearCount: number): Hex =>
  encodeAbiParameters([{ type: 'bytes32' }, { type: 'uint32' }], [node, yearCount]);
