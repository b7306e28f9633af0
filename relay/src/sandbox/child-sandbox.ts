// A child process that runs what could stall or exhaust the relay: a model's session, a circuit's
// witness and proof. Each call has a time limit and the child a memory cap (its resident set, read
// from /proc while a call is in flight, and V8's heap limit); past either the child is killed with
// SIGKILL, every call in it is answered with SandboxLimitError, and whoever owns the sandbox
// replaces it. The relay's own event loop, and so /health, libp2p and bitswap, never waits on it.
import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { PermaNetError } from '@permanet/core/errors/permanet-error';
import type { SandboxReply, SandboxRequest } from './sandbox-messages.ts';

export interface SandboxLimits {
  /** How long one call may take, in milliseconds. */
  timeoutMs: number;
  /** The most resident memory the child may hold, in bytes. */
  memoryBytes: number;
}

/** A call ran past the sandbox's time or memory: the child was killed. */
export class SandboxLimitError extends PermaNetError {
  override name = 'SandboxLimitError';
  readonly limit: 'timeout' | 'memory';
  constructor(limit: 'timeout' | 'memory', message: string) {
    super(message);
    this.limit = limit;
  }
}

/** The child is gone (killed, crashed or closed): nothing more runs in it. */
export class SandboxGoneError extends PermaNetError {
  override name = 'SandboxGoneError';
}

/** An error the called function threw in the child, with its name kept. */
export class SandboxCallError extends PermaNetError {
  override name = 'SandboxCallError';
  readonly remoteName: string;
  constructor(remoteName: string, message: string) {
    super(message);
    this.remoteName = remoteName;
  }
}

/** How often the child's resident memory is read while a call is in flight. */
const MEMORY_POLL_MS = 50;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class ChildSandbox {
  readonly #child: ChildProcess;
  readonly #limits: SandboxLimits;
  readonly #what: string;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #gone: Error | null = null;
  #memoryPoll: ReturnType<typeof setInterval> | null = null;

  /** Starts `entry` (a module that calls serveSandbox) as a child process; `what` names it in errors. */
  constructor(entry: URL, limits: SandboxLimits, what: string) {
    this.#limits = limits;
    this.#what = what;
    const heapMb = Math.max(64, Math.floor(limits.memoryBytes / 2 ** 20));
    this.#child = fork(entry, [], {
      // Structured clone: typed arrays (tensors, model bytes) cross without JSON.
      serialization: 'advanced',
      execArgv: [
        ...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')),
        `--max-old-space-size=${heapMb}`,
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (message: SandboxReply) => this.#settle(message));
    this.#child.on('exit', (code, signal) =>
      this.#end(new SandboxGoneError(`the ${what} process exited (${signal ?? `code ${code}`})`)),
    );
    this.#child.on('error', (error) => this.#end(new SandboxGoneError(`the ${what} process failed: ${error.message}`)));
  }

  /** The child's process id (for tests and logs). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  get alive(): boolean {
    return this.#gone === null;
  }

  /** Calls `method` in the child; rejects with SandboxLimitError past the limits. */
  call<T>(method: string, args: unknown): Promise<T> {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.#kill(
            new SandboxLimitError('timeout', `the ${this.#what} ran past its limit of ${this.#limits.timeoutMs} ms`),
          ),
        this.#limits.timeoutMs,
      );
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.#watchMemory();
      const request: SandboxRequest = { id, method, args };
      this.#child.send(request, (error) => {
        if (error) this.#kill(new SandboxGoneError(`cannot reach the ${this.#what} process: ${error.message}`));
      });
    });
  }

  /** Stops the child; calls in flight are answered with SandboxGoneError. */
  close(): void {
    this.#kill(new SandboxGoneError(`the ${this.#what} process was closed`));
  }

  #settle(message: SandboxReply) {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    if (this.#pending.size === 0) this.#stopMemoryWatch();
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new SandboxCallError(message.error.name, message.error.message));
  }

  #kill(reason: Error) {
    if (this.#gone) return;
    this.#child.kill('SIGKILL');
    this.#end(reason);
  }

  #end(reason: Error) {
    if (this.#gone) return;
    this.#gone = reason;
    this.#stopMemoryWatch();
    for (const { reject, timer } of this.#pending.values()) {
      clearTimeout(timer);
      reject(reason);
    }
    this.#pending.clear();
  }

  #watchMemory() {
    if (this.#memoryPoll || this.#child.pid === undefined) return;
    const status = `/proc/${this.#child.pid}/status`;
    this.#memoryPoll = setInterval(() => {
      void readFile(status, 'utf8').then(
        (text) => {
          const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(text)?.[1] ?? 0);
          if (kib * 1024 > this.#limits.memoryBytes)
            this.#kill(
              new SandboxLimitError(
                'memory',
                `the ${this.#what} held ${Math.round(kib / 1024)} MiB, past its limit of ` +
                  `${Math.round(this.#limits.memoryBytes / 2 ** 20)} MiB`,
              ),
            );
        },
        // No /proc (not Linux): the heap limit alone caps it.
        () => this.#stopMemoryWatch(),
      );
    }, MEMORY_POLL_MS);
  }

  #stopMemoryWatch() {
    if (this.#memoryPoll) clearInterval(this.#memoryPoll);
    this.#memoryPoll = null;
  }
}
