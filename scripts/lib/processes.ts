// Child processes for the local stack: each runs in its own process group so that stopping it
// stops everything it started, and readiness is a line it prints, never a sleep.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves with the first stdout line that `match` accepts; rejects if the child exits first. */
  waitForLine<T>(match: (line: string) => T | undefined, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
  /** Ends it the way a crash or a power cut would: SIGKILL, no chance to clean up. */
  kill(): Promise<void>;
}

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; echo?: boolean },
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: child.stdout! });
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
    if (options.echo) process.stdout.write(`[${name}] ${line}\n`);
  };
  lines.on('line', remember);
  createInterface({ input: child.stderr! }).on('line', remember);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return {
    name,
    process: child,
    waitForLine(match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => fail(new Error(`${name} did not become ready in ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        const onLine = (line: string) => {
          const value = match(line);
          if (value !== undefined) {
            cleanup();
            resolve(value);
          }
        };
        const fail = (error: Error) => {
          cleanup();
          reject(new Error(`${error.message}\n--- last lines of ${name} ---\n${recent.join('\n')}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          lines.off('line', onLine);
        };
        lines.on('line', onLine);
        exited.then((code) => fail(new Error(`${name} exited with code ${code} before it was ready`)));
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {}
      }, 5000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        return;
      }
      await exited;
    },
  };
}
