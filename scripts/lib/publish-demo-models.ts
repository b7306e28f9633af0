// Registers the demo models on-chain under the CID their bytes get (the relay pins the same
// files with the same import options, so the CIDs agree). Already-registered names are skipped.
import { readFile } from 'node:fs/promises';
import { createPublicClient, createWalletClient, http, type PublicClient } from 'viem';
import { modelMarketplaceAbi } from '../../src/chain/abi/generated.ts';
import { registerModel } from '../../src/chain/actions/register-model.ts';
import { devAccount } from '../../src/chain/dev-accounts.ts';
import type { Deployments } from '../../src/chain/deployments.ts';
import { cidOfBytes } from '../../src/storage/cid-of-bytes.ts';
import { demoModels } from '../../models/demo-models.ts';

export async function publishDemoModels(deployments: Deployments) {
  const transport = http(deployments.rpcUrl);
  const publicClient = createPublicClient({ transport }) as PublicClient;
  const wallet = createWalletClient({ account: devAccount(0), transport, chain: undefined });
  const marketplace = deployments.contracts.ModelMarketplace.address;
  const published = [];
  for (const model of demoModels) {
    const bytes = await readFile(model.file);
    const cid = (await cidOfBytes(bytes)).toString();
    const taken = await publicClient
      .readContract({ address: marketplace, abi: modelMarketplaceAbi, functionName: 'modelIdByName', args: [model.name] })
      .then(() => true, () => false);
    if (!taken) {
      await registerModel(publicClient, wallet, marketplace, { name: model.name, task: model.task, weightsCid: cid, spec: model.spec, sizeBytes: bytes.length });
    }
    published.push({ name: model.name, cid, bytes: bytes.length });
  }
  return published;
}
