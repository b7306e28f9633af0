// The relay as a compute node, as a real process on a real chain: it registers with its stake and
// the models it holds, takes the input of a task that selected it, runs the model, commits,
// reveals and settles; it refuses an input the task did not commit to, and a task that is not there.
import { multiaddr } from '@multiformats/multiaddr';
import type { Libp2p } from 'libp2p';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http, maxUint256, parseEther, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerOf, startChainAndRelay, type ChainAndRelay } from '../../../scripts/lib/chain-and-relay.ts';
import { fundComputeAccount } from '../../../scripts/lib/compute-account.ts';
import { demoFilesToPin, publishDemoModels } from '../../../scripts/lib/publish-demo-models.ts';
import { digitFeeds, digitsModel, fileCid } from '../../../scripts/lib/reference.ts';
import { joyTokenAbi, modelMarketplaceAbi, nodeCoordinatorAbi, proofOfInferenceAbi } from '../../../src/chain/abi/generated.ts';
import { writeAndWait } from '../../../src/chain/actions/write-and-wait.ts';
import { devAccount } from '../../../src/chain/dev-accounts.ts';
import { inputHash } from '../../../src/inference/input-hash.ts';
import type { Feeds } from '../../../src/inference/tensors.ts';
import { InferenceRefusedError, requestInference } from '../../../src/p2p/request-inference.ts';

const NODE_INDEX = 6;
const NODE = devAccount(NODE_INDEX);
const REQUESTER = devAccount(2);
const FEE = parseEther('3');
const cardsDir = mkdtempSync(join(tmpdir(), 'task-runner-cards-'));
let network: ChainAndRelay;
let peer: Libp2p;
let client: PublicClient;

async function openTask(input: Feeds): Promise<bigint> {
  const c = network.deployments.contracts;
  const wallet = createWalletClient({ account: REQUESTER, transport: http(network.deployments.rpcUrl), chain: undefined });
  const modelId = await client.readContract({ address: c.ModelMarketplace.address, abi: modelMarketplaceAbi, functionName: 'modelIdByName', args: [digitsModel.name] });
  const { result } = await writeAndWait<bigint>(client, wallet, { address: c.ProofOfInference.address, abi: proofOfInferenceAbi, functionName: 'createTask', args: [modelId, 0, inputHash(input), 1, FEE, 'u33d'] });
  return result;
}

beforeAll(async () => {
  network = await startChainAndRelay({
    pins: demoFilesToPin(cardsDir),
    yaml: `compute: { enabled: true, account_key_file: node-${NODE_INDEX}.key, stake_joy: 200, region: u33d, capacity_rps: 10, heartbeat_s: 20 }\n`,
    beforeRelay: async (deployments, dir) => {
      await publishDemoModels(deployments, cardsDir);
      // The node's chain account: JOY to stake, its key in a file as an operator would keep it.
      await fundComputeAccount(deployments, NODE_INDEX, dir);
      const transport = http(deployments.rpcUrl);
      const publicClient = createPublicClient({ transport }) as PublicClient;
      const requester = createWalletClient({ account: REQUESTER, transport, chain: undefined });
      await writeAndWait(publicClient, requester, { address: deployments.contracts.JoyToken.address, abi: joyTokenAbi, functionName: 'approve', args: [deployments.contracts.ProofOfInference.address, maxUint256] });
    },
  });
  client = createPublicClient({ transport: http(network.deployments.rpcUrl) }) as PublicClient;
  peer = await peerOf(network.relay);
}, 180_000);

afterAll(async () => {
  await peer?.stop();
  await network?.stop();
});

describe('the relay as a compute node', () => {
  it('registers with its stake, peer id and the models it holds', async () => {
    const c = network.deployments.contracts;
    const node = await client.readContract({ address: c.NodeCoordinator.address, abi: nodeCoordinatorAbi, functionName: 'getNode', args: [NODE.address] });
    expect(node).toMatchObject({ stake: parseEther('200'), peerId: network.relay.peerId, region: 'u33d', capacityRps: 10, active: true });
    const digitsId = await client.readContract({ address: c.ModelMarketplace.address, abi: modelMarketplaceAbi, functionName: 'modelIdByName', args: [digitsModel.name] });
    expect(await client.readContract({ address: c.NodeCoordinator.address, abi: nodeCoordinatorAbi, functionName: 'holds', args: [NODE.address, digitsId] })).toBe(true);
  });

  it('answers a task that selected it, commits, reveals and settles it, and is paid', async () => {
    const c = network.deployments.contracts;
    const cid = await fileCid(digitsModel.file);
    const balance = () => client.readContract({ address: c.JoyToken.address, abi: joyTokenAbi, functionName: 'balanceOf', args: [NODE.address] });
    const before = await balance();
    const taskId = await openTask(digitFeeds(0));
    const answer = await requestInference(peer, multiaddr(network.relay.multiaddrs[0]), cid, digitsModel.spec, digitFeeds(0), { task: taskId });
    expect(answer.commitTx).toMatch(/^0x[0-9a-f]{64}$/);
    await expect
      .poll(async () => (await client.readContract({ address: c.ProofOfInference.address, abi: proofOfInferenceAbi, functionName: 'getTask', args: [taskId] })).status, { timeout: 30_000 })
      .toBe(2);
    const task = await client.readContract({ address: c.ProofOfInference.address, abi: proofOfInferenceAbi, functionName: 'getTask', args: [taskId] });
    expect(task.result).toBe(answer.outputHash);
    expect(await balance()).toBe(before + FEE);
    expect((await client.readContract({ address: c.NodeCoordinator.address, abi: nodeCoordinatorAbi, functionName: 'getNode', args: [NODE.address] })).reputation).toBe(510);
  });

  it('refuses an input the task did not commit to, and a task that does not exist, before running anything', async () => {
    const cid = await fileCid(digitsModel.file);
    const taskId = await openTask(digitFeeds(1));
    const ask = (task: bigint, input: Feeds) => requestInference(peer, multiaddr(network.relay.multiaddrs[0]), cid, digitsModel.spec, input, { task }).catch((e) => e);
    const wrongInput = await ask(taskId, digitFeeds(2));
    expect(wrongInput).toBeInstanceOf(InferenceRefusedError);
    expect(wrongInput).toMatchObject({ code: 'not-assigned', message: `the input is not the one task ${taskId} committed to` });
    expect(await ask(999n, digitFeeds(1))).toMatchObject({ code: 'not-assigned', message: 'there is no task 999' });
  });
});
