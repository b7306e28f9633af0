import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@permanet/core/config/fields';
import { DEFAULT_CONFIG, loadRelayConfig, parseRelayConfig } from './relay-config.ts';

describe('parseRelayConfig', () => {
  it('fills defaults and resolves paths against the config file', () => {
    const config = parseRelayConfig({ data_dir: 'state', pin: { files: ['a.onnx'] } }, '/srv/relay');
    expect(config.dataDir).toBe('/srv/relay/state');
    expect(config.pin.files).toEqual(['/srv/relay/a.onnx']);
    expect(config.listen).toEqual(DEFAULT_CONFIG.listen);
    expect(config.http).toEqual({ host: '127.0.0.1', port: 4080, allowedHosts: [], corsOrigins: [] });
  });

  it('gives one message per bad field', () => {
    try {
      parseRelayConfig(
        {
          listen: ['/ip4/127.0.0.1/tcp/4003', 'not a multiaddr'],
          http: { port: 'eighty' },
          relay: { max_reservations: 0 },
          inference: {
            enabled: 'yes',
            max_batch: 0,
            batch_wait_ms: -1,
            gpu: true,
            substitute: ['not-a-cid=model.onnx', 'bafkreifyit2zg7xqde4hhuwhcjou2e2mxe2jmb7gjqifjdqjjogl3pl4bi'],
          },
          compute: { enabled: true, region: 'Paris' },
          proving: { max_queue: -1, proofs_per_minute: 'many', accelerator: 'fpga' },
          log_level: 'chatty',
          colour: 'blue',
        },
        '/',
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const issues = (error as ConfigError).issues;
      expect(issues).toContain(
        'colour: unknown field (known: data_dir, listen, announce, http, relay, connections, pin, inference, ' +
          'compute, proving, dns, ballots, chain, log_level)',
      );
      expect(issues).toContain('proving.max_queue: must be an integer from 0 to 10000, got -1');
      expect(issues).toContain('proving.proofs_per_minute: must be an integer from 1 to 100000, got "many"');
      expect(issues.some((i) => i.startsWith('proving.accelerator: unknown field'))).toBe(true);
      expect(issues).toContain('inference.enabled: must be true or false, got "yes"');
      expect(issues).toContain('inference.max_batch: must be an integer from 1 to 1024, got 0');
      expect(issues).toContain('inference.batch_wait_ms: must be an integer from 0 to 1000, got -1');
      expect(issues.some((i) => i.startsWith('inference.gpu: unknown field'))).toBe(true);
      expect(issues).toContain('inference.substitute[0]: must be <weights CID>=<file>');
      expect(issues).toContain('inference.substitute[1]: must be <weights CID>=<file>');
      expect(issues).toContain('compute.region: must be a geohash prefix of 1 to 8 characters');
      expect(issues.some((i) => i.startsWith('compute.account_key_file: is needed when compute.enabled is true'))).toBe(
        true,
      );
      expect(issues).toContain('http.port: must be an integer from 0 to 65535, got "eighty"');
      expect(issues).toContain('relay.max_reservations: must be an integer from 1 to 100000, got 0');
      expect(issues).toContain('log_level: must be one of debug, info, warn, error, got "chatty"');
      expect(issues.some((i) => i.startsWith('listen[0]: must be a websocket address'))).toBe(true);
      expect(issues.some((i) => i.startsWith('listen[1]: is not a multiaddr'))).toBe(true);
    }
  });

  it('reports a missing file and bad YAML as config errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-config-'));
    expect(() => loadRelayConfig(join(dir, 'missing.yaml'))).toThrow(/cannot read the file \(ENOENT\)/);
    writeFileSync(join(dir, 'bad.yaml'), 'listen: [unclosed\n');
    expect(() => loadRelayConfig(join(dir, 'bad.yaml'))).toThrow(/is not valid YAML/);
  });
});
