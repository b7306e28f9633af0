// permanet-relay: starts a provider node from p2p_config.yaml and command-line flags.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '@permanet/core/config/fields';
import { applyFlags, helpText, parseArgsOptions } from './config/cli-flags.ts';
import { configYaml } from './config/config-yaml.ts';
import { parseRelayConfig, readConfigDocument, relaySettings } from './config/relay-config.ts';
import { createLogger } from './log.ts';
import { asError } from '@permanet/core/errors/permanet-error';

async function main() {
  const { values } = parseArgs({ options: parseArgsOptions(relaySettings) });
  if (values.help) return void process.stdout.write(helpText(relaySettings));
  if (values['print-config']) return void process.stdout.write(configYaml(relaySettings));

  const given = typeof values.config === 'string' ? values.config : undefined;
  const configPath = given ?? (existsSync('p2p_config.yaml') ? 'p2p_config.yaml' : undefined);
  const document = configPath !== undefined ? readConfigDocument(configPath) : {};
  // Flags override the file; both go through the same validation.
  applyFlags(relaySettings, document, values);
  const baseDir = configPath !== undefined ? dirname(resolve(configPath)) : process.cwd();
  const config = parseRelayConfig(document, baseDir, configPath ?? 'command-line flags');
  const log = createLogger(config.logLevel);
  // A daemon that peers talk to must not fall over on a stray rejection deep in a library.
  process.on('unhandledRejection', (reason) =>
    log.error('process.unhandled_rejection', { error: reason instanceof Error ? reason : String(reason) }),
  );
  // Loaded once the flags are read: --help and a bad config need neither libp2p nor the typed ABIs
  // that a build generates.
  const { createRelay } = await import('./relay.ts');
  const relay = await createRelay(config, log);
  log.info('relay.ready', { ...relay.status() });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('relay.stopping', { signal });
    await relay.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(`permanet-relay: ${error instanceof ConfigError ? error.message : asError(error).stack}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
