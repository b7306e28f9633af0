// The whole local stack, as `npm start` runs it and as the end-to-end tests and the benchmark
// start it: a Hardhat dev chain with the contracts deployed, the relay pinning the demo models,
// the models registered on-chain, and the built PWA served with its runtime config.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { deployContracts } from '../../contracts/deploy.ts';
import { DEFAULT_FETCH_TIMEOUT_MS, type AppConfig } from '../../src/config/app-config.ts';
import type { RelayStatus } from '../../relay/src/relay-status.ts';
import { fundComputeAccount, writeAccountKey } from './compute-account.ts';
import { freePort } from './free-port.ts';
import { assertPortsFree } from './ports.ts';
import { endStaleProcesses, forgetProcesses, recordProcesses } from './stale-processes.ts';
import { startChild, type Child } from './processes.ts';
import { chainReady, relayReady } from './ready-lines.ts';
import { demoFilesToPin, demoPinPaths, publishDemoModels } from './publish-demo-models.ts';
import { serveApp } from './serve-app.ts';

export interface StackOptions {
  root: string;
  /** Deployments file and relay data live here. */
  stateDir: string;
  chainPort: number;
  relayPort: number;
  relayHttpPort: number;
  /** The main relay's plain DNS port (UDP); 0 for any free one. The other relays take free ones. */
  dnsPort: number;
  appPort: number;
  /** How long the app waits for peers when it fetches a model. */
  fetchTimeoutMs?: number;
  /**
   * More relays, each a compute node with its own dev account, listed in the app's config after
   * the first. `substitute` makes one dishonest (a different ONNX file in place of a CID's weights).
   */
  extraRelays?: ExtraRelay[];
  /** Print the children's output prefixed with their names. */
  echo?: boolean;
  onStep?: (step: string) => void;
}

export interface ExtraRelay {
  /** The dev account index the relay's compute node acts as. */
  account: number;
  substitute?: { cid: string; file: string };
  /** More relay flags (the benchmark's batching settings). */
  args?: string[];
  /** The demo models it pins, by name (all when not given). */
  pin?: string[];
}

/** The JOY each relay's compute node stakes. */
export const RELAY_STAKE_JOY = 200;

/** The dev account the first relay's compute node acts as. */
export const RELAY_COMPUTE_ACCOUNT = 7;
/** The dev account whose ether pays for the DAO ballots the first relay casts. */
export const RELAY_BALLOT_ACCOUNT = 11;

