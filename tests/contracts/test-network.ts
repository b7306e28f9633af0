// The contract tests' deployment: the one deployment (deployPermaNet) on Hardhat's in-process chain
// with the test's parameters, and each party's view of the contracts (its own wallet).
import type { network } from 'hardhat';
import { parseEther } from 'viem';
import {
  deployPermaNet,
  deployTldDao,
  type DaoSettings,
  type DeployParameters,
  PRODUCTION,
} from '../../contracts/deploy.ts';

type Viem = Awaited<ReturnType<typeof network.create>>['viem'];
type Wallet = Awaited<ReturnType<Viem['getWalletClients']>>[number];

export async function deployTestNetwork(viem: Viem, parameters: Partial<DeployParameters>) {
  const [admin] = await viem.getWalletClients();
  const contracts = await deployPermaNet(admin, await viem.getPublicClient(), { ...PRODUCTION, ...parameters });
  /** The contracts as `wallet` sends to them (the admin's when none is given). */
  const as = async (wallet: Wallet = admin) => {
    const options = { client: { wallet } };
    return {
      account: wallet.account,
      address: wallet.account.address,
      joy: await viem.getContractAt('JoyToken', contracts.JoyToken.address, options),
      market: await viem.getContractAt('ModelMarketplace', contracts.ModelMarketplace.address, options),
      coordinator: await viem.getContractAt('NodeCoordinator', contracts.NodeCoordinator.address, options),
      poi: await viem.getContractAt('ProofOfInference', contracts.ProofOfInference.address, options),
      tlds: await viem.getContractAt('TldRegistry', contracts.TldRegistry.address, options),
      names: await viem.getContractAt('PermaNetDomainRegistry', contracts.PermaNetDomainRegistry.address, options),
      daos: await viem.getContractAt('PermaNetDAORegistry', contracts.PermaNetDAORegistry.address, options),
      models: await viem.getContractAt(
        'PermaNetMarketplaceAdapter',
        contracts.PermaNetMarketplaceAdapter.address,
        options,
      ),
    };
  };
  /** A TLD governed by a DAO (deployTldDao), made by the admin. */
  const dao = async (tld: Parameters<typeof deployTldDao>[3], settings: DaoSettings) =>
    deployTldDao(admin, await viem.getPublicClient(), contracts, tld, settings);
  return { ...(await as()), as, dao };
}

/** A TLD policy for tests and gas runs: 5 JOY a year from 5 bytes (1 wei shorter), 1 to 10 years,
 * no grace period, model links allowed. */
export const cheapPolicy = (needsApproval: boolean) => ({
  yearlyPrice: [1n, 1n, 1n, 1n, parseEther('5')] as const,
  minYears: 1,
  maxYears: 10,
  gracePeriod: 0n,
  needsApproval,
  modelLinks: true,
});

/** A one-version digit model to register, at `pricePerUse`. */
export const digitsRegistration = (pricePerUse: bigint) => ({
  name: 'digits',
  task: 'image-classification',
  licence: 'MIT',
  weightsCid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
  cardCid: 'bafkreidgvpkjawlxz6sffxzwgooowe5yt7i6wsyg236mfoks77nywkptdq',
  spec: '{}',
  sizeBytes: 1n,
  pricePerUse,
  licencePrice: 0n,
  derivativeRoyaltyBps: 0,
  parentIdPlusOne: 0n,
});
