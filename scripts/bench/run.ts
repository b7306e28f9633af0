// The benchmark (scripts/bench.ts builds first, then runs this): one stack and one browser, the
// measures of measures.ts run side by side against them (all of them, or those named:
// `npm run bench -- fetch proving`; `-- --list` names them), then one table of ratios against
// their targets. A measure that fails is a row that says so; the others still run.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageOf } from '@permanet/core/errors/permanet-error';
import { chromiumArgs, chromiumPath } from '../../tests/e2e/chromium.ts';
import { digitsModel as digits } from '../lib/reference.ts';
import { startStackOnFreePorts } from '../lib/stack.ts';
import { type Bench, FETCH_RUNS, MEASURES, RUNS, type Row } from './measures.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const asked = process.argv.slice(2);
if (asked.includes('--list')) {
  for (const { name, what } of MEASURES) console.log(`${name.padEnd(16)} ${what}`);
  process.exit(0);
}
const unknown = asked.filter((name) => !MEASURES.some((m) => m.name === name));
if (unknown.length > 0) {
  console.error(`no such measure: ${unknown.join(', ')} (known: ${MEASURES.map((m) => m.name).join(', ')})`);
  process.exit(2);
}
const chosen = asked.length === 0 ? MEASURES : MEASURES.filter((m) => asked.includes(m.name));

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
const shared = new Map<string, Promise<unknown>>();
const bench: Bench = {
  root,
  stack,
  browser,
  shared: <T>(key: string, compute: () => Promise<T>) => {
    if (!shared.has(key)) shared.set(key, compute());
    return shared.get(key) as Promise<T>;
  },
};

const rows: Row[] = [];
let failed = 0;
try {
  for (const measure of chosen) {
    console.log(`• ${measure.name}: ${measure.what}`);
    try {
      rows.push(...(await measure.run(bench)));
    } catch (error) {
      failed++;
      rows.push({ measure: `${measure.name} (${measure.what})`, value: `FAILED: ${messageOf(error).split('\n')[0]}` });
    }
  }
} finally {
  await browser.close();
  await stack.stop();
  rmSync(stateDir, { recursive: true, force: true });
}

const verdict = ({ ratio, target }: Row) => {
  if (target === undefined || ratio === undefined) return '';
  const met = target.at === '≤' ? ratio <= target.value : ratio >= target.value;
  return `${target.at} ${target.value.toFixed(2)} ${met ? 'met' : 'MISSED'}`;
};
const header = ['measure', 'PermaNet', 'reference', 'ratio', 'target'];
const cells = rows.map((row) => [
  row.measure,
  row.value,
  row.reference ?? '',
  row.ratio === undefined ? '' : row.ratio.toFixed(2),
  verdict(row),
]);
const widths = header.map((title, c) => Math.max(title.length, ...cells.map((r) => r[c].length)));
const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
console.log(`\n${line(header)}`);
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of cells) console.log(line(row));
console.log(
  `\n(${RUNS} runs per latency, ${FETCH_RUNS} fetches per throughput; ${failed} measure(s) failed; ` +
    `${new Date().toISOString()}, ${process.version})`,
);
process.exit(failed > 0 ? 1 : 0);
