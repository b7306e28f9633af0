// Gas of a K = 3 task (createTask, assign, settle) as registrations grow, on Hardhat's in-process
// chain: with the 3 nodes it needs, with the model's candidate list full (64), and with 1,000
// registered nodes (the rest filling other models' lists). Selection reads only the model's bounded
// list, so the last two must match: registrations ever made do not raise a task's gas.
import { network } from 'hardhat';
import { encodeAbiParameters, keccak256, maxUint256, numberToHex, parseEther, toHex, type Address } from 'viem';
import { DEV } from '../../contracts/deploy.ts';
import { deployTestNetwork, digitsRegistration } from '../../tests/contracts/test-network.ts';

export interface TaskGas {
  createTask: bigint;
  assign: bigint;
  settle: bigint;
}

const STAKE = parseEther('100');

export async function selectionGas(registered = 1000) {
  const { viem } = await network.create();
  const testClient = await viem.getTestClient();
  const publicClient = await viem.getPublicClient();
  const [, requester] = await viem.getWalletClients();
  // A day's heartbeats: a thousand registrations move the in-process chain's clock by as many seconds.
  const { joy, market, coordinator, poi, as } = await deployTestNetwork(viem, { ...DEV, heartbeatTtl: 86_400n });
  await market.write.registerModel([digitsRegistration(0n)]);
  const r = await as(requester);
  await joy.write.transfer([requester.account.address, parseEther('1000')]);
  await r.joy.write.approve([poi.address, maxUint256]);
  const cap = Number(await coordinator.read.MAX_NODES_PER_MODEL());

  let made = 0;
  const nodes: Awaited<ReturnType<typeof as>>[] = [];
  /** Registers `count` more nodes (impersonated accounts), the i-th declaring `modelOf(i)`. */
  const registerNodes = async (count: number, modelOf: (i: number) => bigint) => {
    for (let start = 0; start < count; start += 50) {
      const batch = Array.from(
        { length: Math.min(50, count - start) },
        () => numberToHex(0xbe7c0000n + BigInt(++made), { size: 20 }) as Address,
      );
      const batchNodes = await Promise.all(
        batch.map(async (address) => {
          await testClient.impersonateAccount({ address });
          await testClient.setBalance({ address, value: parseEther('1') });
          return as(await viem.getWalletClient(address));
        }),
      );
      // One at a time: a gas estimate made before another registration landed can fall short.
      for (const [i, node] of batchNodes.entries()) {
        const modelId = modelOf(start + i);
        await joy.write.transfer([node.address, STAKE]);
        await node.joy.write.stake([STAKE]);
        await node.coordinator.write.register([0, 10, 'u33d', `peer-${node.address}`, STAKE, [modelId]]);
        if (modelId === 0n) nodes.push(node);
      }
    }
  };

  let tasks = 0;
  /** One K = 3 task that every selected node answers alike. */
  const task = async (): Promise<TaskGas> => {
    const taskId = BigInt(tasks++);
    const gasOf = async (hash: `0x${string}`) => (await publicClient.waitForTransactionReceipt({ hash })).gasUsed;
    const createTask = await gasOf(
      await r.poi.write.createTask([0n, 0, keccak256(toHex(`input-${taskId}`)), 3, parseEther('3'), 0n, '']),
    );
    const assign = await gasOf(await r.poi.write.assign([taskId]));
    const chosen = await poi.read.assignedNodes([taskId]);
    const output = keccak256(toHex('7:0.98'));
    const salt = keccak256(toHex('salt'));
    const parties = chosen.map((a) => nodes.find((n) => n.address.toLowerCase() === a.toLowerCase())!);
    for (const n of parties) {
      const commitment = keccak256(
        encodeAbiParameters(
          [{ type: 'uint256' }, { type: 'address' }, { type: 'bytes32' }, { type: 'bytes32' }],
          [taskId, n.address, output, salt],
        ),
      );
      await n.poi.write.commit([taskId, commitment]);
    }
    for (const n of parties) await n.poi.write.reveal([taskId, output, salt]);
    const settle = await gasOf(await r.poi.write.settle([taskId]));
    return { createTask, assign, settle };
  };

  await registerNodes(3, () => 0n);
  const few = await task();
  await registerNodes(cap - 3, () => 0n);
  const full = await task();
  // Other models' lists fill too, each to its own cap.
  await registerNodes(registered - cap, (i) => 1n + BigInt(Math.floor(i / cap)));
  const crowd = await task();
  return { cap, registered: made, few, full, crowd };
}
