// The compute network end to end, on the real stack: three providers (the stack's relay, a second
// relay started with a deliberately wrong digits model, and a browser tab contributing on WebGPU)
// and a requester's tab. A K = 3 task settles with the honest majority (onnxruntime-node, the
// tab's WebGPU and the requester's own WASM run agree on the canonical hash), the wrong node is slashed and reputations
// move; then
// the wrong node's relay is killed after the next task selected it: it is slashed for its silence
// and the task still settles for the two that answered.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, createTestClient, http, parseEther, type Address, type PublicClient } from 'viem';
import { denseGraphToOnnx } from '../../models/onnx-graph.ts';
import { joyTokenAbi, nodeCoordinatorAbi } from '@permanet/core/chain/abi/generated';
import { modelIdByName } from '@permanet/core/chain/actions/marketplace/model-id-by-name';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { NODE_BACKENDS } from '@permanet/core/compute/node-backends';
import { digitSamples, digitsModel, fileCid } from '../../scripts/lib/reference.ts';
import { RELAY_COMPUTE_ACCOUNT, RELAY_STAKE_JOY } from '../../scripts/lib/stack.ts';
import { expect, test } from './fixtures.ts';
import { chooseDevAccount, newPage } from './marketplace-pages.ts';

const WRONG_ACCOUNT = 8;
const CONTRIBUTOR = 3;
const REQUESTER = 1;

// The wrong model: digits-shaped, but it calls every image a 7.
const wrongModel = join(mkdtempSync(join(tmpdir(), 'wrong-model-')), 'always-seven.onnx');
writeFileSync(
  wrongModel,
  denseGraphToOnnx({
    name: 'always-seven',
    inputName: 'pixels',
    outputName: 'probabilities',
    layers: [
      {
        weights: new Float32Array(7840),
        bias: Float32Array.from({ length: 10 }, (_, i) => (i === 7 ? 10 : 0)),
        inputs: 784,
        outputs: 10,
        activation: 'softmax',
      },
    ],
  }),
);
const digitsCid = await fileCid(digitsModel.file);
const sample = digitSamples.find((s) => s.label !== 7)!;

test.use({ extraRelays: [{ account: WRONG_ACCOUNT, substitute: { cid: digitsCid, file: wrongModel } }] });
test.describe.configure({ mode: 'serial' });

