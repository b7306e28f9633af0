import { fork } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ChildSandbox, SandboxCallError, SandboxGoneError, SandboxLimitError } from './child-sandbox.ts';

const CHILD = new URL('./fixtures/test-child.ts', import.meta.url);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a child sandbox', () => {
  it('answers calls with structured clones, and errors with their names', async () => {
    const sandbox = new ChildSandbox(CHILD, { timeoutMs: 10_000, memoryBytes: 2 ** 30 }, 'test');
    const data = new BigInt64Array([1n, -2n]);
    expect(await sandbox.call('echo', { data })).toEqual({ data });
    const failed = await sandbox.call('fail', null).catch((e) => e);
    expect(failed).toBeInstanceOf(SandboxCallError);
    expect(failed).toMatchObject({ remoteName: 'RangeError', message: 'refused in the child' });
    expect(sandbox.alive).toBe(true);
    sandbox.close();
    expect(await sandbox.call('echo', 1).catch((e) => e)).toBeInstanceOf(SandboxGoneError);
  });

  it('kills a call that spins past its time limit, with every call in flight', async () => {
    const sandbox = new ChildSandbox(CHILD, { timeoutMs: 1000, memoryBytes: 2 ** 30 }, 'test');
    await sandbox.call('echo', null);
    const pid = sandbox.pid!;
    const started = performance.now();
    const [spun, queued] = await Promise.all([
      sandbox.call('spin', null).catch((e) => e),
      sandbox.call('echo', 'behind it').catch((e) => e),
    ]);
    expect(spun).toBeInstanceOf(SandboxLimitError);
    expect(spun).toMatchObject({ limit: 'timeout' });
    expect(queued).toBeInstanceOf(SandboxLimitError);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(sandbox.alive).toBe(false);
    await expect.poll(() => alive(pid)).toBe(false);
  });

  it('kills a child whose resident memory passes its cap', async () => {
    const sandbox = new ChildSandbox(CHILD, { timeoutMs: 30_000, memoryBytes: 256 * 2 ** 20 }, 'test');
    const swelled = await sandbox.call('swell', null).catch((e) => e);
    expect(swelled).toBeInstanceOf(SandboxLimitError);
    expect(swelled).toMatchObject({ limit: 'memory' });
  });

  it('dies with its parent even while stuck', async () => {
    const parent = fork(new URL('./fixtures/spinning-parent.ts', import.meta.url), [], { stdio: 'pipe' });
    const [line] = (await once(parent.stdout!, 'data')) as [Buffer];
    const child = Number(line.toString().trim());
    expect(alive(child)).toBe(true);
    parent.kill('SIGKILL');
    await expect.poll(() => alive(child), { timeout: 5000 }).toBe(false);
  });
});
