// http: in p2p_config.yaml: the loopback HTTP server (health, status, metrics, plain fetches).
import { integer, section, text, type Values } from '../config/settings.ts';

export const httpSettings = section({
  key: 'http',
  settings: {
    host: text({
      key: 'host',
      doc: 'The address it listens on (loopback: it checks no caller).',
      default: '127.0.0.1',
    }),
    port: integer({
      key: 'port',
      doc: 'Its port (0: any free one).',
      min: 0,
      max: 65535,
      default: 4080,
      flag: {
        name: 'http-port',
        arg: 'port',
        doc: 'loopback HTTP port for health, status and plain fetches (0: any free)',
      },
    }),
  },
});

export type HttpSettings = Values<typeof httpSettings.settings>;
