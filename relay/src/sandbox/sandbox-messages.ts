// What a ChildSandbox and its child say to each other over the IPC channel.
export interface SandboxRequest {
  id: number;
  method: string;
  args: unknown;
}

export type SandboxReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };
