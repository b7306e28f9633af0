// The child's side of a ChildSandbox: answers each request with what its handler returns, or the
// error it threw (name and message), over the IPC channel the parent opened.
import { Worker } from 'node:worker_threads';
import type { SandboxReply, SandboxRequest } from './sandbox-messages.ts';

// A watchdog on a thread of its own: if the relay dies (SIGKILL, a crash) while this process is
// stuck in a model's native code or a circuit's wasm, nothing on the main thread runs again, so
// the thread kills the process once it has been handed to another parent.
const WATCHDOG = `
  const { workerData } = require('node:worker_threads');
  setInterval(() => { if (process.ppid !== workerData) process.kill(process.pid, 'SIGKILL'); }, 500);
`;

// biome-ignore lint/suspicious/noExplicitAny: each handler declares its own arguments
export type SandboxHandlers = Record<string, (args: any) => Promise<unknown> | unknown>;

export function serveSandbox(handlers: SandboxHandlers): void {
  new Worker(WATCHDOG, { eval: true, workerData: process.ppid }).unref();
  const send = (reply: SandboxReply) => process.send?.(reply);
  process.on('message', async ({ id, method, args }: SandboxRequest) => {
    try {
      const handler = handlers[method];
      if (!handler) throw new TypeError(`no such method: ${method}`);
      send({ id, ok: true, result: await handler(args) });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      send({ id, ok: false, error: { name: e.name, message: e.message } });
    }
  });
  // The parent gone, nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
}
