// `npm start` as a newcomer runs it: it prints the app's URL last, the app answers, Ctrl-C stops
// every process it started (their ports are free again), and a second start works as is.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
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

async function startOnce(ports: Record<string, number>) {
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PERMANET_STATE_DIR: stateDir,
      PERMANET_CHAIN_PORT: String(ports.chain),
      PERMANET_RELAY_PORT: String(ports.relay),
      PERMANET_RELAY_HTTP_PORT: String(ports.relayHttp),
      PERMANET_APP_PORT: String(ports.app),
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

describe('npm start', () => {
  it('starts everything, prints the URL last, stops everything on Ctrl-C, and starts again', async () => {
    const ports = { chain: await freePort(), relay: await freePort(), relayHttp: await freePort(), app: await freePort() };
    for (const round of [1, 2]) {
      const { child, url, output } = await startOnce(ports);
      expect(url).toBe(`http://127.0.0.1:${ports.app}/`);
      expect(output()).toContain(`relay      /ip4/127.0.0.1/tcp/${ports.relay}/ws/p2p/`);
      const config = await (await fetch(`${url}config.json`)).json();
      expect(config.deployments.rpcUrl).toBe(`http://127.0.0.1:${ports.chain}`);
      expect((await fetch(url)).headers.get('cross-origin-embedder-policy')).toBe('require-corp');

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited, `round ${round}`).toBe(0);
      for (const port of Object.values(ports)) expect(await portIsFree(port), `port ${port} after round ${round}`).toBe(true);
    }
  });
});
