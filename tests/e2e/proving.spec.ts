// Zero-knowledge proof of inference end to end in Chromium: a digit drawn with the pointer is run, then proved
// in the page's worker with the circuit and key fetched from the relay over bitswap; the proof's
// logits are the int8 reference's, the verifier contract accepts it (a view call), and it settles
// a proof task on the dev chain. The same proof with one public signal changed is rejected by the
// verifier and by ProofOfInference. A tab can instead ask the relay to prove (here for a held-out
// digit), and checks that proof the same way.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createPublicClient, createWalletClient, http, maxUint256, toHex, zeroAddress, type PublicClient } from 'viem';
import { proofOfInferenceAbi } from '@permanet/core/chain/abi/generated';
import { modelIdByName } from '@permanet/core/chain/actions/marketplace/model-id-by-name';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { proofWords, type Groth16Proof } from '@permanet/core/proving/groth16-calldata';
import { packLogits } from '@permanet/core/proving/public-signals';
import { quantizedLogits, quantizeInput, type QuantizedMlp } from '@permanet/core/proving/quantized-mlp';
import { digitSamples, digitsModel } from '../../scripts/lib/reference.ts';
import { drawOne, previewPixels } from './digit-pad.ts';
import { expect, test } from './fixtures.ts';
import { chooseDevAccount } from './marketplace-pages.ts';

const SUBMITTER = 2;
const quantized = JSON.parse(
  readFileSync(new URL('../../models/digits/digits.quant.json', import.meta.url), 'utf8'),
) as QuantizedMlp;

/**
 * Opens the digit model's page, runs a digit (`run` gives it) and opens the Prove panel; returns the panel and the
 * pixels run.
 */
async function runAndOpenProve(page: Page, digitsId: bigint, run: (page: Page) => Promise<void>) {
  await page.goto(`/model/${digitsId}`);
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  await run(page);
  await expect(page.getByTestId('probabilities')).toBeVisible();
  const panel = page.getByTestId('prove');
  await panel.locator('summary').click();
  return { panel, pixels: await previewPixels(page) };
}

const runSample = async (page: Page) => {
  await page.getByTestId('sample-digit').click();
  await expect(page.getByTestId('sample-info')).toContainText('held-out sample 0');
};

/** The int8 reference's logits for pixels (0–255) as the page gives them to the model. */
const referenceLogits = (pixels: number[]) =>
  quantizedLogits(
    quantized,
    quantizeInput(
      quantized.inputScale,
      pixels.map((v) => v / 255),
    ),
  );

