import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@permanet/core/config/fields';
import { applyFlags, helpText, parseArgsOptions } from './cli-flags.ts';
import { configYaml } from './config-yaml.ts';
import { parseRelayConfig, relaySettings } from './relay-config.ts';

const flags = (args: string[], document: Record<string, unknown> = {}) => {
  const { values } = parseArgs({ args, options: parseArgsOptions(relaySettings) });
  applyFlags(relaySettings, document, values);
  return document;
};

describe("the relay's flags, made from the settings' declarations", () => {
  it('write into the YAML document where each setting is, appending or replacing lists', () => {
    const document = flags(
      [
        '--max-batch',
        '8',
        '--pin',
        'b.onnx',
        '--listen',
        '/ip4/127.0.0.1/tcp/1/ws',
        '--compute-key',
        'key',
        '--no-proving',
      ],
      { pin: { files: ['a.onnx'], max_bytes: 10 }, listen: ['/ip4/127.0.0.1/tcp/2/ws'] },
    );
    expect(document).toMatchObject({
      inference: { max_batch: 8 },
      pin: { files: ['a.onnx', `${process.cwd()}/b.onnx`], max_bytes: 10 },
      listen: ['/ip4/127.0.0.1/tcp/1/ws'],
      compute: { enabled: true, account_key_file: `${process.cwd()}/key` },
      proving: { enabled: false },
    });
    const config = parseRelayConfig(document, '/srv');
    expect(config.inference.maxBatch).toBe(8);
    expect(config.compute.enabled).toBe(true);
    expect(config.proving.enabled).toBe(false);
  });

  it('are validated as the fields they set', () => {
    const error = (() => {
      try {
        parseRelayConfig(flags(['--max-batch', '0', '--http-port', 'eighty', '--log-level', 'chatty']), '/', 'flags');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual(
      expect.arrayContaining([
        'inference.max_batch: must be an integer from 1 to 1024, got 0',
        'http.port: must be an integer from 0 to 65535, got NaN',
        'log_level: must be one of debug, info, warn, error, got "chatty"',
      ]),
    );
  });

  it('are each in --help once, and p2p_config.yaml is every setting with its meaning and default', () => {
    const help = helpText(relaySettings);
    for (const name of Object.keys(parseArgsOptions(relaySettings)))
      expect(help.match(new RegExp(`^  --${name}\\b(?!-)`, 'gm')), name).toHaveLength(1);
    const committed = readFileSync(new URL('../../../p2p_config.yaml', import.meta.url), 'utf8');
    expect(committed).toBe(configYaml(relaySettings));
  });
});
