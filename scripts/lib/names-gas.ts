// Gas of a name's life on Hardhat's in-process chain (the one deployment), next to ENS's figures
// for the same steps (measured by the issue with ENS's mainnet bytecode, solc 0.8.17, 1,300 runs):
// commit (an account's first, and its later ones), register with an address record (by allowance,
// and in one ERC-1363 transferAndCall, and so with a model link too), renew (in one
// transferAndCall), set a new 19-character text record, set an IPFS content hash, and create a
// subdomain with its address (one multicall).
import { network } from 'hardhat';
import { encodeFunctionData, namehash, parseEther, type Hex } from 'viem';
import { registrationData, renewalData } from '@permanet/core/chain/actions/names/payment-data';
import { newRegistration } from '@permanet/core/chain/actions/names/register-name';
import { recordCalls } from '@permanet/core/chain/actions/names/set-name-records';
import { PRODUCTION } from '../../contracts/deploy.ts';
import { cheapPolicy, deployTestNetwork, digitsRegistration } from '../../tests/contracts/test-network.ts';

export const ENS_GAS = {
  commit: 44_194n,
  register: 270_415n,
  renew: 80_603n,
  setText: 63_528n,
  setContenthash: 106_203n,
  subdomain: 132_699n,
  /** Through the NameWrapper, which makes a subdomain an ERC-1155 token. */
  wrappedSubdomain: 206_213n,
};
export type NameStep =
  | Exclude<keyof typeof ENS_GAS, 'wrappedSubdomain'>
  | 'firstCommit'
  | 'registerInOneCall'
  | 'registerWithModel';

export async function namesGas(): Promise<Record<NameStep, bigint>> {
  const { viem } = await network.create();
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();
  const [admin, owner] = await viem.getWalletClients();
  const { joy, tlds, names, as } = await deployTestNetwork(viem, PRODUCTION);
  await joy.write.transfer([owner.account.address, parseEther('1000')]);
  await tlds.write.createTld(['ai', admin.account.address, admin.account.address, 250, cheapPolicy(false)]);
  const mine = {
    joy: await viem.getContractAt('JoyToken', joy.address, { client: { wallet: owner } }),
    names: await viem.getContractAt('PermaNetDomainRegistry', names.address, { client: { wallet: owner } }),
  };
  const gasOf = async (hash: Promise<Hex>) =>
    (await publicClient.waitForTransactionReceipt({ hash: await hash })).gasUsed;
  const registration = (label: string, modelId?: bigint) =>
    newRegistration(owner.account.address, label, 'ai', 1, { address: owner.account.address, modelId });
  const committed = async (label: string, modelId?: bigint) => {
    const r = registration(label, modelId);
    const gas = await gasOf(mine.names.write.commit([await names.read.makeCommitment([r])]));
    await testClient.increaseTime({ seconds: 61 });
    return { r, gas };
  };
  // A first name: an account's first commitment takes a fresh slot, its later ones reuse it.
  await mine.joy.write.approve([names.address, parseEther('1000')]);
  const first = await committed('first-name');
  await mine.names.write.register([first.r]);
  const firstCommit = first.gas;

  const { r, gas: commit } = await committed('digits-model');
  const register = await gasOf(mine.names.write.register([r]));
  const one = await committed('one-call-name');
  const registerInOneCall = await gasOf(
    mine.joy.write.transferAndCall([names.address, parseEther('5'), registrationData(one.r)]),
  );
  // As the app registers a name for one's model: address record and model link in the reveal.
  const { market } = await as(owner);
  await market.write.registerModel([digitsRegistration(0n)]);
  const modelId = (await market.read.modelCount()) - 1n;
  const linked = await committed('linked-model', modelId);
  const registerWithModel = await gasOf(
    mine.joy.write.transferAndCall([names.address, parseEther('5'), registrationData(linked.r)]),
  );
  const node = namehash('digits-model.ai');
  // As the app renews: one transferAndCall with (node, years), no allowance.
  const renew = await gasOf(mine.joy.write.transferAndCall([names.address, parseEther('5'), renewalData(node, 1)]));
  const setText = await gasOf(mine.names.write.setText([node, 'description', 'a digit model of 19']));
  const setContenthash = await gasOf(
    mine.names.write.setContenthash([
      node,
      '0xe3010170122029f2d17be6139079dc48696d1f582a8530eb9805b561eda517e22a892c7e3f1f',
    ]),
  );
  // ENS's subdomain figure includes its address record: here both in one multicall, as the app sends them.
  const subdomain = await gasOf(
    mine.names.write.multicall([
      [
        encodeFunctionData({
          abi: names.abi,
          functionName: 'setSubdomain',
          args: [node, 'api', owner.account.address],
        }),
        ...recordCalls(namehash('api.digits-model.ai'), { address: owner.account.address }),
      ],
    ]),
  );
  return {
    firstCommit,
    commit,
    register,
    registerInOneCall,
    registerWithModel,
    renew,
    setText,
    setContenthash,
    subdomain,
  };
}
