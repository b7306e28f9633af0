// The benchmark's measures, in the order they run (the WebRTC fetch drops the relay's copy of the
// VAD model, so it runs after everything that fetches that model from the relay). Each has a name
// (`npm run bench -- fetch` runs that one), what it runs, and rows whose targets the table checks.
//   - inference latency: browser WASM (in the worker) ÷ onnxruntime-node, for each demo model
//   - model fetch throughput: Helia/bitswap in the page ÷ plain HTTP of the same bytes, same relay;
//     and from another tab over WebRTC ÷ from the relay over websockets
//   - cold first-paint JS (gzip); time to first inference on a repeat visit (IndexedDB hit) and
//     on reopening a model in the same tab (ready-session hit)
//   - gas of the marketplace's and the token's everyday transactions
//   - the compute network: inference round trip minus compute (p50, p99) from a Chromium page and
//     from a Node peer, throughput with and without batching at 1, 8 and 32 clients, gas of a
//     K = 3 task, request → settlement time; a task's gas with 3, 64 and 1,000 registered nodes
//   - proof of inference with zero knowledge (the digit model's circuit): proving time in the
//     page's worker and in the relay ÷ witness time, verification gas, the artifacts' sizes
//   - peak memory: the relay's RSS under a flood of 1 MiB inference requests, the page's JS heap
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { messageOf } from '@permanet/core/errors/permanet-error';
import { withoutPrefetch } from '../../tests/e2e/without-prefetch.ts';
import {
  digitsTarget,
  pageRoundTripOverhead,
  roundTripOverhead,
  taskGasAndSettlement,
  throughput,
} from '../lib/compute-bench.ts';
import { measureMarketplaceGas } from '../lib/marketplace-gas.ts';
import { pageProving, relayProving, provingArtifactSizes, provingGas } from '../lib/proving-bench.ts';
import { startChainAndRelay } from '../lib/chain-and-relay.ts';
import { demoFilesToPin, publishDemoModels } from '../lib/publish-demo-models.ts';
import { LOAD_LISTEN, LOAD_MEMORY_BUDGET, LOAD_YAML, loadRelay } from '../lib/relay-load.ts';
import { dropFromRelay } from '../lib/relay-admin.ts';
import { ENS_GAS, namesGas, type NameStep } from '../lib/names-gas.ts';
import { governorGas, type GovernorStep } from '../lib/governor-gas.ts';
import { selectionGas } from '../lib/selection-gas.ts';
import {
  digitSamples as samples,
  digitsModel as digits,
  fileCid,
  referenceDigits,
  referenceSpeech,
  speechModel as speech,
} from '../lib/reference.ts';
import type { Stack } from '../lib/stack.ts';
import { devAccount } from '@permanet/core/chain/dev-accounts';

export const RUNS = 50;
export const FETCH_RUNS = 3;
const ROUND_TRIPS = 300;
const THROUGHPUT_MS = 5000;
const PROOFS = 5;

