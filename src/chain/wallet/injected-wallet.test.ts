import { describe, expect, it } from 'vitest';
import type { EIP1193Provider } from 'viem';
import type { Deployments } from '@permanet/core/chain/deployments';
import { devWallet, NotADevChainError } from '@permanet/core/chain/dev-wallet';
import { injectedWallet, NoInjectedWalletError, WrongChainError } from './injected-wallet.ts';

const deployments = (chainId: number): Deployments => ({
  chainId,
  rpcUrl: 'http://127.0.0.1:8545',
  contracts: {
    JoyToken: { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', blockNumber: 1 },
    VerifierFactory: { address: '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9', blockNumber: 1 },
    ModelMarketplace: { address: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', blockNumber: 2 },
    NodeCoordinator: { address: '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0', blockNumber: 3 },
    ProofOfInference: { address: '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9', blockNumber: 4 },
    TldRegistry: { address: '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707', blockNumber: 5 },
    PermaNetDomainRegistry: { address: '0x0165878A594ca255338adfa4d48449f69242Eb8F', blockNumber: 6 },
    PermaNetMarketplaceAdapter: { address: '0x2279B7A0a67DB372996a5FaB50D91eAA73d2eBe6', blockNumber: 7 },
    PermaNetDAORegistry: { address: '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853', blockNumber: 8 },
  },
});

/** A wallet as a browser extension exposes it: the EIP-1193 calls injectedWallet makes. */
const provider = (chainIdHex: string, accounts: string[]) =>
  ({
    request: async ({ method }: { method: string }) => {
      if (method === 'eth_requestAccounts') return accounts;
      if (method === 'eth_chainId') return chainIdHex;
      throw new Error(`unexpected ${method}`);
    },
  }) as unknown as EIP1193Provider;

const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('injectedWallet', () => {
  it('uses the account the wallet shares when it is on the configured chain', async () => {
    const wallet = await injectedWallet(deployments(31337), provider('0x7a69', [alice]));
    expect(wallet.account.address).toBe(alice);
  });

  it('says when there is no wallet, no account, or the wrong chain', async () => {
    await expect(injectedWallet(deployments(31337), undefined)).rejects.toThrow(NoInjectedWalletError);
    await expect(injectedWallet(deployments(31337), provider('0x7a69', []))).rejects.toThrow(
      'the wallet shared no account',
    );
    await expect(injectedWallet(deployments(31337), provider('0x1', [alice]))).rejects.toThrow(WrongChainError);
    await expect(injectedWallet(deployments(31337), provider('0x1', [alice]))).rejects.toThrow(
      'the wallet is on chain 1; switch it to chain 31337',
    );
  });
});

describe('devWallet', () => {
  it('offers the well-known dev keys on the dev chain only', () => {
    expect(devWallet(deployments(31337), 1).account.address).toBe(alice);
    expect(() => devWallet(deployments(1), 1)).toThrow(NotADevChainError);
  });
});
