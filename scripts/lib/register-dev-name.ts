// Registers a name under one of the dev chain's TLDs (.ai unless told) for a dev account as the app
// does (a commitment, then one transferAndCall at the quoted fee), moving the chain's clock past the
// commitment's wait rather than waiting it out: for the tests that need a name on-chain (under
// .dao, a registration waiting for the DAO).
import { createPublicClient, createTestClient, createWalletClient, http, type PublicClient } from 'viem';
import { DEV_TLD } from '../../contracts/deploy.ts';
import { quoteName } from '@permanet/core/chain/actions/names/quote-name';
import {
  commitName,
  newRegistration,
  revealName,
  type NameRecordsInput,
} from '@permanet/core/chain/actions/names/register-name';
import type { Deployments } from '@permanet/core/chain/deployments';
import { devAccount } from '@permanet/core/chain/dev-accounts';

export async function registerDevName(
  deployments: Deployments,
  account: number,
  label: string,
  records: NameRecordsInput = {},
  tld: string = DEV_TLD.label,
): Promise<void> {
  const transport = http(deployments.rpcUrl);
  const client = createPublicClient({ transport }) as PublicClient;
  const wallet = createWalletClient({ account: devAccount(account), transport, chain: undefined });
  const c = {
    joy: deployments.contracts.JoyToken.address,
    names: deployments.contracts.PermaNetDomainRegistry.address,
  };
  const quote = await quoteName(
    client,
    { tlds: deployments.contracts.TldRegistry.address, names: c.names },
    `${label}.${tld}`,
    1,
  );
  const registration = newRegistration(wallet.account.address, label, tld, 1, records);
  await commitName(client, wallet, c.names, registration);
  const chain = createTestClient({ mode: 'hardhat', transport });
  await chain.increaseTime({ seconds: quote.minCommitmentAgeSeconds + 1 });
  await chain.mine({ blocks: 1 });
  await revealName(client, wallet, c, registration, quote.fee);
}
