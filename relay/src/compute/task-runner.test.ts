// The relay as a compute node, as a real process on a real chain: it registers with its stake and
// the models it holds, takes the input of a task that selected it, runs the model, commits,
// reveals and settles; it refuses an input the task did not commit to, and a task that is not there;
// killed between its commit and its reveal, it reveals after a restart from the secret it stored;
// an input sent twice commits once, so the stored secret is the commit's.
import { multiaddr } from '@multiformats/multiaddr';
import type { Libp2p } from 'libp2p';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  maxUint256,
  parseEther,
  type Account,
  type PublicClient,
} from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerOf, startChainAndRelay, type ChainAndRelay } from '../../../scripts/lib/chain-and-relay.ts';
import { fundComputeAccount } from '../../../scripts/lib/compute-account.ts';
import { demoFilesToPin, publishDemoModels } from '../../../scripts/lib/publish-demo-models.ts';
import { digitFeeds, digitsModel, fileCid } from '../../../scripts/lib/reference.ts';
import {
  joyTokenAbi,
  modelMarketplaceAbi,
  nodeCoordinatorAbi,
  proofOfInferenceAbi,
} from '@permanet/core/chain/abi/generated';
import { assignTask } from '@permanet/core/chain/actions/compute/assign-task';
import { TASK_STATUSES } from '@permanet/core/chain/actions/compute/read-task';
import { writeAndWait } from '@permanet/core/chain/actions/write-and-wait';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { inputHash } from '@permanet/core/inference/input-hash';
import type { Feeds } from '@permanet/core/inference/tensors';
import { InferenceRefusedError, requestInference } from '@permanet/core/protocols/inference';

const NODE_INDEX = 6;
const NODE = devAccount(NODE_INDEX);
const REQUESTER = devAccount(2);
/** A second node that registers and then never answers. */
const SILENT_INDEX = 5;
const SECOND_SILENT_INDEX = 8;
const FEE = parseEther('3');
const SETTLED = TASK_STATUSES.indexOf('settled');
const REFUNDED = TASK_STATUSES.indexOf('refunded');
const cardsDir = mkdtempSync(join(tmpdir(), 'task-runner-cards-'));
let network: ChainAndRelay;
let peer: Libp2p;
let client: PublicClient;

/** A dev account's wallet on the test chain. */
const walletOf = (account: Account) =>
  createWalletClient({ account, transport: http(network.deployments.rpcUrl), chain: undefined });

/** The digit model's id in the marketplace. */
const digitsId = () =>
  client.readContract({
    address: network.deployments.contracts.ModelMarketplace.address,
    abi: modelMarketplaceAbi,
    functionName: 'modelIdByName',
    args: [digitsModel.name],
  });

/**
 * A second node holding the model that never answers, so that a K = 2 task waits for its commit
 * until the window closes.
 */
async function registerSilentNode(index: number) {
  const c = network.deployments.contracts;
  await fundComputeAccount(network.deployments, index, network.dir);
  const silent = walletOf(devAccount(index));
  await writeAndWait(client, silent, {
    address: c.JoyToken.address,
    abi: joyTokenAbi,
    functionName: 'stake',
    args: [parseEther('200')],
  });
  const silentPeer = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString();
  await writeAndWait(client, silent, {
    address: c.NodeCoordinator.address,
    abi: nodeCoordinatorAbi,
    functionName: 'register',
    args: [3, 10, 'u33d', silentPeer, parseEther('200'), [await digitsId()]],
  });
}

/** Opens a task and assigns it, as a requester's app does. */
async function openTask(input: Feeds, k = 1): Promise<bigint> {
  const c = network.deployments.contracts;
  const { result, receipt } = await writeAndWait<bigint>(client, walletOf(REQUESTER), {
    address: c.ProofOfInference.address,
    abi: proofOfInferenceAbi,
    functionName: 'createTask',
    args: [await digitsId(), 0, inputHash(input), k, FEE, maxUint256, 'u33d'],
  });
  await assignTask(client, walletOf(REQUESTER), c.ProofOfInference.address, result, receipt.blockNumber);
  return result;
}

