// dns: in p2p_config.yaml: the relay's resolver for PermaNet names, over DNS-over-HTTPS on the HTTP
// port (/dns-query) and plain DNS over UDP on a loopback port.
import { boolean, integer, section, text } from '../config/settings.ts';

export const dnsSettings = section({
  key: 'dns',
  doc: "Answers DNS for names under PermaNet's TLDs, from the chain (needs chain.deployments).",
  settings: {
    enabled: boolean({ key: 'enabled', doc: 'Whether the resolver runs.', default: true }),
    udpHost: text({
      key: 'udp_host',
      doc: 'The address plain DNS (UDP) listens on; loopback unless the operator opens it.',
      default: '127.0.0.1',
    }),
    udpPort: integer({
      key: 'udp_port',
      doc: 'The UDP port for plain DNS (0: any free port, as the tests use).',
      min: 0,
      max: 65_535,
      default: 8053,
      flag: { name: 'dns-port', arg: 'port', doc: 'the UDP port plain DNS listens on' },
    }),
    maxTtlS: integer({
      key: 'max_ttl_s',
      doc: "The longest TTL an answer carries (never past the name's expiry), and how long it is cached.",
      min: 1,
      max: 86_400,
      default: 300,
    }),
    queriesPerSecond: integer({
      key: 'queries_per_second',
      doc: 'Queries answered per second from one IP address (a short burst of twice that).',
      min: 1,
      max: 1_000_000,
      default: 50,
    }),
  },
});
