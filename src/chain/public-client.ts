import { createPublicClient, defineChain, http, type PublicClient } from 'viem';
import type { Deployments } from './deployments.ts';
import { DEV_CHAIN_ID } from './dev-chain.ts';

/** A read-only client for the configured chain; requests time out instead of hanging. */
export function createChainClient(deployments: Deployments): PublicClient {
  const chain = defineChain({
    id: deployments.chainId,
    name: deployments.chainId === DEV_CHAIN_ID ? 'PermaNet dev chain' : `Chain ${deployments.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [deployments.rpcUrl] } },
  });
  return createPublicClient({ chain, transport: http(deployments.rpcUrl, { timeout: 5_000, retryCount: 1 }) }) as PublicClient;
}
