// The demo models' publication: their cards written as files (for the relay to pin next to the
// weights), and their registration on-chain under the CIDs of those bytes (the relay imports with
// the same options, so the CIDs agree). A provable model also gets its Groth16 verifier deployed
// and registered as its version's prover, with the CIDs of its circuit and proving key (pinned
// with the weights). Already-registered names are skipped.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http, parseEventLogs, type Address, type PublicClient } from 'viem';
import { provableModels, root } from '../../circuits/provable-models.ts';
import { writeAndWait } from '@permanet/core/chain/actions/write-and-wait';
import { modelMarketplaceAbi, verifierFactoryAbi } from '@permanet/core/chain/abi/generated';
import { verifyingKeyOf } from '@permanet/core/proving/verifying-key';
import { registerModel } from '@permanet/core/chain/actions/marketplace/register-model';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import type { Deployments } from '@permanet/core/chain/deployments';
import { modelCardBytes } from '@permanet/core/marketplace/model-card';
import { cidOfBytes } from '@permanet/core/storage/cid-of-bytes';
import { demoModelCard, demoModels } from '../../models/demo-models.ts';

const cardPath = (stateDir: string, name: string) => join(stateDir, 'cards', `${name}.json`);

/** A provable model's circuit (witness .wasm) and proving key, as circuits/setup.ts committed them. */
function provingArtifacts(name: string): { circuit: string; provingKey: string; verificationKey: string } | null {
  const provable = provableModels.find((p) => p.name === name);
  if (!provable) return null;
  const files = JSON.parse(readFileSync(join(root, provable.dir, 'artifacts.json'), 'utf8')).files;
  return {
    circuit: join(root, files.wasm.path),
    provingKey: join(root, files.zkey.path),
    verificationKey: join(root, files.verificationKey.path),
  };
}

/**
 * The files a relay pins for the demo models (of those named in `only`, when given): weights, card and proving
 * artifacts, once the cards are written.
 */
export const demoPinPaths = (stateDir: string, only?: string[]): string[] =>
  demoModels
    .filter((model) => !only || only.includes(model.name))
    .flatMap((model) => {
      const proving = provingArtifacts(model.name);
      return [model.file, cardPath(stateDir, model.name), ...(proving ? [proving.circuit, proving.provingKey] : [])];
    });

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
      .readContract({
        address: marketplace,
        abi: modelMarketplaceAbi,
        functionName: 'modelIdByName',
        args: [model.name],
      })
      .then(
        () => true,
        () => false,
      );
    if (!taken) {
      const { id } = await registerModel(publicClient, wallet, marketplace, {
        name: model.name,
        task: model.task,
        licence: model.licence,
        weightsCid: cid,
        cardCid,
        spec: model.spec,
        sizeBytes: bytes.length,
      });
      const proving = provingArtifacts(model.name);
      if (proving) await registerDemoProver(publicClient, wallet, marketplace, id, proving);
    }
    published.push({ name: model.name, cid, cardCid, bytes: bytes.length });
  }
  return published;
}

/** Makes a provable model's verifier from its verification key and registers it, with its artifacts, as version 0's
 * prover. */
async function registerDemoProver(
  client: PublicClient,
  wallet: ReturnType<typeof createWalletClient>,
  marketplace: Address,
  id: bigint,
  proving: NonNullable<ReturnType<typeof provingArtifacts>>,
) {
  const factory = await client.readContract({
    address: marketplace,
    abi: modelMarketplaceAbi,
    functionName: 'verifierFactory',
  });
  const key = verifyingKeyOf(JSON.parse(readFileSync(proving.verificationKey, 'utf8')));
  const { receipt } = await writeAndWait(client, wallet as never, {
    address: factory,
    abi: verifierFactoryAbi,
    functionName: 'create',
    args: [key],
  });
  const [created] = parseEventLogs({ abi: verifierFactoryAbi, eventName: 'VerifierCreated', logs: receipt.logs });
  const cidOf = async (path: string) => (await cidOfBytes(readFileSync(path))).toString();
  const prover = {
    verifier: created.args.verifier,
    circuitCid: await cidOf(proving.circuit),
    provingKeyCid: await cidOf(proving.provingKey),
    circuitBytes: BigInt(statSync(proving.circuit).size),
    provingKeyBytes: BigInt(statSync(proving.provingKey).size),
  };
  await writeAndWait(client, wallet as never, {
    address: marketplace,
    abi: modelMarketplaceAbi,
    functionName: 'registerProver',
    args: [id, 0, prover],
  });
}
