// The token that admits a caller to the HTTP port's admin routes (DELETE /ipfs/<cid>), kept in the
// data directory as Kubo keeps its RPC API apart from its gateway: whoever can read the relay's
// files may administer it, a web page that reaches the port may not. Compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PermaNetError, messageOf } from '@permanet/core/errors/permanet-error';

export const ADMIN_TOKEN_FILE = 'admin-token';

/** Reads the data directory's admin token, creating it (32 random bytes, hex, mode 0600) if absent. */
export async function loadOrCreateAdminToken(dataDir: string): Promise<{ token: string; file: string }> {
  const file = join(dataDir, ADMIN_TOKEN_FILE);
  try {
    const token = (await readFile(file, 'utf8')).trim();
    if (token.length < 32) throw new PermaNetError(`the admin token in ${file} is shorter than 32 characters`);
    return { token, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new PermaNetError(`cannot read the admin token at ${file}: ${messageOf(error)}`);
    }
  }
  const token = randomBytes(32).toString('hex');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return { token, file };
}

/** Whether an `Authorization: Bearer <token>` header carries `token`; the time taken says nothing of it. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  // Digests first: equal lengths for timingSafeEqual, whatever length was sent.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}
