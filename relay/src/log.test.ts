import { describe, expect, it } from 'vitest';
import { createLogger, sanitize } from './log.ts';

describe('sanitize', () => {
  it('escapes control characters so a peer cannot forge log lines or terminal escapes', () => {
    expect(sanitize('evil\n{"level":"error"}\u001b[31m')).toBe('evil\\u000a{"level":"error"}\\u001b[31m');
  });

  it('caps long strings', () => {
    expect(sanitize('x'.repeat(600))).toHaveLength(513);
  });
});

describe('createLogger', () => {
  it('writes one JSON object per line at or above its level', () => {
    const lines: string[] = [];
    const log = createLogger('info', (line) => lines.push(line));
    log.debug('hidden');
    log.info('peer.connect', { peer: 'a\nb', count: 2n });
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 'info', event: 'peer.connect', peer: 'a\\u000ab', count: '2' });
  });
});
