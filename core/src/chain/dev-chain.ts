/** The local dev chain's id (Hardhat's). Kept apart from the dev keys, so that checking for the
 * dev chain does not load key derivation into the first paint. */
export const DEV_CHAIN_ID = 31337;
