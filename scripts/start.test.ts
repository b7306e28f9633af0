// `npm start` as a newcomer runs it: on a fresh clone with no build output, it prints the app's URL
// last, the chain, the relay and the app answer, Ctrl-C stops every process it started (their ports
// are free again), and a second start works as is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createPublicClient, http } from 'viem';
import { DEV_ACCOUNT_JOY } from '../contracts/deploy.ts';
import { joyTokenAbi } from '@permanet/core/chain/abi/generated';
import { devAccount } from '@permanet/core/chain/dev-accounts';
import { BUILD_OUTPUTS, freshClone } from './lib/fresh-clone.ts';
import { freePort } from './lib/free-port.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const stateDir = mkdtempSync(join(tmpdir(), 'permanet-start-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

async function startOnce(ports: Record<string, number>, tree = root) {
  const child = spawn(process.execPath, [join(tree, 'scripts', 'start.ts')], {
    cwd: tree,
    env: {
      ...process.env,
      PERMANET_STATE_DIR: stateDir,
      PERMANET_CHAIN_PORT: String(ports.chain),
      PERMANET_RELAY_PORT: String(ports.relay),
      PERMANET_RELAY_HTTP_PORT: String(ports.relayHttp),
      PERMANET_APP_PORT: String(ports.app),
      PERMANET_DNS_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /PermaNet is running: (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

// Each test starts the whole stack (chain, four contracts, relay, app) twice: minutes on a busy 2-core machine.
const STACK_TWICE_MS = 180_000;

const freePorts = async () => ({
  chain: await freePort(),
  relay: await freePort(),
  relayHttp: await freePort(),
  app: await freePort(),
});

// The build from nothing (contracts, ABIs, the app) and one start: minutes on a busy 2-core machine.
const BUILD_AND_START_MS = 300_000;

describe('npm start on a fresh clone', () => {
  const clone = freshClone(root);
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it(
    'builds what it needs before anything imports it, starts, answers, and stops on Ctrl-C',
    async () => {
      for (const output of BUILD_OUTPUTS) expect(existsSync(join(clone, output)), output).toBe(false);
      // The relay's own command works from its folder before anything is built.
      const help = spawnSync('npx', ['--no-install', 'permanet-relay', '--help'], { cwd: join(clone, 'relay') });
      expect(help.stdout.toString(), help.stderr.toString()).toMatch(/^Usage: permanet-relay \[options\]/);
      const ports = await freePorts();
      const { child, url } = await startOnce(ports, clone);
      expect(url).toBe(`http://127.0.0.1:${ports.app}/`);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const config = await (await fetch(`${url}config.json`)).json();
      const chain = createPublicClient({ transport: http(config.deployments.rpcUrl) });
      expect(await chain.getChainId()).toBe(config.deployments.chainId);
      expect(await chain.getCode({ address: config.deployments.contracts.JoyToken.address })).toMatch(
        /^0x[0-9a-f]{100}/,
      );
      const relay = await (await fetch(`http://127.0.0.1:${ports.relayHttp}/status`)).json();
      expect(relay.pins.length).toBeGreaterThan(0);

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      for (const port of Object.values(ports)) expect(await portIsFree(port), `port ${port}`).toBe(true);
    },
    BUILD_AND_START_MS,
  );
});

describe('npm start', () => {
  it(
    'starts everything, prints the URL last, stops everything on Ctrl-C, and starts again',
    async () => {
      const ports = await freePorts();
      for (const round of [1, 2]) {
        const { child, url, output } = await startOnce(ports);
        expect(url).toBe(`http://127.0.0.1:${ports.app}/`);
        expect(output()).toContain(`relay      /ip4/127.0.0.1/tcp/${ports.relay}/ws/p2p/`);
        const config = await (await fetch(`${url}config.json`)).json();
        expect(config.deployments.rpcUrl).toBe(`http://127.0.0.1:${ports.chain}`);
        // The dev accounts hold JOY at once, so a newcomer can stake and pay.
        const chain = createPublicClient({ transport: http(config.deployments.rpcUrl) });
        const joy = await chain.readContract({
          address: config.deployments.contracts.JoyToken.address,
          abi: joyTokenAbi,
          functionName: 'balanceOf',
          args: [devAccount(1).address],
        });
        expect(joy).toBe(DEV_ACCOUNT_JOY);
        expect((await fetch(url)).headers.get('cross-origin-embedder-policy')).toBe('require-corp');

        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        expect(await exited, `round ${round}`).toBe(0);
        for (const port of Object.values(ports))
          expect(await portIsFree(port), `port ${port} after round ${round}`).toBe(true);
      }
    },
    STACK_TWICE_MS,
  );

  it(
    'cleans up after a run that was killed outright, and names a port that another program holds',
    async () => {
      const ports = await freePorts();
      // kill -9 gives the start script no chance to stop its children.
      const killed = await startOnce(ports);
      const left = JSON.parse(readFileSync(join(stateDir, 'processes.json'), 'utf8')) as number[];
      expect(left).toHaveLength(2);
      const gone = new Promise((resolve) => killed.child.once('exit', resolve));
      killed.child.kill('SIGKILL');
      await gone;
      // The relay outlives its parent (the chain may not: its next log line meets a closed pipe).
      expect(await portIsFree(ports.relay)).toBe(false);

      const again = await startOnce(ports);
      expect(again.output()).toMatch(/ended [12] process\(es\) a previous run left behind/);
      for (const pid of left) expect(existsSync(`/proc/${pid}`), `process ${pid} of the killed run`).toBe(false);
      const exited = new Promise((resolve) => again.child.once('exit', resolve));
      again.child.kill('SIGINT');
      expect(await exited).toBe(0);

      const squatter = createServer().listen(ports.app, '127.0.0.1');
      await new Promise((resolve) => squatter.once('listening', resolve));
      try {
        const error = await startOnce(ports).then(
          () => null,
          (e: Error) => e,
        );
        expect(error?.message).toContain(
          `port ${ports.app} on 127.0.0.1 (the app) is in use by another program; ` +
            'stop it or set PERMANET_APP_PORT to another port',
        );
        for (const port of [ports.chain, ports.relay, ports.relayHttp]) expect(await portIsFree(port)).toBe(true);
      } finally {
        squatter.close();
      }
    },
    STACK_TWICE_MS,
  );
});
