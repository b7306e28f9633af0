// The relay's identity: an Ed25519 key kept in the data directory, so its peer id (and every
// multiaddr that browsers have cached) survives restarts.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import { PermaNetError, messageOf } from '@permanet/core/errors/permanet-error';

export async function loadOrCreatePeerKey(dataDir: string): Promise<PrivateKey> {
  const path = join(dataDir, 'peer.key');
  try {
    return privateKeyFromProtobuf(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new PermaNetError(`cannot read the peer key at ${path}: ${messageOf(error)}`);
    }
  }
  const key = await generateKeyPair('Ed25519');
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, privateKeyToProtobuf(key), { mode: 0o600 });
  return key;
}