beforeAll(async () => {
  network = await startChainAndRelay({
    pins: demoFilesToPin(cardsDir),
    yaml:
      `compute: { enabled: true, account_key_file: node-${NODE_INDEX}.key, stake_joy: 200, region: u33d, ` +
      `capacity_rps: 10, heartbeat_s: 20 }\n`,
    beforeRelay: async (deployments, dir) => {
      await publishDemoModels(deployments, cardsDir);
      // The node's chain account: JOY to stake, its key in a file as an operator would keep it.
      await fundComputeAccount(deployments, NODE_INDEX, dir);
      const transport = http(deployments.rpcUrl);
      const publicClient = createPublicClient({ transport }) as PublicClient;
      const requester = createWalletClient({ account: REQUESTER, transport, chain: undefined });
      await writeAndWait(publicClient, requester, {
        address: deployments.contracts.JoyToken.address,
        abi: joyTokenAbi,
        functionName: 'approve',
        args: [deployments.contracts.ProofOfInference.address, maxUint256],
      });
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
    const node = await client.readContract({
      address: c.NodeCoordinator.address,
      abi: nodeCoordinatorAbi,
      functionName: 'getNode',
      args: [NODE.address],
    });
    expect(node).toMatchObject({
      stake: parseEther('200'),
      peerId: network.relay.peerId,
      region: 'u33d',
      capacityRps: 10,
      active: true,
    });
    expect(
      await client.readContract({
        address: c.NodeCoordinator.address,
        abi: nodeCoordinatorAbi,
        functionName: 'holds',
        args: [NODE.address, await digitsId()],
      }),
    ).toBe(true);
  });

  it('answers a task that selected it, commits, reveals and settles it, and is paid', async () => {
    const c = network.deployments.contracts;
    const cid = await fileCid(digitsModel.file);
    const balance = () =>
      client.readContract({
        address: c.JoyToken.address,
        abi: joyTokenAbi,
        functionName: 'balanceOf',
        args: [NODE.address],
      });
    const before = await balance();
    const taskId = await openTask(digitFeeds(0));
    const answer = await requestInference(
      peer,
      multiaddr(network.relay.multiaddrs[0]),
      cid,
      digitsModel.spec,
      digitFeeds(0),
      { task: taskId },
    );
    expect(answer.commitTx).toMatch(/^0x[0-9a-f]{64}$/);
    await expect
      .poll(
        async () =>
          (
            await client.readContract({
              address: c.ProofOfInference.address,
              abi: proofOfInferenceAbi,
              functionName: 'getTask',
              args: [taskId],
            })
          ).status,
        { timeout: 30_000 },
      )
      .toBe(SETTLED);
    const task = await client.readContract({
      address: c.ProofOfInference.address,
      abi: proofOfInferenceAbi,
      functionName: 'getTask',
      args: [taskId],
    });
    expect(task.result).toBe(answer.outputHash);
    expect(await balance()).toBe(before + FEE);
    expect(
      (
        await client.readContract({
          address: c.NodeCoordinator.address,
          abi: nodeCoordinatorAbi,
          functionName: 'getNode',
          args: [NODE.address],
        })
      ).reputation,
    ).toBe(510);
  });

  it(
    'refuses an input the task did not commit to, and a task that does not exist, before running ' + 'anything',
    async () => {
      const cid = await fileCid(digitsModel.file);
      const taskId = await openTask(digitFeeds(1));
      const ask = (task: bigint, input: Feeds) =>
        requestInference(peer, multiaddr(network.relay.multiaddrs[0]), cid, digitsModel.spec, input, { task }).catch(
          (e) => e,
        );
      const wrongInput = await ask(taskId, digitFeeds(2));
      expect(wrongInput).toBeInstanceOf(InferenceRefusedError);
      expect(wrongInput).toMatchObject({
        code: 'not-assigned',
        message: `the input is not the one task ${taskId} committed to`,
      });
      expect(await ask(999n, digitFeeds(1))).toMatchObject({ code: 'not-assigned', message: 'there is no task 999' });
    },
  );

  it('declares on-chain an input that never came, and loses nothing for it', async () => {
    const c = network.deployments.contracts;
    const poi = { address: c.ProofOfInference.address, abi: proofOfInferenceAbi } as const;
    const taskId = await openTask(digitFeeds(5));
    // At half the commit window (30 s on the dev chain) the node says so, rather than going silent.
    await expect
      .poll(() => client.readContract({ ...poi, functionName: 'declaredNoInput', args: [taskId, NODE.address] }), {
        timeout: 60_000,
        interval: 1000,
      })
      .toBe(true);
    const before = await client.readContract({
      address: c.NodeCoordinator.address,
      abi: nodeCoordinatorAbi,
      functionName: 'getNode',
      args: [NODE.address],
    });
    await writeAndWait(client, walletOf(REQUESTER), { ...poi, functionName: 'settle', args: [taskId] });
    expect((await client.readContract({ ...poi, functionName: 'getTask', args: [taskId] })).status).toBe(REFUNDED);
    const after = await client.readContract({
      address: c.NodeCoordinator.address,
      abi: nodeCoordinatorAbi,
      functionName: 'getNode',
      args: [NODE.address],
    });
    expect([after.stake, after.reputation, after.activeTasks]).toEqual([
      before.stake,
      before.reputation,
      before.activeTasks - 1,
    ]);
  }, 90_000);

  it('killed between its commit and its reveal, it reveals after a restart from the secret it stored', async () => {
    const c = network.deployments.contracts;
    const poi = { address: c.ProofOfInference.address, abi: proofOfInferenceAbi } as const;
    const transport = http(network.deployments.rpcUrl);
    await registerSilentNode(SILENT_INDEX);

    const taskId = await openTask(digitFeeds(3), 2);
    expect(await client.readContract({ ...poi, functionName: 'assignedNodes', args: [taskId] })).toHaveLength(2);
    const answer = await requestInference(
      peer,
      multiaddr(network.relay.multiaddrs[0]),
      await fileCid(digitsModel.file),
      digitsModel.spec,
      digitFeeds(3),
      { task: taskId },
    );
    expect(await client.readContract({ ...poi, functionName: 'hasCommitted', args: [taskId, NODE.address] })).toBe(
      true,
    );

    // The relay dies with its reveal still to come (the other node has not committed), and comes back.
    await network.crashAndRestartRelay();
    const testClient = createTestClient({ mode: 'hardhat', transport });
    const travel = async (seconds: number) => {
      await testClient.increaseTime({ seconds });
      await testClient.mine({ blocks: 1 });
    };
    const task = await client.readContract({ ...poi, functionName: 'getTask', args: [taskId] });
    await travel(Number(task.commitDeadline - (await client.getBlock()).timestamp) + 1);
    await expect
      .poll(() => client.readContract({ ...poi, functionName: 'revealedOutput', args: [taskId, NODE.address] }), {
        timeout: 30_000,
      })
      .toBe(answer.outputHash);

    // One reveal of two is no majority: the requester is refunded, the silent node slashed, the relay's stake kept.
    await travel(Number(task.revealDeadline - task.commitDeadline) + 1);
    const requester = createWalletClient({ account: REQUESTER, transport, chain: undefined });
    await writeAndWait(client, requester, { ...poi, functionName: 'settle', args: [taskId] });
    expect((await client.readContract({ ...poi, functionName: 'getTask', args: [taskId] })).status).toBe(REFUNDED);
    const node = (address: `0x${string}`) =>
      client.readContract({
        address: c.NodeCoordinator.address,
        abi: nodeCoordinatorAbi,
        functionName: 'getNode',
        args: [address],
      });
    expect((await node(devAccount(SILENT_INDEX).address)).stake).toBeLessThan(parseEther('200'));
    expect((await node(NODE.address)).stake).toBe(parseEther('200'));
  }, 120_000);

  it('an input sent twice commits once: restarted, the node still reveals with the salt of its commit', async () => {
    const c = network.deployments.contracts;
    const poi = { address: c.ProofOfInference.address, abi: proofOfInferenceAbi } as const;
    await registerSilentNode(SECOND_SILENT_INDEX);
    // The last test moved the chain's clock past the relay's heartbeat: its next one makes it selectable.
    const modelId = await digitsId();
    const coordinator = { address: c.NodeCoordinator.address, abi: nodeCoordinatorAbi } as const;
    await expect
      .poll(
        () => client.readContract({ ...coordinator, functionName: 'isSelectable', args: [NODE.address, modelId] }),
        {
          timeout: 60_000,
        },
      )
      .toBe(true);
    const taskId = await openTask(digitFeeds(4), 2);
    const cidOfDigits = await fileCid(digitsModel.file);
    // The last test restarted the relay on a new port: a peer that knows its new address asks.
    const asker = await peerOf(network.relay);
    const ask = () =>
      requestInference(asker, multiaddr(network.relay.multiaddrs[0]), cidOfDigits, digitsModel.spec, digitFeeds(4), {
        task: taskId,
      });
    const first = await ask();
    const second = await ask();
    await asker.stop();
    expect(second.commitTx).toBe(first.commitTx);

    await network.crashAndRestartRelay();
    const testClient = createTestClient({ mode: 'hardhat', transport: http(network.deployments.rpcUrl) });
    const task = await client.readContract({ ...poi, functionName: 'getTask', args: [taskId] });
    await testClient.increaseTime({ seconds: Number(task.commitDeadline - (await client.getBlock()).timestamp) + 1 });
    await testClient.mine({ blocks: 1 });
    await expect
      .poll(() => client.readContract({ ...poi, functionName: 'revealedOutput', args: [taskId, NODE.address] }), {
        timeout: 30_000,
      })
      .toBe(first.outputHash);
  }, 120_000);
});
