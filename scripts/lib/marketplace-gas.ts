// Gas of the marketplace's everyday transactions, measured on the dev chain the benchmark starts:
// a creator registers a model, a buyer buys a licence, another prepays and uses it, the creator
// withdraws, and a holder stakes JOY.
import {
  createPublicClient,
  createWalletClient,
  http,
  maxUint256,
  parseEther,
  type Hash,
  type PublicClient,
} from 'viem';
import { joyTokenAbi, modelMarketplaceAbi } from '@permanet/core/chain/abi/generated';
import { registerModel } from '@permanet/core/chain/actions/marketplace/register-model';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import type { Deployments } from '@permanet/core/chain/deployments';
import { digitsModel } from './reference.ts';

export async function measureMarketplaceGas(deployments: Deployments): Promise<Record<string, bigint>> {
  const transport = http(deployments.rpcUrl);
  const publicClient = createPublicClient({ transport }) as PublicClient;
  const [creator, buyer, user] = [1, 2, 3].map((i) =>
    createWalletClient({ account: devAccount(i), transport, chain: undefined }),
  );
  const market = deployments.contracts.ModelMarketplace.address;
  const joy = deployments.contracts.JoyToken.address;
  const gasOf = async (hash: Hash) => (await publicClient.waitForTransactionReceipt({ hash })).gasUsed;
  const send = (
    wallet: typeof creator,
    address: typeof market,
    abi: typeof modelMarketplaceAbi | typeof joyTokenAbi,
    functionName: string,
    args: unknown[],
  ) => wallet.writeContract({ address, abi, functionName, args, chain: null } as never).then(gasOf);

  const { hash } = await registerModel(publicClient, creator, market, {
    name: `gas-probe-${Date.now()}`,
    task: digitsModel.task,
    licence: digitsModel.licence,
    weightsCid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
    cardCid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
    spec: digitsModel.spec,
    sizeBytes: 407_574,
    pricePerUse: parseEther('1'),
    licencePrice: parseEther('10'),
  });
  const id =
    (await publicClient.readContract({ address: market, abi: modelMarketplaceAbi, functionName: 'modelCount' })) - 1n;
  for (const wallet of [buyer, user]) await send(wallet, joy, joyTokenAbi, 'approve', [market, maxUint256]);
  return {
    register: await gasOf(hash),
    buyLicence: await send(buyer, market, modelMarketplaceAbi, 'buyLicence', [id, parseEther('10')]),
    deposit: await send(user, market, modelMarketplaceAbi, 'deposit', [parseEther('5')]),
    use: await send(user, market, modelMarketplaceAbi, 'useModel', [id, parseEther('1')]),
    withdraw: await send(creator, market, modelMarketplaceAbi, 'withdrawEarnings', []),
    stake: await send(user, joy, joyTokenAbi, 'stake', [parseEther('100')]),
  };
}