test(
  'a digit drawn with the pointer is proved in the browser, verified on-chain and settles a task; a changed signal ' +
    'is rejected',
  async ({ page, stack }) => {
    test.setTimeout(240_000);
    const client = createPublicClient({ transport: http(stack.config.deployments.rpcUrl) }) as PublicClient;
    const poi = {
      address: stack.config.deployments.contracts.ProofOfInference.address,
      abi: proofOfInferenceAbi,
    } as const;
    const digitsId = (await modelIdByName(
      client,
      stack.config.deployments.contracts.ModelMarketplace.address,
      digitsModel.name,
    ))!;

    const { panel, pixels } = await runAndOpenProve(page, digitsId, drawOne);
    // The artifacts' sizes are shown before anything is downloaded.
    await expect(panel).toContainText(/the circuit \(\d+\.\d\d MiB\) and the proving key \(\d+\.\d\d MiB\)/);
    await panel.getByTestId('prove-start').click();
    const proof = panel.getByTestId('proof');
    await expect(proof).toBeVisible({ timeout: 180_000 });
    await expect(panel.getByTestId('prove-message')).toHaveText('Proof: done.');

    // The proved logits are the int8 reference's for the drawn pixels, and its class is the one drawn.
    const expected = referenceLogits(pixels);
    await expect(panel.getByTestId('proof-logits').locator('li')).toHaveText(expected.map(String));
    await expect(proof).toHaveAttribute('data-class', '1');
    const { proof: groth16, publicSignals } = JSON.parse((await proof.getAttribute('data-proof'))!) as {
      proof: Groth16Proof;
      publicSignals: string[];
    };

    await panel.getByTestId('prove-verify').click();
    await expect(panel.getByTestId('proof-valid')).toHaveAttribute('data-valid', 'true');
    // The circuit and key are kept in the model cache, by name, for the next proof.
    const cached = await page.evaluate(() =>
      JSON.parse(localStorage.getItem('permanet:cache:entries') ?? '[]').map(
        (e: { label?: string }) => e.label ?? null,
      ),
    );
    expect(cached).toEqual(expect.arrayContaining(['permanet-digits circuit', 'permanet-digits proving key']));

    await chooseDevAccount(page, SUBMITTER, panel);
    await panel.getByTestId('prove-submit').click();
    const task = panel.getByTestId('proof-task');
    await expect(task).toBeVisible({ timeout: 30_000 });
    const taskId = BigInt((await task.getAttribute('data-task'))!);
    const settled = await client.readContract({ ...poi, functionName: 'getTask', args: [taskId] });
    expect(settled).toMatchObject({ status: 3, k: 0, inputHash: toHex(BigInt(publicSignals[0]), { size: 32 }) });

    // One public signal changed (logit 3): the verifier says no, and ProofOfInference refuses to settle with it.
    const words = proofWords(groth16);
    const forged = [BigInt(publicSignals[0]), ...packLogits(expected.map((y, i) => (i === 3 ? y + 1 : y)))];
    expect(
      await client.readContract({
        ...poi,
        functionName: 'isValidProof',
        args: [digitsId, 0, words, publicSignals.map(BigInt)],
      }),
    ).toBe(true);
    expect(
      await client.readContract({ ...poi, functionName: 'isValidProof', args: [digitsId, 0, words, forged] }),
    ).toBe(false);
    const wallet = createWalletClient({
      account: devAccount(SUBMITTER),
      transport: http(stack.config.deployments.rpcUrl),
      chain: undefined,
    });
    const { request, result: openedId } = await client.simulateContract({
      ...poi,
      account: wallet.account,
      functionName: 'createProofTask',
      args: [digitsId, 0, toHex(forged[0], { size: 32 }), 0n, maxUint256, zeroAddress],
    });
    await client.waitForTransactionReceipt({ hash: await wallet.writeContract(request) });
    await expect(
      client.simulateContract({
        ...poi,
        account: wallet.account,
        functionName: 'settleWithProof',
        args: [openedId, words, forged],
      }),
    ).rejects.toThrow(/InvalidProof/);

    // A second proof of the same run: the worker proves with the artifacts it holds (nothing is sent
    // again); a new salt gives a new commitment to the same input, and the same logits.
    await panel.getByTestId('prove-start').click();
    await expect(panel.getByTestId('prove-message')).toHaveText('Proof: done.', { timeout: 60_000 });
    await expect(proof).toHaveAttribute('data-commitment', /^\d+$/);
    expect(await proof.getAttribute('data-commitment')).not.toBe(BigInt(publicSignals[0]).toString());
    await expect(panel.getByTestId('proof-logits').locator('li')).toHaveText(expected.map(String));
    await panel.getByTestId('prove-verify').click();
    await expect(panel.getByTestId('proof-valid')).toHaveAttribute('data-valid', 'true');
  },
);

test('a tab that would rather not prove asks the relay, and checks its proof on-chain', async ({ page, stack }) => {
  test.setTimeout(180_000);
  const client = createPublicClient({ transport: http(stack.config.deployments.rpcUrl) }) as PublicClient;
  const digitsId = (await modelIdByName(
    client,
    stack.config.deployments.contracts.ModelMarketplace.address,
    digitsModel.name,
  ))!;
  const provedByRelay = async () =>
    (await fetch(`${stack.relay.http}/status`).then((r) => r.json())).proving.proved as number;
  const before = await provedByRelay();

  const { panel, pixels } = await runAndOpenProve(page, digitsId, runSample);
  expect(pixels).toEqual(digitSamples[0].pixels);
  await panel.getByTestId('prove-where').selectOption({ index: 1 });
  await panel.getByTestId('prove-start').click();
  const proof = panel.getByTestId('proof');
  await expect(proof).toBeVisible({ timeout: 120_000 });
  await expect(proof).toHaveAttribute('data-by', /^a relay \(snarkjs-cpu/);
  await expect(panel.getByTestId('proof-logits').locator('li')).toHaveText(referenceLogits(pixels).map(String));
  expect(await provedByRelay()).toBe(before + 1);
  await panel.getByTestId('prove-verify').click();
  await expect(panel.getByTestId('proof-valid')).toHaveAttribute('data-valid', 'true');
});
