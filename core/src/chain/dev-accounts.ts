// The dev chain's well-known accounts (Hardhat's default mnemonic). They hold test ether on the
// local chain only; the app offers them only when the chain id is the dev chain's.
import { mnemonicToAccount } from 'viem/accounts';

export { DEV_CHAIN_ID } from './dev-chain.ts';
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

export const devAccount = (index = 0) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
