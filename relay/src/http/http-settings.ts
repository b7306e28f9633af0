// http: in p2p_config.yaml: the loopback HTTP server (health, status, metrics, plain fetches).
import { integer, list, section, text, type Values } from '../config/settings.ts';

export const httpSettings = section({
  key: 'http',
  settings: {
    host: text({
      key: 'host',
      doc: 'The address it listens on (loopback: its admin routes want the token in the data dir).',
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
    allowedHosts: list({
      key: 'allowed_hosts',
      doc:
        "Host names it answers to besides the loopback ones (a reverse proxy's name); a request naming any " +
        'other Host is refused, which stops DNS rebinding.',
      default: [],
    }),
    corsOrigins: list({
      key: 'cors_origins',
      doc: 'The app origins whose pages may read its answers (CORS); no other page can.',
      default: [],
    }),
  },
});

export type HttpSettings = Values<typeof httpSettings.settings>;
