// What a node must keep between its commit and its reveal: the output hash and the salt. Lost,
// the node cannot reveal and is slashed; so each is stored before the commit is sent, and a node
// that restarts reveals what it committed to. The relay keeps them in a file in its data dir,
// a tab in localStorage; both go through this interface.
import type { Hex } from 'viem';

export interface CommitSecret {
  outputHash: Hex;
  salt: Hex;
}

export interface CommitSecrets {
  save(taskId: bigint, secret: CommitSecret): Promise<void>;
  remove(taskId: bigint): Promise<void>;
  /** Every secret kept, by task id: the tasks still to reveal. */
  all(): Promise<Map<bigint, CommitSecret>>;
}

/** Secrets as one JSON document behind `read` and `write` (a file, a localStorage entry). */
export function documentCommitSecrets(
  read: () => Promise<string | null>,
  write: (text: string) => Promise<void>,
): CommitSecrets {
  const load = async (): Promise<Record<string, CommitSecret>> => {
    const text = await read();
    if (!text) return {};
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, CommitSecret>) : {};
  };
  // One change at a time: two commits saved together must not overwrite each other.
  let last: Promise<unknown> = Promise.resolve();
  const change = (edit: (all: Record<string, CommitSecret>) => void) => {
    const next = last.then(async () => {
      const all = await load();
      edit(all);
      await write(JSON.stringify(all));
    });
    last = next.catch(() => {});
    return next;
  };
  return {
    save: (taskId, secret) =>
      change((all) => {
        all[taskId.toString()] = secret;
      }),
    remove: (taskId) => change((all) => void delete all[taskId.toString()]),
    all: async () => new Map(Object.entries(await last.then(load)).map(([id, secret]) => [BigInt(id), secret])),
  };
}
