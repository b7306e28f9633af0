// What a previous `npm start` left behind if it was killed before it could stop its children
// (kill -9, a closed terminal): their process groups are recorded, and the next start ends them,
// so a second start never needs manual clean-up.
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'processes.json';
const OURS = /hardhat|permanet-relay/;

function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return null;
  }
}

const alive = (pid: number) => commandLine(pid) !== null;

/** Ends the recorded process groups that are still running one of our commands, and waits
 * (up to 5 s) until they are gone, so their ports are free again. */
export async function endStaleProcesses(stateDir: string): Promise<number[]> {
  let pids: number[];
  try {
    pids = JSON.parse(readFileSync(join(stateDir, FILE), 'utf8'));
  } catch {
    return [];
  }
  const ended = pids.filter((pid) => OURS.test(commandLine(pid) ?? ''));
  for (const pid of ended) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(join(stateDir, FILE), { force: true });
  // These are not our children, so no exit event reaches us: look again until they are gone.
  for (let waited = 0; ended.some(alive) && waited < 5000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return ended;
}

export function recordProcesses(stateDir: string, pids: number[]): void {
  writeFileSync(join(stateDir, FILE), JSON.stringify(pids));
}

export function forgetProcesses(stateDir: string): void {
  rmSync(join(stateDir, FILE), { force: true });
}