export interface Stack {
  appUrl: string;
  config: AppConfig;
  relay: RelayStatus;
  /** The extra relays, in order: their status, and a way to stop one (a provider that goes away). */
  extraRelays: { status: RelayStatus; stop(): Promise<void> }[];
  /** Stops the relay (the page must cope), and starts it again on the same address. */
  stopRelay(): Promise<void>;
  /** The relay's process id, for reading its memory. */
  relayPid(): number | undefined;
  startRelay(): Promise<RelayStatus>;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startStack(options: StackOptions): Promise<Stack> {
  const { root, stateDir } = options;
  const step = options.onStep ?? (() => {});
  const bin = (name: string) => join(root, 'node_modules', '.bin', name);
  const children: Child[] = [];
  let server: Server | undefined;
  let relayChild: Child | undefined;

  const stop = async () => {
    if (server)
      await new Promise<void>((resolve) => {
        server!.closeAllConnections();
        server!.close(() => resolve());
      });
    await Promise.all([relayChild?.stop(), ...children.map((c) => c.stop())]);
    forgetProcesses(stateDir);
  };
  const record = () =>
    recordProcesses(
      stateDir,
      [...children, ...(relayChild ? [relayChild] : [])].map((c) => c.process.pid!),
    );

  const relayArgs = (
    name: string,
    port: number,
    httpPort: number,
    dnsPort: number,
    keyFile: string,
    pin?: string[],
    ballotKey?: string,
  ) => [
    join(root, 'relay', 'bin', 'permanet-relay.js'),
    '--config',
    join(root, 'p2p_config.yaml'),
    '--data-dir',
    join(stateDir, name),
    '--listen',
    `/ip4/${HOST}/tcp/${port}/ws`,
    '--http-port',
    String(httpPort),
    '--dns-port',
    String(dnsPort),
    ...demoPinPaths(stateDir, pin).flatMap((file) => ['--pin', file]),
    '--deployments',
    join(stateDir, 'deployments.json'),
    '--compute-key',
    keyFile,
    // Twice the minimum, so one slash leaves a node selectable.
    '--stake',
    String(RELAY_STAKE_JOY),
    ...(ballotKey ? ['--ballot-key', ballotKey] : []),
  ];
  let relayKey = '';
  let ballotKey = '';
  const startRelay = async (): Promise<RelayStatus> => {
    relayChild = startChild(
      'relay',
      bin('node'),
      relayArgs('relay', options.relayPort, options.relayHttpPort, options.dnsPort, relayKey, undefined, ballotKey),
      { cwd: root, echo: options.echo },
    );
    record();
    return relayChild.waitForLine(relayReady, 120_000);
  };

  try {
    await mkdir(stateDir, { recursive: true });
    const stale = await endStaleProcesses(stateDir);
    if (stale.length > 0) step(`ended ${stale.length} process(es) a previous run left behind`);
    await assertPortsFree(HOST, [
      { port: options.chainPort, variable: 'PERMANET_CHAIN_PORT', what: 'dev chain' },
      { port: options.relayPort, variable: 'PERMANET_RELAY_PORT', what: 'relay' },
      { port: options.relayHttpPort, variable: 'PERMANET_RELAY_HTTP_PORT', what: "relay's HTTP" },
      { port: options.appPort, variable: 'PERMANET_APP_PORT', what: 'app' },
    ]);
    step(`starting the dev chain on ${HOST}:${options.chainPort}`);
    const chain = startChild(
      'chain',
      bin('hardhat'),
      ['node', '--hostname', HOST, '--port', String(options.chainPort)],
      { cwd: root, echo: options.echo },
    );
    children.push(chain);
    record();
    await chain.waitForLine(chainReady);
    const rpcUrl = `http://${HOST}:${options.chainPort}`;

    step('deploying the contracts');
    const deployments = await deployContracts(rpcUrl);
    await writeFile(join(stateDir, 'deployments.json'), `${JSON.stringify(deployments, null, 2)}\n`);

    // Registered before the relay starts, so its compute node declares them when it registers.
    step('registering the demo models on-chain');
    demoFilesToPin(stateDir);
    const published = await publishDemoModels(deployments, stateDir);

    step('starting the relay (a compute node too) and pinning the demo models');
    relayKey = await fundComputeAccount(deployments, RELAY_COMPUTE_ACCOUNT, stateDir);
    ballotKey = writeAccountKey(RELAY_BALLOT_ACCOUNT, stateDir);
    const relay = await startRelay();
    for (const model of published) {
      for (const cid of [model.cid, model.cardCid]) {
        if (!relay.pins.some((pin) => pin.cid === cid))
          throw new Error(`the relay pinned no block for ${model.name} (${cid})`);
      }
    }

    const extraRelays: Stack['extraRelays'] = [];
    for (const [i, extra] of (options.extraRelays ?? []).entries()) {
      step(`starting relay ${i + 2} (compute node of dev account ${extra.account})`);
      const key = await fundComputeAccount(deployments, extra.account, stateDir);
      const args = [
        ...relayArgs(`relay-${i + 2}`, 0, 0, 0, key, extra.pin),
        ...(extra.substitute ? ['--substitute', `${extra.substitute.cid}=${extra.substitute.file}`] : []),
        ...(extra.args ?? []),
      ];
      const child = startChild(`relay-${i + 2}`, bin('node'), args, { cwd: root, echo: options.echo });
      children.push(child);
      record();
      extraRelays.push({ status: await child.waitForLine(relayReady, 120_000), stop: () => child.stop() });
    }

    const config: AppConfig = {
      deployments,
      relays: [...relay.multiaddrs, ...extraRelays.flatMap((r) => r.status.multiaddrs)],
      relayHttp: relay.http,
      fetchTimeoutMs: options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
      iceServers: [],
    };
    step('serving the app');
    const served = await serveApp(join(root, 'dist'), config, HOST, options.appPort);
    server = served.server;
    return {
      appUrl: served.url,
      config,
      relay,
      extraRelays,
      stopRelay: async () => relayChild?.stop(),
      relayPid: () => relayChild?.process.pid,
      startRelay,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A stack on free loopback ports, for tests and benchmarks that must not collide with `npm start`. */
export async function startStackOnFreePorts(
  options: Pick<StackOptions, 'root' | 'stateDir' | 'fetchTimeoutMs' | 'extraRelays'>,
): Promise<Stack> {
  return startStack({
    ...options,
    chainPort: await freePort(),
    relayPort: await freePort(),
    relayHttpPort: await freePort(),
    dnsPort: 0,
    appPort: 0,
  });
}
