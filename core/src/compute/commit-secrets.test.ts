import { describe, expect, it } from 'vitest';
import { documentCommitSecrets } from './commit-secrets.ts';

const secret = (n: number) => ({
  outputHash: `0x${n.toString(16).padStart(64, '0')}` as const,
  salt: `0x${(n + 1).toString(16).padStart(64, '0')}` as const,
});

describe('documentCommitSecrets', () => {
  it('keeps every secret saved at once, survives a reload, and forgets removed ones', async () => {
    let stored: string | null = null;
    const open = () =>
      documentCommitSecrets(
        async () => stored,
        async (text) => {
          stored = text;
        },
      );
    const secrets = open();
    await Promise.all([1, 2, 3, 4].map((n) => secrets.save(BigInt(n), secret(n))));
    await secrets.remove(2n);
    const reopened = await open().all();
    expect([...reopened.keys()]).toEqual([1n, 3n, 4n]);
    expect(reopened.get(3n)).toEqual(secret(3));
  });

  it('fails a save loudly when the store cannot be written, and keeps what was there', async () => {
    let stored: string | null = null;
    let broken = false;
    const secrets = documentCommitSecrets(
      async () => stored,
      async (text) => {
        if (broken) throw new Error('disk full');
        stored = text;
      },
    );
    await secrets.save(1n, secret(1));
    broken = true;
    await expect(secrets.save(2n, secret(2))).rejects.toThrow('disk full');
    expect([...(await secrets.all()).keys()]).toEqual([1n]);
  });
});