test('three providers: the honest majority is paid, a wrong node and a killed node are slashed', async ({
  browser,
  stack,
}) => {
  test.setTimeout(300_000);
  const client = createPublicClient({ transport: http(stack.config.deployments.rpcUrl) }) as PublicClient;
  const c = stack.config.deployments.contracts;
  const node = (address: Address) =>
    client.readContract({
      address: c.NodeCoordinator.address,
      abi: nodeCoordinatorAbi,
      functionName: 'getNode',
      args: [address],
    });
  const joy = (address: Address) =>
    client.readContract({ address: c.JoyToken.address, abi: joyTokenAbi, functionName: 'balanceOf', args: [address] });
  const digitsId = (await modelIdByName(client, c.ModelMarketplace.address, digitsModel.name))!;
  const [honest, wrong, tab] = [RELAY_COMPUTE_ACCOUNT, WRONG_ACCOUNT, CONTRIBUTOR].map((i) => devAccount(i).address);

  // The contributor's tab holds the digits model, then registers as a WebGPU light node.
  const contributor = await newPage(browser, stack.appUrl);
  await contributor.goto(`/model/${digitsId}`);
  await expect(contributor.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  await contributor.getByRole('link', { name: 'Network' }).click();
  const contribute = contributor.getByTestId('contribute');
  await chooseDevAccount(contributor, CONTRIBUTOR, contribute);
  await contribute.getByTestId('contribute-backend').selectOption('webgpu');
  await contribute.getByTestId('contribute-stake').fill(String(RELAY_STAKE_JOY));
  await contribute.getByTestId('contribute-start').click();
  await expect(contribute.getByTestId('contribute-status')).toContainText(tab, { timeout: 60_000 });
  // All three are registered, hold the model, and show on the network page.
  for (const address of [honest, wrong, tab]) {
    await expect
      .poll(
        () =>
          client.readContract({
            address: c.NodeCoordinator.address,
            abi: nodeCoordinatorAbi,
            functionName: 'holds',
            args: [address, digitsId],
          }),
        { timeout: 60_000 },
      )
      .toBe(true);
  }
  await expect(contributor.getByTestId('node-row')).toHaveCount(3, { timeout: 20_000 });
  expect(NODE_BACKENDS[(await node(tab)).backend]).toBe('WebGPU');
  expect(NODE_BACKENDS[(await node(honest)).backend]).toBe('CPU');

  // The requester runs a digit here, then asks the network (K = 3, fee 3 JOY).
  const requester = await newPage(browser, stack.appUrl);
  await requester.goto(`/model/${digitsId}`);
  await expect(requester.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  // Its own run is on WASM: the network's result (onnxruntime-node and WebGPU) must be the same canonical output.
  await requester.getByTestId('backend-select').selectOption('wasm');
  await expect(requester.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await requester.locator('summary', { hasText: 'Run on a tensor of your own' }).click();
  await requester.getByTestId('raw-input').fill(JSON.stringify(sample.pixels.map((v) => v / 255)));
  await requester.getByTestId('raw-run').click();
  await expect(requester.getByTestId('raw-output')).toBeVisible();

  // Without a task, one node at a time: the relay (onnxruntime-node) and the contributing tab
  // (WebGPU, reached over WebRTC) answer with the page's own canonical output, timed.
  const nodeRun = requester.getByTestId('node-run');
  await nodeRun.locator('summary').click();
  await nodeRun.getByTestId('node-run-count').fill('0');
  await nodeRun.getByTestId('node-run-start').click();
  await expect(nodeRun.getByTestId('node-run-message')).toHaveText('Runs must be a whole number from 1 to 500');
  for (const address of [honest, tab]) {
    await nodeRun.getByTestId('node-run-node').selectOption((await node(address)).peerId);
    await nodeRun.getByTestId('node-run-count').fill('5');
    await nodeRun.getByTestId('node-run-start').click();
    // The message first: when a run fails, its reason is what the failure shows.
    await expect(nodeRun.getByTestId('node-run-message')).toHaveText('5 runs on the node: done.', { timeout: 60_000 });
    const stats = nodeRun.getByTestId('node-run-stats');
    await expect(stats).toHaveAttribute('data-runs', '5');
    await expect(stats).toHaveAttribute('data-matches', 'true');
    expect(Number(await stats.getAttribute('data-compute-p50'))).toBeGreaterThan(0);
    expect(Number(await stats.getAttribute('data-round-trip-p50'))).toBeGreaterThan(
      Number(await stats.getAttribute('data-compute-p50')),
    );
  }
  const run = requester.getByTestId('network-run');
  await run.locator('summary').click();
  await chooseDevAccount(requester, REQUESTER, run);
  await run.getByTestId('network-k').selectOption('3');
  await run.getByTestId('network-fee').fill('3');
  const before = { honest: await joy(honest), tab: await joy(tab) };
  await run.getByTestId('network-start').click();

  const progress = run.getByTestId('network-progress');
  await expect(progress).toHaveAttribute('data-status', 'settled', { timeout: 90_000 });
  const rows = run.getByTestId('network-node');
  await expect(rows).toHaveCount(3);
  await expect(rows.and(requester.locator('[data-status=answered]'))).toHaveCount(3);
  const outputs = Object.fromEntries(
    await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-node')!.toLowerCase(), tr.getAttribute('data-output')]),
    ),
  );
  // onnxruntime-node (relay) and WebGPU (tab) agree on the canonical output; the wrong model does not.
  expect(outputs[honest.toLowerCase()]).toMatch(/^0x[0-9a-f]{64}$/);
  expect(outputs[tab.toLowerCase()]).toBe(outputs[honest.toLowerCase()]);
  expect(outputs[wrong.toLowerCase()]).not.toBe(outputs[honest.toLowerCase()]);
  await expect(run.getByTestId('network-vs-local')).toHaveAttribute(
    'data-local-output',
    outputs[honest.toLowerCase()]!,
  );
  await expect(run.getByTestId('network-vs-local')).toHaveAttribute('data-matches', 'true');
  await expect(run.getByTestId('task-events').locator('li[data-type=penalized]')).toHaveCount(1);
  await expect(run.getByTestId('task-events').locator('li[data-type=settled]')).toContainText('paid');

  // Reputation: +10 for the majority, −100 for the wrong node, whose stake lost the slash.
  expect((await node(honest)).reputation).toBe(510);
  expect((await node(tab)).reputation).toBe(510);
  expect((await node(wrong)).reputation).toBe(400);
  expect((await node(wrong)).stake).toBe(parseEther(String(RELAY_STAKE_JOY - 50)));
  // The fee and the slash are shared by the two honest nodes (the first also takes any remainder).
  expect((await joy(honest)) - before.honest + ((await joy(tab)) - before.tab)).toBe(parseEther('53'));

  // The contributor's network page shows the new reputations, and latency from its pings, per node.
  await expect(contributor.locator(`[data-testid=node-row][data-node="${wrong}"]`)).toHaveAttribute(
    'data-reputation',
    '400',
    { timeout: 15_000 },
  );
  await expect(contributor.getByTestId('latency-chart').locator('g[data-peer]')).toHaveCount(2, { timeout: 15_000 });

  // Next task: all three are selected again, but the wrong node's relay is gone before it answers.
  await stack.extraRelays[0].stop();
  await run.getByTestId('network-start').click();
  // The two that answered committed; the commit window, then the reveal window, run out (time moves on the dev chain).
  await expect
    .poll(
      async () =>
        (await progress.getAttribute('data-status')) === 'open' &&
        (await run.getByTestId('task-events').locator('li[data-type=committed]').count()),
      { timeout: 60_000 },
    )
    .toBe(2);
  const wrongRow = rows.and(requester.locator(`[data-node="${wrong}"]`));
  // The page keeps trying to reach the silent node while it could still commit.
  await expect(wrongRow).toHaveAttribute('data-status', 'asking');
  const chain = createTestClient({ mode: 'hardhat', transport: http(stack.config.deployments.rpcUrl) });
  const travel = async (seconds: number) => {
    await chain.increaseTime({ seconds });
    await chain.mine({ blocks: 1 });
  };
  await travel(61);
  await expect(wrongRow).toHaveAttribute('data-status', 'refused', { timeout: 15_000 });
  await expect(wrongRow).toContainText('no answer before the commit window closed');
  await expect(run.getByTestId('task-events').locator('li[data-type=revealed]')).toHaveCount(2, { timeout: 30_000 });
  await travel(61);
  await expect(progress).toHaveAttribute('data-status', 'settled', { timeout: 30_000 });
  await expect(run.getByTestId('task-events').locator('li[data-type=penalized]')).toContainText('no reveal');
  expect((await node(wrong)).reputation).toBe(300);
  expect((await node(honest)).reputation).toBe(520);
  expect((await node(tab)).reputation).toBe(520);
});
