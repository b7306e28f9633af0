// Issue 14: deploy.ts gave every role, the treasury and the whole supply to the public Hardhat
// mnemonic's first account on any chain. On a chain other than the dev chain the accounts now come
// from the environment, and the public dev keys are refused.
import { describe, expect, it } from 'vitest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { PermaNetError } from '@permanet/core/errors/permanet-error';
import { publicChainAccounts } from './deploy.ts';

const admin = privateKeyToAccount(generatePrivateKey()).address;
const treasury = privateKeyToAccount(generatePrivateKey()).address;
const devKey = (index: number) => `0x${Buffer.from(devAccount(index).getHdKey().privateKey!).toString('hex')}`;

describe('a deployment to a chain other than the dev chain', () => {
  it('takes its deployer, admin and treasury from the environment', () => {
    const key = generatePrivateKey();
    const accounts = publicChainAccounts({
      PERMANET_DEPLOYER_KEY: key,
      PERMANET_ADMIN: admin,
      PERMANET_TREASURY: treasury,
    });
    expect(accounts.deployer.address).toBe(privateKeyToAccount(key).address);
    expect(accounts).toMatchObject({ admin, treasury });
  });

  it('names what is missing, and refuses the public dev keys and accounts', () => {
    expect(() => publicChainAccounts({})).toThrow('needs PERMANET_DEPLOYER_KEY, PERMANET_ADMIN, PERMANET_TREASURY');
    const env = { PERMANET_DEPLOYER_KEY: generatePrivateKey(), PERMANET_ADMIN: admin, PERMANET_TREASURY: treasury };
    expect(() => publicChainAccounts({ ...env, PERMANET_DEPLOYER_KEY: devKey(0) })).toThrow(
      /the deployer key is one of the public dev accounts/,
    );
    expect(() => publicChainAccounts({ ...env, PERMANET_ADMIN: devAccount(3).address })).toThrow(PermaNetError);
    expect(() => publicChainAccounts({ ...env, PERMANET_TREASURY: 'nobody' })).toThrow(/not an address/);
  });
});
