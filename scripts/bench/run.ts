// The benchmark (scripts/bench.ts builds first, then runs this): measures, in one run and side by side, the app against
// its references and
// prints one table of ratios with peak memory (relay RSS, page JS heap).
//   - inference latency: browser WASM (in the worker) ÷ onnxruntime-node, for each demo model
//   - model fetch throughput: Helia/bitswap in the page ÷ plain HTTP of the same bytes, same relay;
//     and from another tab over WebRTC ÷ from the relay over websockets
//   - cold first-paint JS (gzip); time to first inference on a repeat visit (IndexedDB hit) and
//     on reopening a model in the same tab (ready-session hit)
//   - gas of the marketplace's and the token's everyday transactions
//   - the compute network: inference round trip minus compute (p50, p99) from a Chromium page and
//     from a Node peer, throughput with and without batching at 1, 8 and 32 clients, gas of a
//     K = 3 task, request → settlement time
//   - proof of inference with zero knowledge (the digit model's circuit): proving time in the
//     page's worker and in the relay ÷ witness time, verification gas, the artifacts' sizes
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromiumArgs, chromiumPath } from '../../tests/e2e/chromium.ts';
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
import {
  digitSamples as samples,
  digitsModel as digits,
  fileCid,
  referenceDigits,
  referenceSpeech,
  speechModel as speech,
} from '../lib/reference.ts';
import { startStackOnFreePorts, type Stack } from '../lib/stack.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = 50;
const FETCH_RUNS = 3;
const ROUND_TRIPS = 300;
const THROUGHPUT_MS = 5000;
const PROOFS = 5;

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

function firstPaintJs() {
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
  if ((await fetch(`${stack.config.relayHttp}/ipfs/${cid}`, { method: 'DELETE' })).status !== 200)
    throw new Error('the relay did not drop its copy');
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
      failures.push((error as Error).message);
    }
    await context.close();
  }
  await holder.context().close();
  return { rate: rates.length ? median(rates) : NaN, failures };
}

