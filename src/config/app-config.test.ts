import { describe, expect, it } from 'vitest';
import { parseAppConfig } from './app-config.ts';

const contract = { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', blockNumber: 1 };
const deployments = {
  chainId: 31337,
  rpcUrl: 'http://127.0.0.1:8545',
  contracts: {
    JoyToken: contract,
    VerifierFactory: contract,
    ModelMarketplace: contract,
    NodeCoordinator: contract,
    ProofOfInference: contract,
    TldRegistry: contract,
    PermaNetDomainRegistry: contract,
    PermaNetMarketplaceAdapter: contract,
    PermaNetDAORegistry: contract,
  },
};
const relay = '/ip4/127.0.0.1/tcp/4003/ws/p2p/12D3KooWRpVBvVwQHqBizsxq1vNMR62bXmNZZbpRC1XqMCmDMd1M';

describe('parseAppConfig', () => {
  it('reads relays, ICE servers and defaults', () => {
    expect(parseAppConfig({ deployments, relays: [relay], iceServers: ['stun:stun.example.org:3478'] })).toMatchObject({
      relays: [relay],
      relayHttp: null,
      fetchTimeoutMs: 30_000,
      iceServers: ['stun:stun.example.org:3478'],
    });
    expect(parseAppConfig({ deployments, relays: [] }).iceServers).toEqual([]);
  });

  it('names every bad field', () => {
    expect(() =>
      parseAppConfig({
        deployments: { ...deployments, chainId: 0 },
        relays: ['/ip4/127.0.0.1/tcp/1/ws'],
        iceServers: ['https://not-ice'],
        fetchTimeoutMs: 5,
      }),
    ).toThrow(
      new RegExp(
        [
          'relays\\[0\\]: must end in /p2p/<peer id>',
          'fetchTimeoutMs',
          'iceServers\\[0\\]: must be a stun: or turn: URL',
        ].join('[\\s\\S]*'),
      ),
    );
  });
});
