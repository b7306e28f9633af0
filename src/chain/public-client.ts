import { createPublicClient, defineChain, http, type PublicClient } from 'viem';
import type { Deployments } from '@permanet/core/chain/deployments';
import { DEV_CHAIN_ID } from '@permanet/core/chain/dev-chain';

/** The configured chain as viem describes chains (wallet libraries build on it too). */
export const chainOf = (deployments: Deployments) =>
  defineChain({
    id: deployments.chainId,
    name: deployments.chainId === DEV_CHAIN_ID ? 'PermaNet dev chain' : `Chain ${deployments.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [deployments.rpcUrl] } },
  });

/** A read-only client for the configured chain; requests time out instead of hanging. */
export function createChainClient(deployments: Deployments): PublicClient {
  return createPublicClient({
    chain: chainOf(deployments),
    transport: http(deployments.rpcUrl, { timeout: 5_000, retryCount: 1 }),
  }) as PublicClient;
}