function peakRss(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

// ---- run ---------------------------------------------------------------------------------
const stateDir = mkdtempSync(join(tmpdir(), 'permanet-bench-'));
// Two more relays for the compute rows: one batching (the default), one not (max batch 1); both
// without the per-peer rate limit, which would otherwise cap one client. They hold the digits
// model only and load nothing ahead, so the fetch rows still measure the first relay alone.
const computeOnly = { pin: [digits.name], args: ['--requests-per-second', '100000', '--preload', '0'] };
const stack = await startStackOnFreePorts({
  root,
  stateDir,
  extraRelays: [
    { account: 9, ...computeOnly },
    { account: 10, ...computeOnly, args: [...computeOnly.args, '--max-batch', '1'] },
  ],
});
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const nodeDigits = await nodeDigitsLatency();
  const nodeSpeech = await nodeSpeechFrameLatency();

  const context = await withoutPrefetch(await browser.newContext());
  const page = await context.newPage();
  await openModel(page, stack, digits.name);
  await useWasm(page);
  const browserDigits = await browserDigitsLatency(page);
  await sampleHeap(page);
  const repeat = await repeatVisitFirstInference(page, stack);
  const warm = await warmSessionFirstInference(page);
  await sampleHeap(page);
  await openModel(page, stack, speech.name);
  await useWasm(page);
  const browserSpeech = await browserSpeechFrameLatency(page);
  await sampleHeap(page);
  await context.close();

  const fetched = await fetchThroughput(browser, stack);
  const webrtc = await webrtcThroughput(browser, stack);
  const paint = firstPaintJs();
  const relayRss = peakRss(stack.relayPid());
  const gas = await measureMarketplaceGas(stack.config.deployments);

  const [batched, unbatched] = stack.extraRelays.map((r) => r.status);
  const target = await digitsTarget(stack.config.deployments);
  const computePage = await (await withoutPrefetch(await browser.newContext())).newPage();
  await openModel(computePage, stack, digits.name);
  await computePage.getByTestId('sample-digit').click();
  await computePage.locator('[data-testid=probabilities]').waitFor();
  const pageOverhead = await pageRoundTripOverhead(computePage, unbatched, ROUND_TRIPS);
  const pageOverheadBatched = await pageRoundTripOverhead(computePage, batched, ROUND_TRIPS);
  const browserProof = await pageProving(computePage, PROOFS);
  await sampleHeap(computePage);
  await computePage.context().close();
  const relayProof = await relayProving(stack.relay, target.id, PROOFS);
  const relayRssProving = peakRss(stack.relayPid());
  const proofGas = await provingGas(stack.config.deployments, target.id, browserProof.proof);
  const artifacts = provingArtifactSizes();
  const overhead = await roundTripOverhead(unbatched, target, ROUND_TRIPS);
  const rates: {
    clients: number;
    batched: { rps: number; meanBatch: number };
    unbatched: { rps: number; meanBatch: number };
  }[] = [];
  for (const clients of [1, 8, 32]) {
    const [b, u] = await throughput([batched, unbatched], target, clients, THROUGHPUT_MS);
    rates.push({ clients, batched: b, unbatched: u });
  }
  const task = await taskGasAndSettlement(stack.config.deployments, [stack.relay, batched, unbatched], target);

  const rows: [string, string, string, string, string][] = [
    [
      'digits inference, browser WASM ÷ onnxruntime-node (median)',
      `${browserDigits.toFixed(3)} ms`,
      `${nodeDigits.toFixed(3)} ms`,
      (browserDigits / nodeDigits).toFixed(2),
      '≤ 1.5',
    ],
    [
      'silero-vad frame, browser WASM ÷ onnxruntime-node (mean)',
      `${browserSpeech.toFixed(3)} ms`,
      `${nodeSpeech.toFixed(3)} ms`,
      (browserSpeech / nodeSpeech).toFixed(2),
      '≤ 1.5',
    ],
    [
      'model fetch, Helia/bitswap ÷ plain HTTP, same relay (2.3 MB)',
      `${(fetched.helia / 1e6).toFixed(1)} MB/s`,
      `${(fetched.http / 1e6).toFixed(1)} MB/s`,
      (fetched.helia / fetched.http).toFixed(2),
      '≥ 0.5',
    ],
    [
      `model fetch, from a tab over WebRTC ÷ from the relay (bitswap ` +
        `both)${webrtc.failures.length ? `, ${webrtc.failures.length} of ${FETCH_RUNS} runs failed` : ''}`,
      `${(webrtc.rate / 1e6).toFixed(1)} MB/s`,
      `${(fetched.helia / 1e6).toFixed(1)} MB/s`,
      (webrtc.rate / fetched.helia).toFixed(2),
      '≥ 1.0',
    ],
    [
      'cold first-paint JS, gzip',
      `${(paint.gzip / 1024).toFixed(1)} KiB in ${paint.files} files`,
      '200 KiB',
      (paint.gzip / 1024 / 200).toFixed(2),
      '≤ 1.0',
    ],
    [
      'heavy libraries in the first paint (onnxruntime, libp2p, Helia, AppKit)',
      paint.heavy.length ? paint.heavy.join(', ') : 'none',
      'none',
      '',
      '',
    ],
    ['time to first inference, repeat visit (navigation → probabilities)', `${repeat.toFixed(0)} ms`, '', '', ''],
    [
      'time to first inference: ready session ÷ IndexedDB hit (repeat visit)',
      `${warm.toFixed(0)} ms`,
      `${repeat.toFixed(0)} ms`,
      (warm / repeat).toFixed(2),
      '≤ 0.25',
    ],
    [
      'peak relay RSS: serving models / after proving too',
      `${(relayRss / 1024 / 1024).toFixed(1)} MiB / ${(relayRssProving / 1024 / 1024).toFixed(1)} MiB`,
      '',
      '',
      '',
    ],
    ['peak page JS heap (main thread)', `${(peakHeap / 1024 / 1024).toFixed(1)} MiB`, '', '', ''],
    ...Object.entries(gas).map(([action, used]): [string, string, string, string, string] => [
      `gas: ${action}`,
      used.toLocaleString('en'),
      '',
      '',
      '',
    ]),
    [
      'network inference round trip − provider compute, p50: Chromium page ÷ Node peer (digits, no batching wait)',
      `${pageOverhead.p50.toFixed(2)} ms`,
      `${overhead.p50.toFixed(2)} ms`,
      (pageOverhead.p50 / overhead.p50).toFixed(2),
      '',
    ],
    [
      'network inference round trip − provider compute, p99: Chromium page ÷ Node peer (digits, no batching wait)',
      `${pageOverhead.p99.toFixed(2)} ms`,
      `${overhead.p99.toFixed(2)} ms`,
      (pageOverhead.p99 / overhead.p99).toFixed(2),
      '',
    ],
    [
      'provider compute, p50 (digits, onnxruntime-node on the relay)',
      `${pageOverhead.computeP50.toFixed(3)} ms`,
      '',
      '',
      '',
    ],
    [
      'network inference round trip − compute, p50 / p99, Chromium page to the batching relay',
      `${pageOverheadBatched.p50.toFixed(2)} / ${pageOverheadBatched.p99.toFixed(2)} ms`,
      '',
      '',
      '',
    ],
    [
      "network inference round trip from the page, p99 (digits) ÷ the seed's 100 ms promise",
      `${pageOverhead.roundTripP99.toFixed(2)} ms`,
      '100 ms',
      (pageOverhead.roundTripP99 / 100).toFixed(2),
      '≤ 1.0',
    ],
    ...rates.map(({ clients, batched: b, unbatched: u }): [string, string, string, string, string] => [
      `inference throughput, ${clients} client${clients > 1 ? 's' : ''}: batching ÷ none (mean batch ` +
        `${b.meanBatch.toFixed(1)})`,
      `${b.rps.toFixed(0)} req/s`,
      `${u.rps.toFixed(0)} req/s`,
      (b.rps / u.rps).toFixed(2),
      clients > 1 ? '≥ 1.0' : '',
    ]),
    [
      'gas: one K = 3 task (create + 3 commits + 3 reveals + settle)',
      task.total.toLocaleString('en'),
      `create ${task.gas.createTask.toLocaleString('en')}, commits ${task.gas.commits.toLocaleString('en')}, reveals ` +
        `${task.gas.reveals.toLocaleString('en')}, settle ${task.gas.settle.toLocaleString('en')}`,
      '',
      '',
    ],
    [
      'time from request to settlement, K = 3 (dev chain, automine)',
      `${(task.settlementMs / 1000).toFixed(2)} s`,
      '',
      '',
      '',
    ],
    [
      `proof of the digit model (${artifacts.constraints.toLocaleString('en')} constraints), browser worker: witness ` +
        `+ proof ÷ witness`,
      `${(browserProof.witnessMs + browserProof.proveMs).toFixed(0)} ms`,
      `${browserProof.witnessMs.toFixed(0)} ms witness`,
      ((browserProof.witnessMs + browserProof.proveMs) / browserProof.witnessMs).toFixed(1),
      '',
    ],
    [
      'proof of the digit model, browser worker ÷ the 2 s target',
      `${(browserProof.witnessMs + browserProof.proveMs).toFixed(0)} ms`,
      '2000 ms',
      ((browserProof.witnessMs + browserProof.proveMs) / 2000).toFixed(2),
      '≤ 1.0',
    ],
    [
      'proof of the digit model, relay (snarkjs CPU prover): witness + proof ÷ witness',
      `${(relayProof.witnessMs + relayProof.proveMs).toFixed(0)} ms`,
      `${relayProof.witnessMs.toFixed(0)} ms witness`,
      ((relayProof.witnessMs + relayProof.proveMs) / relayProof.witnessMs).toFixed(1),
      '',
    ],
    [
      'proof, browser worker ÷ relay',
      `${(browserProof.witnessMs + browserProof.proveMs).toFixed(0)} ms`,
      `${(relayProof.witnessMs + relayProof.proveMs).toFixed(0)} ms`,
      ((browserProof.witnessMs + browserProof.proveMs) / (relayProof.witnessMs + relayProof.proveMs)).toFixed(2),
      '',
    ],
    [
      'proof asked of the relay: round trip ÷ its witness + proof',
      `${relayProof.roundTripMs.toFixed(0)} ms`,
      `${(relayProof.witnessMs + relayProof.proveMs).toFixed(0)} ms`,
      (relayProof.roundTripMs / (relayProof.witnessMs + relayProof.proveMs)).toFixed(2),
      '',
    ],
    [
      'gas: verify a proof (isValidProof) ÷ the 300k target',
      proofGas.verify.toLocaleString('en'),
      '300,000',
      (Number(proofGas.verify) / 300_000).toFixed(2),
      '≤ 1.0',
    ],
    [
      'gas: open a proof task / settle it with the proof',
      `${proofGas.create.toLocaleString('en')} / ${proofGas.settle.toLocaleString('en')}`,
      '',
      '',
      '',
    ],
    [
      'proving artifacts: circuit wasm (gzip) / proving key',
      `${(artifacts.wasm / 1024 / 1024).toFixed(2)} MiB (${(artifacts.wasmGzip / 1024 / 1024).toFixed(2)} MiB) / ` +
        `${(artifacts.zkey / 1024 / 1024).toFixed(2)} MiB`,
      '',
      '',
      '',
    ],
  ];
  const widths = [0, 1, 2, 3, 4].map((c) =>
    Math.max(...rows.map((r) => r[c].length), ['measure', 'PermaNet', 'reference', 'ratio', 'target'][c].length),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  console.log(`\n${line(['measure', 'PermaNet', 'reference', 'ratio', 'target'])}`);
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  for (const failure of webrtc.failures) console.log(`WebRTC fetch run failed: ${failure}`);
  console.log(
    `\n(${RUNS} runs per latency, ${FETCH_RUNS} fetches per throughput; ${new Date().toISOString()}, ` +
      `${process.version})`,
  );
} finally {
  await browser.close();
  await stack.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