/** What every measure runs against: one stack (chain, a relay, two compute relays, the app) and one browser. */
export interface Bench {
  root: string;
  stack: Stack;
  browser: Browser;
  /** A value several measures use, computed by the first that asks. */
  shared<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/** A target: the ratio must be at most (≤) or at least (≥) this. */
export interface Target {
  at: '≤' | '≥';
  value: number;
}

export interface Row {
  measure: string;
  value: string;
  reference?: string;
  ratio?: number;
  target?: Target;
}

export interface Measure {
  name: string;
  /** What it runs, for the table's failures and `npm run bench -- --list`. */
  what: string;
  run(bench: Bench): Promise<Row[]>;
}

const at = (value: number): Target => ({ at: '≤', value });
const least = (value: number): Target => ({ at: '≥', value });
const ms = (value: number, digits = 0) => `${value.toFixed(digits)} ms`;
const mbps = (bytesPerSecond: number) => `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const gas = (used: bigint | number) => used.toLocaleString('en');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ---- references in Node -----------------------------------------------------------------
async function nodeDigitsLatency(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    const { ms } = await referenceDigits(samples[i % samples.length].pixels);
    if (i >= 5) times.push(ms);
  }
  return median(times);
}

async function nodeSpeechFrameLatency(): Promise<number> {
  const { frameMs } = await referenceSpeech();
  return frameMs.reduce((a, b) => a + b, 0) / frameMs.length;
}

// ---- the page ------------------------------------------------------------------------------
let peakHeap = 0;
async function sampleHeap(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  peakHeap = Math.max(peakHeap, usedSize);
  await cdp.detach();
}

/** Waits for the model page to be ready; a page that failed says why. */
async function modelReady(page: Page) {
  const settled = page.locator(
    '[data-testid=model-page][data-phase=ready], [data-testid=model-page][data-phase=failed]',
  );
  await settled.waitFor({ timeout: 120_000 });
  if ((await settled.getAttribute('data-phase')) === 'failed')
    throw new Error(`the model page failed: ${await page.getByTestId('model-error').innerText()}`);
}

async function openModel(page: Page, stack: Stack, name: string) {
  await page.goto(stack.appUrl);
  await page.getByRole('link', { name }).click();
  await modelReady(page);
}

async function useWasm(page: Page) {
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.locator('[data-testid=backend][data-backend=wasm]').waitFor();
}

async function browserDigitsLatency(page: Page): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    await page.getByTestId('sample-digit').click();
    await page
      .getByTestId('sample-info')
      .filter({ hasText: `held-out sample ${i % samples.length},` })
      .waitFor();
    await page.locator('[data-testid=probabilities]').waitFor();
    if (i >= 5) times.push(Number(await page.getByTestId('latency').getAttribute('data-ms')));
  }
  return median(times);
}

async function browserSpeechFrameLatency(page: Page): Promise<number> {
  await page.getByTestId('speech-sample').click();
  const result = page.getByTestId('speech-result');
  await result.waitFor({ timeout: 120_000 });
  const text = (await result.textContent()) ?? '';
  const frames = Number(await result.getAttribute('data-frames'));
  const total = /frames in ([\d.]+) (ms|s)/.exec(text)!;
  return (Number(total[1]) * (total[2] === 's' ? 1000 : 1)) / frames;
}

/** Fresh contexts (empty IndexedDB) fetch the VAD model over bitswap; the same page fetches the
 * same bytes from the same relay over plain HTTP. Both include reading every byte. */
async function fetchThroughput(browser: Browser, stack: Stack) {
  const bytes = readFileSync(speech.file).length;
  const helia: number[] = [];
  const http: number[] = [];
  const cid = await fileCid(speech.file);
  for (let i = 0; i < FETCH_RUNS; i++) {
    const context = await withoutPrefetch(await browser.newContext());
    const page = await context.newPage();
    // Measure the transfer, not the dial: wait until the relay is connected.
    await page.goto(stack.appUrl);
    await page.locator(`[data-testid=peer-status][data-connected="${stack.config.relays.length}"]`).waitFor();
    await page.getByRole('link', { name: speech.name }).click();
    await modelReady(page);
    helia.push(bytes / (Number(await page.getByTestId('fetch-source').getAttribute('data-ms')) / 1000));
    const url = `${stack.config.relayHttp}/ipfs/${cid}`;
    const ms = await page.evaluate(async (u) => {
      const started = performance.now();
      const body = await (await fetch(u, { cache: 'no-store' })).arrayBuffer();
      if (body.byteLength === 0) throw new Error('empty body');
      return performance.now() - started;
    }, url);
    http.push(bytes / (ms / 1000));
    await sampleHeap(page);
    await context.close();
  }
  return { helia: median(helia), http: median(http) };
}

/** The JS a cold visit downloads before the first paint: index.html's scripts and preloads. */
const HEAVY_MARKERS = {
  onnxruntime: 'onnxruntime',
  libp2p: '/ipfs/id/1.0.0',
  helia: 'helia:routing',
  bitswap: '/ipfs/bitswap/1.2.0',
  AppKit: 'w3m-modal',
};

function firstPaintJs(root: string) {
  const html = readFileSync(join(root, 'dist/index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let gzip = 0;
  const heavy = new Set<string>();
  for (const file of files) {
    const body = readFileSync(join(root, 'dist', file));
    gzip += gzipSync(body, { level: 9 }).length;
    const text = body.toString();
    // Strings only the libraries' own code holds (a field named `libp2p` in app code is no library).
    for (const [name, marker] of Object.entries(HEAVY_MARKERS)) if (text.includes(marker)) heavy.add(name);
  }
  return { gzip, files: files.length, heavy: [...heavy] };
}

async function firstInference(page: Page): Promise<void> {
  await page.getByRole('link', { name: digits.name }).click();
  await modelReady(page);
  await page.getByTestId('sample-digit').click();
  await page.locator('[data-testid=probabilities]').waitFor();
}

/** Navigation → first probabilities on a new page load: weights from IndexedDB, a new session. */
async function repeatVisitFirstInference(page: Page, stack: Stack): Promise<number> {
  const started = performance.now();
  await page.goto(`${stack.appUrl}`);
  await firstInference(page);
  return performance.now() - started;
}

/** Opening the model again in the same tab: its session is still loaded (the session pool). */
async function warmSessionFirstInference(page: Page): Promise<number> {
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await page.getByTestId('model-list').waitFor();
  const started = performance.now();
  await firstInference(page);
  if ((await page.getByTestId('fetch-source').getAttribute('data-from')) !== 'session')
    throw new Error('the reopened model was not served by its ready session');
  return performance.now() - started;
}

/**
 * One tab holds the VAD model (fetched from the relay); the relay drops its copy; fresh tabs then
 * fetch it from the holder over WebRTC. Runs last: the relay no longer has the model after it.
 */
async function webrtcThroughput(browser: Browser, stack: Stack): Promise<{ rate: number; failures: string[] }> {
  const bytes = readFileSync(speech.file).length;
  const cid = await fileCid(speech.file);
  const holder = await (
    await withoutPrefetch(await browser.newContext({ permissions: ['camera', 'microphone'] }))
  ).newPage();
  await openModel(holder, stack, speech.name);
  // The relay drops its copy once the holder is the one tab it knows to hold the model (the
  // throughput runs' closed tabs forgotten), so every byte comes from the holder.
  const holderPeer = await holder.getByTestId('peer-status').getAttribute('data-peer-id');
  const holders = async () =>
    ((await (await fetch(`${stack.config.relayHttp}/providers/${cid}`)).json()) as { peer: string }[])
      .map((p) => p.peer)
      .join();
  while ((await holders()) !== holderPeer) await new Promise((resolve) => setTimeout(resolve, 100));
  if ((await dropFromRelay(stack.relay, cid)).status !== 200) throw new Error('the relay did not drop its copy');
  const rates: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < FETCH_RUNS; i++) {
    const context = await withoutPrefetch(await browser.newContext({ permissions: ['camera', 'microphone'] }));
    const page = await context.newPage();
    try {
      await page.goto(stack.appUrl);
      await page.locator(`[data-testid=peer-status][data-connected="${stack.config.relays.length}"]`).waitFor();
      await page.getByRole('link', { name: speech.name }).click();
      await modelReady(page);
      const kinds = await page
        .locator('[data-testid=served-by] li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
      if (kinds.join() !== 'tab') throw new Error(`expected the bytes from one tab, got ${kinds.join() || 'none'}`);
      rates.push(bytes / (Number(await page.getByTestId('fetch-source').getAttribute('data-ms')) / 1000));
      await sampleHeap(page);
    } catch (error) {
      // Reported, not hidden: a failed run shows in the table.
      failures.push(messageOf(error));
    }
    await context.close();
  }
  await holder.context().close();
  return { rate: rates.length ? median(rates) : NaN, failures };
}

/** The relay's peak resident memory so far (VmHWM). */
function peakRss(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** A page with the digit model open and a sample drawn (what the compute and proving rows start from). */
async function digitsPage(bench: Bench): Promise<Page> {
  const page = await (await withoutPrefetch(await bench.browser.newContext())).newPage();
  await openModel(page, bench.stack, digits.name);
  await page.getByTestId('sample-digit').click();
  await page.locator('[data-testid=probabilities]').waitFor();
  return page;
}

const relayFetch = (bench: Bench) => bench.shared('relay fetch', () => fetchThroughput(bench.browser, bench.stack));
const computeRelays = (bench: Bench) => {
  const [batched, unbatched] = bench.stack.extraRelays.map((r) => r.status);
  return { batched, unbatched };
};
const target = (bench: Bench) => bench.shared('digits target', () => digitsTarget(bench.stack.config.deployments));

export const MEASURES: Measure[] = [
  {
    name: 'inference',
    what: 'digits and silero-vad latency: browser WASM in the worker, and onnxruntime-node',
    async run(bench) {
      const nodeDigits = await nodeDigitsLatency();
      const nodeSpeech = await nodeSpeechFrameLatency();
      const context = await withoutPrefetch(await bench.browser.newContext());
      const page = await context.newPage();
      await openModel(page, bench.stack, digits.name);
      await useWasm(page);
      const browserDigits = await browserDigitsLatency(page);
      await sampleHeap(page);
      await openModel(page, bench.stack, speech.name);
      await useWasm(page);
      const browserSpeech = await browserSpeechFrameLatency(page);
      await sampleHeap(page);
      await context.close();
      return [
        {
          measure: 'digits inference, browser WASM ÷ onnxruntime-node (median)',
          value: ms(browserDigits, 3),
          reference: ms(nodeDigits, 3),
          ratio: browserDigits / nodeDigits,
          target: at(1.5),
        },
        {
          measure: 'silero-vad frame, browser WASM ÷ onnxruntime-node (mean)',
          value: ms(browserSpeech, 3),
          reference: ms(nodeSpeech, 3),
          ratio: browserSpeech / nodeSpeech,
          target: at(1.5),
        },
      ];
    },
  },
  {
    name: 'first-inference',
    what: 'navigation to the first probabilities: a repeat visit (IndexedDB) and a ready session',
    async run(bench) {
      const context = await withoutPrefetch(await bench.browser.newContext());
      const page = await context.newPage();
      await openModel(page, bench.stack, digits.name);
      const repeat = await repeatVisitFirstInference(page, bench.stack);
      const warm = await warmSessionFirstInference(page);
      await sampleHeap(page);
      await context.close();
      return [
        { measure: 'time to first inference, repeat visit (navigation → probabilities)', value: ms(repeat) },
        {
          measure: 'time to first inference: ready session ÷ IndexedDB hit (repeat visit)',
          value: ms(warm),
          reference: ms(repeat),
          ratio: warm / repeat,
          target: at(0.25),
        },
      ];
    },
  },
  {
    name: 'fetch',
    what: 'the VAD model fetched in fresh tabs over bitswap, and over plain HTTP, from one relay',
    async run(bench) {
      const fetched = await relayFetch(bench);
      return [
        {
          measure: 'model fetch, Helia/bitswap ÷ plain HTTP, same relay (2.3 MB)',
          value: mbps(fetched.helia),
          reference: mbps(fetched.http),
          ratio: fetched.helia / fetched.http,
          target: least(0.5),
        },
        { measure: 'peak relay RSS while serving models', value: mib(peakRss(bench.stack.relayPid())) },
      ];
    },
  },
  {
    name: 'first-paint',
    what: "the JS a cold visit loads before the first paint, from the build's index.html",
    async run(bench) {
      const paint = firstPaintJs(bench.root);
      return [
        {
          measure: 'cold first-paint JS, gzip',
          value: `${(paint.gzip / 1024).toFixed(1)} KiB in ${paint.files} files`,
          reference: '200 KiB',
          ratio: paint.gzip / 1024 / 200,
          target: at(1.0),
        },
        {
          measure: 'heavy libraries in the first paint (onnxruntime, libp2p, Helia, AppKit)',
          value: paint.heavy.length ? paint.heavy.join(', ') : 'none',
          reference: 'none',
        },
      ];
    },
  },
  {
    name: 'gas',
    what: "the marketplace's and the token's everyday transactions",
    async run(bench) {
      const used = await measureMarketplaceGas(bench.stack.config.deployments);
      return Object.entries(used).map(([action, amount]) => ({ measure: `gas: ${action}`, value: gas(amount) }));
    },
  },
  {
    name: 'compute',
    what: 'network inference round trips less the provider compute, from a Chromium page and a Node peer',
    async run(bench) {
      const { batched, unbatched } = computeRelays(bench);
      const page = await digitsPage(bench);
      const fromPage = await pageRoundTripOverhead(page, unbatched, ROUND_TRIPS);
      const fromPageBatched = await pageRoundTripOverhead(page, batched, ROUND_TRIPS);
      await sampleHeap(page);
      await page.context().close();
      const fromNode = await roundTripOverhead(unbatched, await target(bench), ROUND_TRIPS);
      return [
        {
          measure:
            'network inference round trip − provider compute, p50: Chromium page ÷ Node peer (digits, no batching ' +
            'wait)',
          value: ms(fromPage.p50, 2),
          reference: ms(fromNode.p50, 2),
          ratio: fromPage.p50 / fromNode.p50,
        },
        {
          measure:
            'network inference round trip − provider compute, p99: Chromium page ÷ Node peer (digits, no batching ' +
            'wait)',
          value: ms(fromPage.p99, 2),
          reference: ms(fromNode.p99, 2),
          ratio: fromPage.p99 / fromNode.p99,
        },
        { measure: 'provider compute, p50 (digits, onnxruntime-node on the relay)', value: ms(fromPage.computeP50, 3) },
        {
          measure: 'network inference round trip − compute, p50 / p99, Chromium page to the batching relay',
          value: `${fromPageBatched.p50.toFixed(2)} / ${fromPageBatched.p99.toFixed(2)} ms`,
        },
        {
          measure: "network inference round trip from the page, p99 (digits) ÷ the seed's 100 ms promise",
          value: ms(fromPage.roundTripP99, 2),
          reference: '100 ms',
          ratio: fromPage.roundTripP99 / 100,
          target: at(1.0),
        },
      ];
    },
  },
  {
    name: 'throughput',
    what: 'inference requests per second from 1, 8 and 32 Node clients, batching relay and not, side by side',
    async run(bench) {
      const { batched, unbatched } = computeRelays(bench);
      const rows: Row[] = [];
      for (const clients of [1, 8, 32]) {
        const [b, u] = await throughput([batched, unbatched], await target(bench), clients, THROUGHPUT_MS);
        rows.push({
          measure:
            `inference throughput, ${clients} client${clients > 1 ? 's' : ''}: batching ÷ none (mean batch ` +
            `${b.meanBatch.toFixed(1)})`,
          value: `${b.rps.toFixed(0)} req/s`,
          reference: `${u.rps.toFixed(0)} req/s`,
          ratio: b.rps / u.rps,
          target: clients > 1 ? least(1.0) : undefined,
        });
      }
      return rows;
    },
  },
  {
    name: 'task',
    what: 'one K = 3 task on the three relays: its gas and the time to settlement',
    async run(bench) {
      const { batched, unbatched } = computeRelays(bench);
      const task = await taskGasAndSettlement(
        bench.stack.config.deployments,
        [bench.stack.relay, batched, unbatched],
        await target(bench),
      );
      const g = task.gas;
      return [
        {
          measure: 'gas: one K = 3 task (create + assign + 3 commits + 3 reveals + settle)',
          value: gas(task.total),
          reference:
            `create ${gas(g.createTask)}, assign ${gas(g.assign)}, commits ${gas(g.commits)}, ` +
            `reveals ${gas(g.reveals)}, settle ${gas(g.settle)}`,
        },
        {
          measure: 'time from request to settlement, K = 3 (dev chain, automine)',
          value: `${(task.settlementMs / 1000).toFixed(2)} s`,
        },
      ];
    },
  },
  {
    name: 'selection',
    what: "a K = 3 task's gas with 3 nodes, a full candidate list and 1,000 registered nodes (in-process chain)",
    async run() {
      const { cap, registered, few, full, crowd } = await selectionGas();
      const row = (what: keyof typeof few) => ({
        measure: `gas: ${what}, ${registered.toLocaleString('en')} registered nodes ÷ ${cap} (a full list)`,
        value: gas(crowd[what]),
        reference: `${gas(full[what])} (${gas(few[what])} with 3 nodes)`,
        ratio: Number(crowd[what]) / Number(full[what]),
        target: at(1.01),
      });
      return [row('createTask'), row('assign'), row('settle')];
    },
  },
  {
    name: 'names',
    what: "gas of a name's steps (in-process chain) ÷ ENS's for the same steps, its mainnet bytecode",
    async run() {
      const steps = await namesGas();
      const row = (what: string, step: NameStep, ens: bigint, against = 'ENS') => ({
        measure: `gas: ${what} ÷ ${against}`,
        value: gas(steps[step]),
        reference: gas(ens),
        ratio: Number(steps[step]) / Number(ens),
        target: at(0.7),
      });
      return [
        row("commit, an account's first", 'firstCommit', ENS_GAS.commit),
        row("commit, an account's later names", 'commit', ENS_GAS.commit),
        row('register with an address record', 'register', ENS_GAS.register),
        row('register with an address record, one transferAndCall', 'registerInOneCall', ENS_GAS.register),
        row('register with an address and a model link, one call', 'registerWithModel', ENS_GAS.register),
        row('renew a year, one transferAndCall', 'renew', ENS_GAS.renew),
        row('set a new text record (19 characters)', 'setText', ENS_GAS.setText),
        row('set an IPFS content hash', 'setContenthash', ENS_GAS.setContenthash),
        row('subdomain with its address, one multicall', 'subdomain', ENS_GAS.subdomain),
        // A subdomain here is a token (ERC-721), as ENS's is only once wrapped (ERC-1155).
        row('subdomain with its address', 'subdomain', ENS_GAS.wrappedSubdomain, 'ENS wrapped'),
      ];
    },
  },
  {
    name: 'governance',
    what: "gas of a TLD DAO's Governor steps ÷ a stock OpenZeppelin Governor + ERC20Votes's, in the same run",
    async run() {
      const { tld, stock } = await governorGas();
      const row = (what: string, step: GovernorStep, target?: number) => ({
        measure: `gas: ${what} ÷ stock Governor`,
        value: gas(tld[step]),
        reference: gas(stock[step]),
        ratio: Number(tld[step]) / Number(stock[step]),
        target: target === undefined ? undefined : at(target),
      });
      return [
        row('propose (one call)', 'propose'),
        row('castVote (not the first vote)', 'castVote', 0.8),
        row('castVoteBySig, relayed', 'castVoteBySig'),
        row('queue', 'queue'),
        row('execute', 'execute'),
      ];
    },
  },
  {
    name: 'proving',
    what: "proofs of the digit model in the page's worker and on the relay, their gas and artifacts",
    async run(bench) {
      const page = await digitsPage(bench);
      const browserProof = await pageProving(page, PROOFS);
      await sampleHeap(page);
      await page.context().close();
      const relayProof = await relayProving(bench.stack.relay, (await target(bench)).id, PROOFS);
      const proofGas = await provingGas(bench.stack.config.deployments, (await target(bench)).id, browserProof.proof);
      const artifacts = provingArtifactSizes();
      const inPage = browserProof.witnessMs + browserProof.proveMs;
      const onRelay = relayProof.witnessMs + relayProof.proveMs;
      return [
        {
          measure:
            `proof of the digit model (${artifacts.constraints.toLocaleString('en')} constraints), browser ` +
            `worker: witness + proof ÷ witness`,
          value: ms(inPage),
          reference: `${ms(browserProof.witnessMs)} witness`,
          ratio: inPage / browserProof.witnessMs,
        },
        {
          measure: 'proof of the digit model, browser worker ÷ the 2 s target',
          value: ms(inPage),
          reference: '2000 ms',
          ratio: inPage / 2000,
          target: at(1.0),
        },
        {
          measure: 'proof of the digit model, relay (snarkjs CPU prover): witness + proof ÷ witness',
          value: ms(onRelay),
          reference: `${ms(relayProof.witnessMs)} witness`,
          ratio: onRelay / relayProof.witnessMs,
        },
        {
          measure: 'proof, browser worker ÷ relay',
          value: ms(inPage),
          reference: ms(onRelay),
          ratio: inPage / onRelay,
        },
        {
          measure: 'proof asked of the relay: round trip ÷ its witness + proof',
          value: ms(relayProof.roundTripMs),
          reference: ms(onRelay),
          ratio: relayProof.roundTripMs / onRelay,
        },
        {
          measure: 'gas: verify a proof (isValidProof) ÷ the 300k target',
          value: gas(proofGas.verify),
          reference: '300,000',
          ratio: Number(proofGas.verify) / 300_000,
          target: at(1.0),
        },
        {
          measure: 'gas: open a proof task / settle it with the proof',
          value: `${gas(proofGas.create)} / ${gas(proofGas.settle)}`,
        },
        {
          measure: 'proving artifacts: circuit wasm (gzip) / proving key',
          value: `${mib(artifacts.wasm)} (${mib(artifacts.wasmGzip)}) / ${mib(artifacts.zkey)}`,
        },
        { measure: 'peak relay RSS after proving', value: mib(peakRss(bench.stack.relayPid())) },
      ];
    },
  },
  {
    name: 'webrtc',
    what: 'the VAD model fetched in fresh tabs from another tab over WebRTC, after the relay dropped its copy',
    async run(bench) {
      const fetched = await relayFetch(bench);
      const webrtc = await webrtcThroughput(bench.browser, bench.stack);
      const failed = webrtc.failures.length;
      return [
        {
          measure:
            `model fetch, from a tab over WebRTC ÷ from the relay (bitswap ` +
            `both)${failed ? `, ${failed} of ${FETCH_RUNS} runs failed: ${webrtc.failures.join('; ')}` : ''}`,
          value: mbps(webrtc.rate),
          reference: mbps(fetched.helia),
          ratio: webrtc.rate / fetched.helia,
          target: least(1.0),
        },
      ];
    },
  },
  {
    name: 'load',
    what:
      "the relay's resident memory under 300 fresh peer ids, pins past quota and three rounds of 256 inference " +
      'requests of 1 MiB at once (its own chain and relay, as in the limits test), and an honest peer meanwhile',
    async run() {
      const cards = mkdtempSync(join(tmpdir(), 'bench-load-'));
      const network = await startChainAndRelay({
        yaml: LOAD_YAML,
        listen: LOAD_LISTEN,
        pins: demoFilesToPin(cards),
        beforeRelay: (deployments) => publishDemoModels(deployments, cards).then(() => {}),
      });
      try {
        const { before, peak, honest } = await loadRelay(network, devAccount(0));
        return [
          {
            measure: 'relay RSS growth under load ÷ its budget (README)',
            value: mib(peak - before),
            reference: `${mib(LOAD_MEMORY_BUDGET)} (from ${mib(before)} to ${mib(peak)})`,
            ratio: (peak - before) / LOAD_MEMORY_BUDGET,
            target: at(1),
          },
          {
            measure: `honest inference under that load, slowest of ${honest.asked} (${honest.served} served)`,
            value: ms(honest.slowestMs),
          },
        ];
      } finally {
        await network.stop();
      }
    },
  },
  {
    name: 'memory',
    what: "the peak of the page's JS heap over every page the measures opened",
    async run() {
      return [{ measure: 'peak page JS heap (main thread)', value: mib(peakHeap) }];
    },
  },
];
