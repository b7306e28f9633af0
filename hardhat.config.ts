// Compiles offline with the solc-js from the `solc` npm package (no compiler download).
import { createRequire } from 'node:module';
import hardhatViem from '@nomicfoundation/hardhat-viem';
import { defineConfig } from 'hardhat/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  plugins: [hardhatViem],
  solidity: {
    profiles: {
      default: {
        version: require('solc/package.json').version,
        path: require.resolve('solc/soljson.js'),
        settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun' },
      },
    },
  },
  paths: { sources: 'contracts', tests: 'tests/contracts' },
});
