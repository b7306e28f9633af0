import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bearerMatches, loadOrCreateAdminToken } from './admin-token.ts';

describe('the admin token', () => {
  it('is created once in the data dir, private to its owner, and read back after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'admin-token-'));
    const first = await loadOrCreateAdminToken(dir);
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateAdminToken(dir)).token).toBe(first.token);
  });

  it('refuses a token too short to guess at', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'admin-token-'));
    writeFileSync(join(dir, 'admin-token'), 'secret\n');
    await expect(loadOrCreateAdminToken(dir)).rejects.toThrow('shorter than 32 characters');
  });

  it('admits only the exact bearer token', () => {
    const token = 'a'.repeat(64);
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches('Bearer ', token)).toBe(false);
    expect(bearerMatches(undefined, token)).toBe(false);
  });
});
