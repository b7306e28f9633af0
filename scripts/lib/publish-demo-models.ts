// The demo models' publication: their cards written as files (for the relay to pin next to the
// weights), and their registration on-chain under the CIDs of those bytes (the relay imports with
// the same options, so the CIDs agree). Already-registered names are skipped.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http, type PublicClient } from 'viem';
import { modelMarketplaceAbi } from '../../src/chain/abi/generated.ts';
import { registerModel } from '../../src/chain/actions/marketplace/register-model.ts';
import { devAccount } from '../../src/chain/dev-accounts.ts';
import type { Deployments } from '../../src/chain/deployments.ts';
import { modelCardBytes } from '../../src/marketplace/model-card.ts';
import { cidOfBytes } from '../../src/storage/cid-of-bytes.ts';
import { demoModelCard, demoModels } from '../../models/demo-models.ts';

const cardPath = (stateDir: string, name: string) => join(stateDir, 'cards', `${name}.json`);

/** The files a relay pins for the demo models (of those named in `only`, when given): weights and card, once the cards are written. */
export const demoPinPaths = (stateDir: string, only?: string[]): string[] =>
  demoModels.filter((model) => !only || only.includes(model.name)).flatMap((model) => [model.file, cardPath(stateDir, model.name)]);

/** Writes each demo model's card; returns every file the relay should pin. */
export function demoFilesToPin(stateDir: string): string[] {
  mkdirSync(join(stateDir, 'cards'), { recursive: true });
  for (const model of demoModels) writeFileSync(cardPath(stateDir, model.name), modelCardBytes(demoModelCard(model)));
  return demoPinPaths(stateDir);
}

export async function publishDemoModels(deployments: Deployments, stateDir: string) {
  const transport = http(deployments.rpcUrl);
  const publicClient = createPublicClient({ transport }) as PublicClient;
  const wallet = createWalletClient({ account: devAccount(0), transport, chain: undefined });
  const marketplace = deployments.contracts.ModelMarketplace.address;
  const published = [];
  for (const model of demoModels) {
    const bytes = readFileSync(model.file);
    const cid = (await cidOfBytes(bytes)).toString();
    const cardCid = (await cidOfBytes(readFileSync(cardPath(stateDir, model.name)))).toString();
    const taken = await publicClient
      .readContract({ address: marketplace, abi: modelMarketplaceAbi, functionName: 'modelIdByName', args: [model.name] })
      .then(() => true, () => false);
    if (!taken) {
      await registerModel(publicClient, wallet, marketplace, {
        name: model.name,
        task: model.task,
        licence: model.licence,
        weightsCid: cid,
        cardCid,
        spec: model.spec,
        sizeBytes: bytes.length,
      });
    }
    published.push({ name: model.name, cid, cardCid, bytes: bytes.length });
  }
  return published;
}
